/**
 * Time-ordered lists in KVS: entries under `<prefix><inverted time>:…` come back newest first from a
 * prefix query; the lists are bounded by a TTL on each entry and by trimming to the newest N.
 */
import { kvs, WhereConditions } from '@forge/kvs';

const PAGE = 100;

/** One page of a list, newest first. */
export async function listPage<T>(prefix: string, limit: number, cursor?: string): Promise<{ values: T[]; nextCursor?: string }> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(Math.max(1, Math.min(PAGE, Math.floor(limit))));
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany<T>();
  return { values: page.results.map((r) => r.value), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Deletes the entries beyond the newest `keep`; returns how many were deleted. */
export async function trimList(prefix: string, keep: number): Promise<number> {
  let seen = 0;
  let deleted = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const r of page.results) {
      seen += 1;
      if (seen > keep) {
        await kvs.delete(r.key);
        deleted += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return deleted;
}
