/** Seconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date), when it says. */
export function retryAfterSeconds(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}
