/**
 * Configuration API (`/api/config/v1`, JSON): Jump Items by type, Jump Clients, Jump Groups, Jumpoints, with
 * `per_page`/`current_page` pagination, a `Link: <…>; rel="next"` header and `name`/`hostname` filters.
 */
import { json, type Router, type SimRequest, type SimResponse } from '../shared/http';
import { JUMP_ITEM_TYPES, type JumpItem, type JumpItemType } from './model';
import { bearerAccount } from './oauth';
import type { PraState } from './state';

const BASE = '/api/config/v1';
const MAX_PER_PAGE = 100;

/** Config API fields each Jump Item type has beyond the common ones (overridden by the item's settings). */
const TYPE_DEFAULTS: Partial<Record<JumpItemType, Record<string, string | number | boolean>>> = {
  'remote-rdp': { rdp_username: '', domain: '', display_size: 'primary', quality: 'balanced', console: false, ignore_untrusted: false },
  'remote-vnc': { port: 5900 },
  'shell-jump': { username: '', protocol: 'ssh', port: 22, terminal: 'xterm', keep_alive: 0 },
  'protocol-tunnel-jump': { tunnel_type: 'tcp', tunnel_definitions: '' },
};

const ITEM_PATH_TYPES = JUMP_ITEM_TYPES.filter((t) => t !== 'jump-client');

const fail = (status: number, message: string): SimResponse => json(status, { message });

function jumpItemJson(state: PraState, item: JumpItem, withType: boolean): Record<string, unknown> {
  const common = {
    id: item.id,
    name: item.name,
    hostname: item.hostname,
    jump_group_id: item.jumpGroupId,
    jump_group_type: state.jumpGroups.get(item.jumpGroupId)?.type ?? 'shared',
    tag: item.tag,
    comments: item.comments,
  };
  if (item.type === 'jump-client') {
    return { ...common, public_ip: item.publicIp, private_ip: item.privateIp, operating_system: item.os, ...item.settings };
  }
  return {
    ...(withType ? { type: item.type } : {}),
    ...common,
    jumpoint_id: item.jumpointId,
    jump_policy_id: item.jumpPolicyId,
    session_policy_id: item.sessionPolicyId,
    ...TYPE_DEFAULTS[item.type],
    ...item.settings,
  };
}

type Lister = (req: SimRequest) => { name: string; hostname?: string; json: Record<string, unknown> }[] | SimResponse;

function filtered<T extends { name: string; hostname?: string }>(items: T[], query: URLSearchParams): T[] {
  const name = query.get('name')?.toLowerCase();
  const hostname = query.get('hostname')?.toLowerCase();
  return items.filter(
    (i) => (name === undefined || i.name.toLowerCase() === name) && (hostname === undefined || i.hostname?.toLowerCase() === hostname),
  );
}

/** One page of a list, with `Link: <…>; rel="next"` when more pages follow. */
function page(state: PraState, req: SimRequest, all: Record<string, unknown>[]): SimResponse {
  const perPage = req.query.get('per_page') ?? String(MAX_PER_PAGE);
  const current = req.query.get('current_page') ?? '1';
  if (!/^\d+$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > MAX_PER_PAGE) {
    return fail(400, `per_page must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  if (!/^\d+$/.test(current) || Number(current) < 1) return fail(400, 'current_page must be a positive integer');
  const size = Number(perPage);
  const index = Number(current);
  const headers: Record<string, string> = {};
  if (index * size < all.length) {
    const next = new URLSearchParams(req.query);
    next.set('per_page', String(size));
    next.set('current_page', String(index + 1));
    headers.Link = `<https://${state.publicHost}${BASE}${req.path.slice(BASE.length)}?${next}>; rel="next"`;
  }
  return json(200, all.slice((index - 1) * size, index * size), headers);
}

/** Bearer token, Configuration API permission and `Accept: application/json`, then the handler. */
function guarded(state: PraState, handler: (req: SimRequest) => SimResponse): (req: SimRequest) => SimResponse {
  return (req) => {
    const account = bearerAccount(state, req);
    if (!account) return fail(401, 'A valid OAuth bearer token is required.');
    if (!account.permissions.configuration) return fail(403, 'This API account is not allowed to use the configuration API.');
    if (!(req.header('accept') ?? '').toLowerCase().includes('application/json')) {
      return fail(406, 'The configuration API requires Accept: application/json.');
    }
    return handler(req);
  };
}

/** `GET path` (a page of the list) and, unless `listOnly`, `GET path/:id`. */
function listAndGet(router: Router, state: PraState, path: string, list: Lister, listOnly = false): void {
  router.get(
    path,
    guarded(state, (req) => {
      const rows = list(req);
      return 'status' in rows ? rows : page(state, req, filtered(rows, req.query).map((r) => r.json));
    }),
  );
  if (listOnly) return;
  router.get(
    `${path}/:id`,
    guarded(state, (req) => {
      const rows = list(req);
      if ('status' in rows) return rows;
      const row = rows.find((r) => String(r.json.id) === req.params.id);
      return row ? json(200, row.json) : fail(404, `No object with id ${req.params.id}`);
    }),
  );
}

export function registerConfigRoutes(router: Router, state: PraState): void {
  const items = (types: readonly JumpItemType[], withType: boolean) =>
    [...state.jumpItems.values()]
      .filter((i) => types.includes(i.type))
      .map((i) => ({ name: i.name, hostname: i.hostname, json: jumpItemJson(state, i, withType) }));
  listAndGet(router, state, `${BASE}/jump-client`, () => items(['jump-client'], false));
  listAndGet(router, state, `${BASE}/jump-item/:type`, (req) => {
    const type = ITEM_PATH_TYPES.find((t) => t === req.params.type);
    return type ? items([type], false) : fail(404, `Unknown Jump Item type ${req.params.type}`);
  });
  listAndGet(router, state, `${BASE}/jump-item`, () => items(ITEM_PATH_TYPES, true), true);
  listAndGet(router, state, `${BASE}/jump-group`, () =>
    [...state.jumpGroups.values()].map((g) => ({
      name: g.name,
      json: { id: g.id, name: g.name, code_name: g.codeName, comments: g.comments, type: g.type },
    })),
  );
  listAndGet(router, state, `${BASE}/jumpoint`, () =>
    [...state.jumpoints.values()].map((j) => ({
      name: j.name,
      json: { id: j.id, name: j.name, code_name: j.codeName, comments: j.comments, platform: 'windows-x86', enabled: true, connected: true },
    })),
  );
}
