/**
 * Structured logging that cannot leak secrets: every value is redacted before it is written.
 * - Fields whose name suggests a secret (secret, token, password, authorization, cookie) are replaced.
 * - In strings, query strings of URLs, Bearer/Basic credentials and registered secret values are masked.
 * Web-trigger URLs carry their token in the query string, so no URL is ever logged whole.
 */

const SECRET_FIELD = /secret|token|password|authorization|cookie|credential/i;
const registeredSecrets = new Set<string>();

/** Masks this exact value wherever it appears in later log lines (e.g. a client secret read from KVS). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) registeredSecrets.add(value);
}

export function redactString(text: string): string {
  let out = text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/gi, '$1?[redacted]')
    .replace(/(\b(?:token|outbound_event_token|access_token|client_secret)=)[^&\s"'<>]+/gi, '$1[redacted]');
  for (const secret of registeredSecrets) out = out.split(secret).join('[secret]');
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) return redactString(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_FIELD.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

type Level = 'info' | 'warn' | 'error';

function write(level: Level, event: string, fields?: Record<string, unknown>): void {
  const line = fields ? `${event} ${JSON.stringify(redact(fields))}` : event;
  console[level](redactString(line));
}

export const log = {
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};
