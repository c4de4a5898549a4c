/** Helpers for KVS keys (KVS orders query results by key, ascending). */

const MAX_TIME = 9_999_999_999_999;

/** A fixed-width number that sorts newest first when used in a key. */
export function invertedTime(ms: number = Date.now()): string {
  return String(MAX_TIME - ms).padStart(13, '0');
}
