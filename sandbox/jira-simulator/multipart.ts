/**
 * A `multipart/form-data` parser (RFC 7578) over raw bytes: binary-safe part bodies, CRLF framing
 * (bare LF tolerated), quoted / escaped / RFC 5987 (`filename*`) file names.
 */
import { HttpError } from '../shared/http';

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  headers: Record<string, string>;
  data: Buffer;
}

const malformed = (why: string) => new HttpError(400, { errorMessages: [`Malformed multipart/form-data request: ${why}.`], errors: {} });

/** The boundary of a `multipart/form-data` Content-Type, or undefined for any other content type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined;
  return parseHeaderParams(contentType).boundary;
}

/** Parameters of a header value like `form-data; name="file"; filename="a b.txt"` (names lower-cased). */
function parseHeaderParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const name = m[1]!.toLowerCase();
    params[name] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return params;
}

/** RFC 5987 `charset'lang'percent-encoded` value. */
function decodeExtValue(value: string): string | undefined {
  const m = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[2]!);
  } catch {
    return undefined;
  }
}

function parsePartHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`bad part header line '${line}'`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  // Every delimiter after the first starts on a new line, so content may contain `--boundary` elsewhere.
  const lineDelimiter = Buffer.from(`\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw malformed('boundary not found');
  for (;;) {
    let cursor = pos + delimiter.length;
    if (body.subarray(cursor, cursor + 2).toString('latin1') === '--') return parts;
    // Skip transport padding and the line break after the delimiter.
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    if (body[cursor] === 0x0d) cursor++;
    if (body[cursor] !== 0x0a) throw malformed('missing line break after boundary');
    cursor++;
    const next = body.indexOf(lineDelimiter, cursor - 1);
    if (next < 0) throw malformed('missing closing boundary');
    const end = body[next - 1] === 0x0d ? next - 1 : next;
    parts.push(parsePart(body.subarray(cursor, Math.max(cursor, end))));
    pos = next + 1;
  }
}

function parsePart(part: Buffer): MultipartPart {
  let headerEnd = part.indexOf('\r\n\r\n');
  let bodyStart = headerEnd + 4;
  if (headerEnd < 0) {
    headerEnd = part.indexOf('\n\n');
    bodyStart = headerEnd + 2;
  }
  if (headerEnd < 0) throw malformed('part without a header section');
  const headers = parsePartHeaders(part.subarray(0, headerEnd).toString('utf8'));
  const disposition = headers['content-disposition'];
  if (!disposition || !/^form-data\b/i.test(disposition)) throw malformed('part without Content-Disposition: form-data');
  const params = parseHeaderParams(disposition);
  if (params.name === undefined) throw malformed('part without a name');
  const filename = (params['filename*'] !== undefined ? decodeExtValue(params['filename*']) : undefined) ?? params.filename;
  return {
    name: params.name,
    ...(filename !== undefined ? { filename } : {}),
    ...(headers['content-type'] !== undefined ? { contentType: headers['content-type'] } : {}),
    headers,
    data: Buffer.from(part.subarray(bodyStart)),
  };
}
