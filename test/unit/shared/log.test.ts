import { describe, expect, it } from '@jest/globals';
import { redact, redactString, registerSecret } from '../../../src/shared/log';

describe('log redaction', () => {
  it('masks query strings of URLs, which carry web-trigger tokens', () => {
    expect(redactString('POST https://abc.webtrigger.atlassian.app/public/123?token=s3cr3t&x=1 failed')).toBe(
      'POST https://abc.webtrigger.atlassian.app/public/123?[redacted] failed',
    );
  });

  it('masks bearer and basic credentials and token parameters', () => {
    expect(redactString('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactString('basic dXNlcjpwYXNz')).toBe('basic [redacted]');
    expect(redactString('body token=abcdef&lsid=1')).toBe('body token=[redacted]&lsid=1');
  });

  it('masks secret-looking fields and registered secret values anywhere', () => {
    registerSecret('client-secret-value-123');
    expect(redact({ clientSecret: 'x', nested: { note: 'the client-secret-value-123 leaked' }, lsid: 'abc' })).toEqual({
      clientSecret: '[redacted]',
      nested: { note: 'the [secret] leaked' },
      lsid: 'abc',
    });
  });
});
