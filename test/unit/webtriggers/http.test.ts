import { describe, expect, it } from '@jest/globals';
import { contentTypeProblem, parseBody } from '../../../src/webtriggers/http';

const req = (body: string, contentType?: string) => ({ method: 'POST', headers: contentType ? { 'Content-Type': [contentType] } : {}, body });

describe('web-trigger bodies (both web triggers)', () => {
  it('accepts JSON, form and plain-text bodies, and a missing type', () => {
    for (const type of [undefined, '', 'application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'application/vnd.pra+json']) {
      expect(contentTypeProblem(type)).toBeUndefined();
    }
  });

  it('refuses multipart, XML and anything else before reading the body', () => {
    expect(contentTypeProblem('multipart/form-data; boundary=x')).toBe('unsupported content type multipart/form-data');
    expect(contentTypeProblem('application/xml')).toBe('unsupported content type application/xml');
    expect(contentTypeProblem('TEXT/HTML')).toBe('unsupported content type text/html');
    expect(parseBody(req('event=support_conference_end', 'multipart/form-data; boundary=x'), 1000)).toEqual({ ok: false, reason: 'unsupported content type multipart/form-data' });
  });

  it('reads forms and JSON, whatever the readable type says', () => {
    expect(parseBody(req('event=x&lsid=y', 'application/x-www-form-urlencoded'), 1000)).toEqual({ ok: true, format: 'form', fields: { event: 'x', lsid: 'y' } });
    expect(parseBody(req('{"event":"x"}', 'application/x-www-form-urlencoded'), 1000)).toEqual({ ok: true, format: 'json', fields: { event: 'x' } });
    expect(parseBody(req('{"event":"x"}'), 1000)).toMatchObject({ ok: true, format: 'json' });
  });

  it('says why a body cannot be read', () => {
    expect(parseBody(req('{bad', 'application/json'), 1000)).toEqual({ ok: false, reason: 'body is not valid JSON' });
    expect(parseBody(req('[1,2]', 'application/json'), 1000)).toEqual({ ok: false, reason: 'JSON body is not an object' });
    expect(parseBody(req('   '), 1000)).toEqual({ ok: false, reason: 'empty body' });
    expect(parseBody(req('x'.repeat(1001)), 1000)).toEqual({ ok: false, reason: 'body larger than 1000 bytes' });
  });
});
