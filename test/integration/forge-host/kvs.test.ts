/** The host's KVS, exercised through the real @forge/kvs client inside resolver invocations. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHostFixture, type HostFixture } from './hostFixture';

let fx: HostFixture;
type Result = { value?: any; error?: { code?: string; status?: number; message?: string } };
const kvs = (payload: Record<string, unknown>) =>
  fx.host.invokeResolver({ moduleKey: 'probe-page', functionKey: 'kvs', payload, accountId: 'admin-1' }) as Promise<Result>;

beforeAll(async () => {
  fx = await startHostFixture();
});
afterAll(() => fx.close());

describe('local Forge host KVS through @forge/kvs', () => {
  it('sets, gets and deletes JSON values; a missing key reads as undefined', async () => {
    await kvs({ op: 'set', key: 'a:1', value: { n: 1, list: ['x'] } });
    expect((await kvs({ op: 'get', key: 'a:1' })).value).toEqual({ n: 1, list: ['x'] });
    await kvs({ op: 'delete', key: 'a:1' });
    expect(await kvs({ op: 'get', key: 'a:1' })).toEqual({});
  });

  it('FAIL_IF_EXISTS creates once and then fails with a 409 ForgeKvsAPIError', async () => {
    const first = await kvs({ op: 'set', key: 'ledger:x', value: 1, options: { keyPolicy: 'FAIL_IF_EXISTS' } });
    expect(first.error).toBeUndefined();
    const second = await kvs({ op: 'set', key: 'ledger:x', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } });
    expect(second.error).toMatchObject({ status: 409, code: 'KEY_ALREADY_EXISTS' });
    expect((await kvs({ op: 'get', key: 'ledger:x' })).value).toBe(1);
  });

  it('expires values after their TTL', async () => {
    await kvs({ op: 'set', key: 'ttl:1', value: 'v', options: { ttl: { value: 10, unit: 'SECONDS' } } });
    expect((await kvs({ op: 'get', key: 'ttl:1' })).value).toBe('v');
    fx.clock.offsetMs += 11_000;
    expect((await kvs({ op: 'get', key: 'ttl:1' })).value).toBeUndefined();
  });

  it('pages a prefix query with cursors, in key order, without other prefixes', async () => {
    for (let i = 0; i < 23; i++) await kvs({ op: 'set', key: `page:${String(i).padStart(2, '0')}`, value: i });
    await kvs({ op: 'set', key: 'pagf:other', value: 'x' });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { value } = await kvs({ op: 'query', prefix: 'page:', limit: 10, cursor });
      seen.push(...value.results.map((r: { value: number }) => r.value));
      cursor = value.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('rejects a query page larger than 100', async () => {
    expect((await kvs({ op: 'query', prefix: 'page:', limit: 101 })).error).toMatchObject({ status: 400 });
  });

  it('keeps secrets out of queries and encrypted at rest', async () => {
    await kvs({ op: 'setSecret', key: 'secret:client', value: 'sup3r-s3cret-value' });
    expect((await kvs({ op: 'getSecret', key: 'secret:client' })).value).toBe('sup3r-s3cret-value');
    const { value } = await kvs({ op: 'query', prefix: 'secret:', limit: 10 });
    expect(value.results).toEqual([]);
    const rows = fx.host.database.db.prepare('SELECT value FROM kvs').all() as Array<{ value: string }>;
    expect(rows.some((r) => r.value.includes('sup3r-s3cret-value'))).toBe(false);
  });

  it('applies a transaction atomically and refuses duplicates and oversized ones', async () => {
    await kvs({ op: 'set', key: 'tx:gone', value: 1 });
    await kvs({ op: 'transact', ops: [{ set: 'tx:a', value: 'A' }, { set: 'tx:b', value: 'B' }, { delete: 'tx:gone' }] });
    expect((await kvs({ op: 'get', key: 'tx:a' })).value).toBe('A');
    expect((await kvs({ op: 'get', key: 'tx:gone' })).value).toBeUndefined();

    const dup = await kvs({ op: 'transact', ops: [{ set: 'tx:c', value: 1 }, { set: 'tx:c', value: 2 }] });
    expect(dup.error).toMatchObject({ status: 400, code: 'DUPLICATE_KEY' });
    const tooMany = await kvs({ op: 'transact', ops: Array.from({ length: 26 }, (_, i) => ({ set: `tx:n${i}`, value: i })) });
    expect(tooMany.error).toMatchObject({ status: 400 });
    expect((await kvs({ op: 'get', key: 'tx:n0' })).value).toBeUndefined();
  });

  it('enforces Forge key and value limits', async () => {
    expect((await kvs({ op: 'set', key: 'bad/key', value: 1 })).error).toMatchObject({ code: 'INVALID_KEY' });
    expect((await kvs({ op: 'set', key: 'k'.repeat(501), value: 1 })).error).toMatchObject({ code: 'KEY_TOO_LONG' });
    expect((await kvs({ op: 'set', key: 'big', value: 'x'.repeat(241 * 1024) })).error).toMatchObject({ code: 'MAX_SIZE' });
  });
});
