/** Session custom attributes (`session.custom.<code_name>`), the external key included, and their limits. */

export const EXTERNAL_KEY = 'external_key';
const MAX_VALUE_CHARS = 1024;
const MAX_TOTAL_BYTES = 10 * 1024;
const PREFIX = 'session.custom.';

/** `session.custom.<code_name>=value` parameters by code name. */
export function sessionCustomParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (key.startsWith(PREFIX)) out[key.slice(PREFIX.length)] = value;
  return out;
}

/** Why these attributes break the documented limits (1024 characters each, 10 KB in all), or null. */
export function attributeLimitError(attributes: Record<string, string>): string | null {
  let total = 0;
  for (const [codeName, value] of Object.entries(attributes)) {
    if (value.length > MAX_VALUE_CHARS) return `The value of ${codeName} exceeds ${MAX_VALUE_CHARS} characters.`;
    total += Buffer.byteLength(value, 'utf8');
  }
  return total > MAX_TOTAL_BYTES ? `The custom attributes exceed ${MAX_TOTAL_BYTES} bytes in total.` : null;
}
