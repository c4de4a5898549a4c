import { describe, expect, it } from '@jest/globals';
import { multipartBoundary, parseMultipart } from '../../../sandbox/jira-simulator/multipart';

const CRLF = '\r\n';

function multipart(boundary: string, parts: { headers: string[]; data: Buffer }[], eol = CRLF): Buffer {
  const chunks: Buffer[] = [Buffer.from(`preamble to ignore${eol}`)];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}${eol}${part.headers.join(eol)}${eol}${eol}`), part.data, Buffer.from(eol));
  }
  chunks.push(Buffer.from(`--${boundary}--${eol}epilogue`));
  return Buffer.concat(chunks);
}

describe('multipartBoundary', () => {
  it('reads quoted and bare boundaries of multipart/form-data only', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('keeps binary content byte for byte across two files', () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const withLineBreaks = Buffer.concat([Buffer.from('line1\r\n--not-the-boundary\r\n'), Buffer.from([0, 13, 10, 13, 10])]);
    const body = multipart('XyZ', [
      { headers: ['Content-Disposition: form-data; name="file"; filename="rec.bin"', 'Content-Type: application/octet-stream'], data: binary },
      { headers: ['Content-Disposition: form-data; name="file"; filename="notes.txt"'], data: withLineBreaks },
    ]);
    const parts = parseMultipart(body, 'XyZ');
    expect(parts).toHaveLength(2);
    expect(parts[0]!.filename).toBe('rec.bin');
    expect(parts[0]!.contentType).toBe('application/octet-stream');
    expect(parts[0]!.data.equals(binary)).toBe(true);
    expect(parts[1]!.filename).toBe('notes.txt');
    expect(parts[1]!.data.equals(withLineBreaks)).toBe(true);
  });

  it('decodes quoted file names with escapes and RFC 5987 names, and form fields without a file name', () => {
    const body = multipart('b', [
      { headers: ['Content-Disposition: form-data; name="file"; filename="say \\"hi\\"; ok.txt"'], data: Buffer.from('1') },
      { headers: [`Content-Disposition: form-data; name="file"; filename="fallback.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`], data: Buffer.from('2') },
      { headers: ['Content-Disposition: form-data; name=comment'], data: Buffer.from('') },
    ]);
    const parts = parseMultipart(body, 'b');
    expect(parts.map((p) => p.filename)).toEqual(['say "hi"; ok.txt', 'résumé.txt', undefined]);
    expect(parts[2]!.name).toBe('comment');
    expect(parts[2]!.data.length).toBe(0);
  });

  it('tolerates bare LF line breaks', () => {
    const body = multipart('lf', [{ headers: ['Content-Disposition: form-data; name="file"; filename="a.txt"'], data: Buffer.from('abc') }], '\n');
    const [part] = parseMultipart(body, 'lf');
    expect(part!.data.toString()).toBe('abc');
  });

  it('rejects bodies without the boundary or without a closing delimiter', () => {
    expect(() => parseMultipart(Buffer.from('nothing here'), 'b')).toThrow(/HTTP 400/);
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'), 'b')).toThrow();
  });
});
