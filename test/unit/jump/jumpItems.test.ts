import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { findJumpItems, lookupJumpItems, MAX_LOOKED_UP_ASSETS, type ConfigPageSource } from '../../../src/jump/jumpItems';
import { PraError } from '../../../src/pra/errors';

type Page = { items: Record<string, unknown>[]; next?: string };

/** A Configuration API stand-in answering by path (a plain object implementing the interface the module needs). */
function source(answer: (path: string) => Page | Promise<Page>): ConfigPageSource & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    async configPage<T>(path: string) {
      paths.push(path);
      return (await answer(path)) as { items: T[]; next?: string };
    },
  };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('Jump Items for an asset', () => {
  it('asks Jump Items and Jump Clients by exact name and host name, encoded, and merges the answers', async () => {
    const rdp = { id: 1, name: 'R&D #1', hostname: 'rd1.corp', type: 'remote-rdp' };
    const pra = source((path) => {
      if (path.startsWith('jump-item?name=')) return { items: [rdp] };
      if (path.startsWith('jump-item?hostname=')) return { items: [rdp] };
      if (path.startsWith('jump-client?name=')) return { items: [{ id: 1, name: 'R&D #1', hostname: 'laptop' }] };
      return { items: [] };
    });
    expect(await findJumpItems(pra, 'R&D #1')).toEqual({
      items: [
        { id: 1, name: 'R&D #1', hostname: 'rd1.corp', type: 'remote-rdp' },
        { id: 1, name: 'R&D #1', hostname: 'laptop', type: 'jump-client' },
      ],
      truncated: false,
    });
    expect(pra.paths.sort()).toEqual([
      'jump-client?hostname=R%26D%20%231&per_page=50',
      'jump-client?name=R%26D%20%231&per_page=50',
      'jump-item?hostname=R%26D%20%231&per_page=50',
      'jump-item?name=R%26D%20%231&per_page=50',
    ]);
  });

  it('follows next pages up to the limit and says when more matched', async () => {
    const pra = source((path) =>
      path.startsWith('jump-item?name=')
        ? { items: [{ id: path.length, name: 'a', hostname: 'a', type: 'shell-jump' }], next: `${path}&current_page=x` }
        : { items: [] },
    );
    const result = await findJumpItems(pra, 'a', { maxPages: 3 });
    expect(result?.items).toHaveLength(3);
    expect(result?.truncated).toBe(true);
  });

  it('cannot claim absence when a query failed, but shows what the others found', async () => {
    const forbidden = new PraError('forbidden', 'not allowed', 403);
    expect(await findJumpItems(source(() => Promise.reject(forbidden)), 'a')).toBeUndefined();
    const partial = source((path) => (path.startsWith('jump-client') ? Promise.reject(forbidden) : { items: [] }));
    expect(await findJumpItems(partial, 'a')).toBeUndefined();
    const found = source((path) => (path.startsWith('jump-client') ? Promise.reject(forbidden) : { items: [{ id: 7, name: 'a', hostname: 'a', type: 'web-jump' }] }));
    expect((await findJumpItems(found, 'a'))?.items).toEqual([{ id: 7, name: 'a', hostname: 'a', type: 'web-jump' }]);
  });

  it('treats a collection the appliance does not have (404) as empty', async () => {
    const pra = source((path) => (path.startsWith('jump-client') ? Promise.reject(new PraError('http', 'nope', 404)) : { items: [] }));
    expect(await findJumpItems(pra, 'a')).toEqual({ items: [], truncated: false });
  });

  it('gives up at the time budget and keeps the lookups that finished', async () => {
    jest.useFakeTimers();
    const pra = source((path) => (path.includes('=slow') ? new Promise<Page>(() => {}) : { items: [] }));
    const pending = lookupJumpItems(pra, ['fast', 'slow'], { budgetMs: 3000 });
    await jest.advanceTimersByTimeAsync(3000);
    const result = await pending;
    expect([...result.keys()]).toEqual(['fast']);
  });

  it(`looks up at most ${MAX_LOOKED_UP_ASSETS} assets (four requests each), whatever the ticket holds`, async () => {
    const pra = source(() => ({ items: [] }));
    const names = Array.from({ length: 12 }, (_, i) => `host-${i}`);
    const result = await lookupJumpItems(pra, names);
    expect([...result.keys()]).toEqual(names.slice(0, MAX_LOOKED_UP_ASSETS));
    expect(pra.paths).toHaveLength(MAX_LOOKED_UP_ASSETS * 4);
  });
});
