/**
 * HTTP in and out for web triggers: Forge hands us header values as arrays (names in the caller's
 * casing), the body as a string and query parameters as arrays; we answer with statusCode, headers
 * (arrays) and a string body. Authentication by the per-installation token happens here, before any
 * parsing of the body (verify, then parse).
 */
import { verifyToken, TOKEN_QUERY_PARAMETER, type TriggerKind } from '../config/webTriggerTokens';

export interface WebTriggerRequest {
  method: string;
  headers?: Record<string, string[] | string | undefined>;
  body?: string;
  path?: string;
  userPath?: string;
  queryParameters?: Record<string, string[] | string | undefined>;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

function first(value: string[] | string | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A header value, looked up case-insensitively. */
export function header(req: WebTriggerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers ?? {})) {
    if (key.toLowerCase() === wanted) return first(value);
  }
  return undefined;
}

export function queryParam(req: WebTriggerRequest, name: string): string | undefined {
  return first(req.queryParameters?.[name]);
}

export function jsonResponse(statusCode: number, body: unknown): WebTriggerResponse {
  return {
    statusCode,
    headers: { 'Content-Type': ['application/json; charset=utf-8'], 'Cache-Control': ['no-store'] },
    body: JSON.stringify(body),
  };
}

/** True when the request carries this trigger's current token (constant-time comparison). */
export async function authenticate(req: WebTriggerRequest, kind: TriggerKind): Promise<boolean> {
  return verifyToken(kind, queryParam(req, TOKEN_QUERY_PARAMETER));
}

export type ParsedBody =
  | { ok: true; format: 'form' | 'json'; fields: Record<string, unknown> }
  | { ok: false; reason: string };

/** Content types the web triggers read; none at all is read by looking at the body. */
const READABLE_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded', 'text/plain']);

/** Why a body of this content type is not read (multipart, XML, HTML…), or undefined when it is. */
export function contentTypeProblem(contentType: string | undefined): string | undefined {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!base || READABLE_TYPES.has(base) || base.endsWith('+json')) return undefined;
  return `unsupported content type ${base.slice(0, 60)}`;
}

/**
 * Reads a form or JSON body (PRA posts forms; JSON is accepted for tolerance). Within the readable
 * content types the type is a hint: a body that looks like JSON is parsed as JSON even when labelled as
 * a form or plain text.
 */
export function parseBody(req: WebTriggerRequest, maxBytes: number): ParsedBody {
  const type = header(req, 'content-type');
  const problem = contentTypeProblem(type);
  if (problem) return { ok: false, reason: problem };
  const body = req.body ?? '';
  if (Buffer.byteLength(body) > maxBytes) return { ok: false, reason: `body larger than ${maxBytes} bytes` };
  const text = body.trim();
  if (!text) return { ok: false, reason: 'empty body' };
  const declaredJson = (type ?? '').toLowerCase().includes('json');
  if (declaredJson || text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, format: 'json', fields: parsed as Record<string, unknown> };
      return { ok: false, reason: 'JSON body is not an object' };
    } catch {
      if (declaredJson) return { ok: false, reason: 'body is not valid JSON' };
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) fields[k] = v;
  if (Object.keys(fields).length === 0) return { ok: false, reason: 'no form fields in body' };
  return { ok: true, format: 'form', fields };
}
