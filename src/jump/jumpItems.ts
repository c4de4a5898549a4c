/**
 * The Jump Items that match an asset, from the PRA Configuration API (pra-appliance-api.md §4.7), so the
 * technician sees before jumping whether the asset exists in PRA. Optional by design: without the
 * Configuration API permission, on any error, or without an answer in time, the asset simply has no
 * `jumpItems` and the dialog leaves that part out. It never delays the dialog by more than the budget.
 *
 * Matching: Jump Items and Jump Clients whose name or host name equals the asset name (the Configuration
 * API's `name` / `hostname` filters, case-insensitive). The Jump itself searches more loosely (parts of
 * host names, comments, IPs), which the dialog says when nothing matched.
 */
import type { JumpItemSummary } from './contract';
import { PraError } from '../pra/errors';
import { log } from '../shared/log';
import { encodeParam } from './jumpLink';

/** What this module needs of PraClient (its `configPage`). */
export interface ConfigPageSource {
  configPage<T>(pathAndQuery: string): Promise<{ items: T[]; next?: string }>;
}

export interface JumpItemLookup {
  items: JumpItemSummary[];
  truncated: boolean;
}

export interface JumpItemOptions {
  /** Pages followed per query (each up to `perPage` rows). */
  maxPages?: number;
  perPage?: number;
  /** Items kept per asset. */
  limit?: number;
}

/** Overall time for every lookup of one dialog. */
export const JUMP_ITEMS_BUDGET_MS = 3_000;
/**
 * Assets looked up per dialog: each takes four Configuration API requests, and the appliance (about
 * 20 requests a second) and Forge (100 external requests per invocation-minute) both have limits.
 * Further assets get their Jump link without a Jump Item list.
 */
export const MAX_LOOKED_UP_ASSETS = 5;

const QUERIES: [collection: 'jump-item' | 'jump-client', filter: 'name' | 'hostname'][] = [
  ['jump-item', 'name'],
  ['jump-item', 'hostname'],
  ['jump-client', 'name'],
  ['jump-client', 'hostname'],
];

interface ConfigRow {
  id?: unknown;
  name?: unknown;
  hostname?: unknown;
  type?: unknown;
}

function summary(row: ConfigRow, collection: string): JumpItemSummary | undefined {
  const id = typeof row.id === 'number' || typeof row.id === 'string' ? row.id : undefined;
  if (id === undefined) return undefined;
  return {
    id,
    name: typeof row.name === 'string' ? row.name : '',
    hostname: typeof row.hostname === 'string' ? row.hostname : '',
    type: collection === 'jump-client' ? 'jump-client' : typeof row.type === 'string' ? row.type : 'jump-item',
  };
}

/** All rows of one filtered collection, following `Link: rel="next"` up to `maxPages` pages. */
async function listFiltered(pra: ConfigPageSource, collection: string, filter: string, assetName: string, options: Required<JumpItemOptions>) {
  const rows: JumpItemSummary[] = [];
  let next: string | undefined = `${collection}?${filter}=${encodeParam(assetName)}&per_page=${options.perPage}`;
  let more = false;
  for (let page = 0; next; page++) {
    if (page === options.maxPages) {
      more = true;
      break;
    }
    const result: { items: ConfigRow[]; next?: string } = await pra.configPage<ConfigRow>(next);
    for (const row of result.items) {
      const item = summary(row, collection);
      if (item) rows.push(item);
    }
    next = result.next;
  }
  return { rows, more };
}

/**
 * The Jump Items matching one asset, or undefined when PRA could not say (every query failed, or some
 * failed and the others found nothing: absence cannot be claimed then). A collection the appliance
 * does not have (HTTP 404) counts as empty.
 */
export async function findJumpItems(pra: ConfigPageSource, assetName: string, options: JumpItemOptions = {}): Promise<JumpItemLookup | undefined> {
  const opts: Required<JumpItemOptions> = { maxPages: 2, perPage: 50, limit: 10, ...options };
  const outcomes = await Promise.allSettled(QUERIES.map(([collection, filter]) => listFiltered(pra, collection, filter, assetName, opts)));
  const found = new Map<string, JumpItemSummary>();
  const failures = new Set<string>();
  let more = false;
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      const error = outcome.reason;
      if (!(error instanceof PraError && error.status === 404)) failures.add(error instanceof PraError ? error.kind : 'error');
      continue;
    }
    more ||= outcome.value.more;
    for (const item of outcome.value.rows) found.set(`${item.type}:${item.id}`, item);
  }
  if (failures.size) log.info('jump.jump-items.partial', { failures: [...failures], found: found.size });
  if (failures.size && found.size === 0) return undefined;
  const items = [...found.values()];
  return { items: items.slice(0, opts.limit), truncated: more || items.length > opts.limit };
}

/**
 * Looks up the first MAX_LOOKED_UP_ASSETS assets in parallel within one time budget. Assets whose
 * lookup finished in time (and could say) are in the map; the others are not.
 */
export async function lookupJumpItems(
  pra: ConfigPageSource,
  assetNames: string[],
  options: JumpItemOptions & { budgetMs?: number } = {},
): Promise<Map<string, JumpItemLookup>> {
  const done = new Map<string, JumpItemLookup>();
  const work = Promise.all(
    assetNames.slice(0, MAX_LOOKED_UP_ASSETS).map(async (name) => {
      const lookup = await findJumpItems(pra, name, options).catch(() => undefined);
      if (lookup) done.set(name, lookup);
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.budgetMs ?? JUMP_ITEMS_BUDGET_MS);
  });
  try {
    await Promise.race([work, timeUp]);
  } finally {
    clearTimeout(timer);
  }
  return new Map(done);
}
