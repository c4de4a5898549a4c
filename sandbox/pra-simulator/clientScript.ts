/**
 * `/api/client_script` ("Jump to" links opened in the user's browser, no OAuth): validates the request,
 * records it with the Jump Items it matches, and answers a BRCS script (`type=rep`) or a redirect to the web
 * console (`type=web_console`). A recorded Jump can then be turned into a running session.
 */
import { z } from 'zod';
import { HttpError, type Router, type SimRequest, type SimResponse } from '../shared/http';
import { attributeLimitError, sessionCustomParams } from './customAttributes';
import { UserRefSchema } from './directory';
import { rfc3986 } from './format';
import { parseInput, SimError } from './input';
import type { ClientScriptRequest, JumpItem, JumpItemType, SessionRecord } from './model';
import type { SessionService } from './sessions';
import type { PraState } from './state';
import { webConsoleUrl } from './urls';

const REP_ACTIONS = ['login', 'start_jump_item_session', 'start_shell_jump_session', 'push_and_start_local', 'push_and_start_remote'];
const CLIENT_FILTERS = ['client.comments', 'client.hostname', 'client.tag', 'client.private_ip', 'client.public_ip'] as const;
const MAX_FILTER_CHARS = 255;
const SCRIPT_PARAMS = new Set(['type', 'operation', 'action']);

/** `jump.method` values and the Jump Item types they select. */
const JUMP_METHODS: Record<string, JumpItemType> = {
  push: 'remote-jump',
  local_push: 'local-jump',
  pinned: 'jump-client',
  rdp: 'remote-rdp',
  vnc: 'remote-vnc',
  shelljump: 'shell-jump',
  protocol_tunnel: 'protocol-tunnel-jump',
  web_jump: 'web-jump',
};

function invalid(message: string): HttpError {
  return new HttpError(400, `Invalid client script request: ${message}`, { 'Content-Type': 'text/plain; charset=utf-8' });
}

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

function validateJumpItemSession(params: URLSearchParams): void {
  for (const key of params.keys()) {
    if (key.startsWith('client.') && !(CLIENT_FILTERS as readonly string[]).includes(key)) throw invalid(`unknown filter ${key}.`);
  }
  const filters = CLIENT_FILTERS.filter((name) => (params.get(name) ?? '') !== '');
  if (filters.length === 0 && !params.get('search_string')) {
    throw invalid('search_string is required when no client.* filter is given.');
  }
  for (const name of [...CLIENT_FILTERS, 'credential_id']) {
    if ((params.get(name) ?? '').length > MAX_FILTER_CHARS) throw invalid(`${name} exceeds ${MAX_FILTER_CHARS} characters.`);
  }
  const method = params.get('jump.method');
  if (method !== null && !(method in JUMP_METHODS)) throw invalid(`jump.method must be one of ${Object.keys(JUMP_METHODS).join(', ')}.`);
}

function validateShellJump(params: URLSearchParams): void {
  if (!params.get('target')) throw invalid('target is required.');
  const protocol = params.get('protocol');
  if (protocol !== null && protocol !== 'ssh' && protocol !== 'telnet') throw invalid('protocol must be ssh or telnet.');
  const port = params.get('port');
  if (port !== null && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) throw invalid('port must be 1-65535.');
  const terminal = params.get('terminal');
  if (terminal !== null && terminal !== 'xterm' && terminal !== 'vt100') throw invalid('terminal must be xterm or vt100.');
}

function validate(params: URLSearchParams): { type: string; operation: string; action: string } {
  const type = params.get('type');
  const operation = params.get('operation');
  const action = params.get('action');
  if (type !== 'rep' && type !== 'web_console') throw invalid('type must be rep or web_console.');
  const expectedOperation = type === 'rep' ? 'generate' : 'execute';
  if (operation !== expectedOperation) throw invalid(`operation must be ${expectedOperation} for type=${type}.`);
  if (!action) throw invalid('action is required.');
  if (type === 'web_console' && action !== 'start_jump_item_session') {
    throw invalid('type=web_console supports only action=start_jump_item_session.');
  }
  if (!REP_ACTIONS.includes(action)) throw invalid(`unknown action ${action}.`);
  if (action === 'start_jump_item_session') validateJumpItemSession(params);
  if (action === 'start_shell_jump_session') validateShellJump(params);
  if (action === 'push_and_start_local' && !params.get('hostname')) throw invalid('hostname is required.');
  if (action === 'push_and_start_remote' && (!params.get('hostname') || !params.get('jumpoint'))) {
    throw invalid('hostname and jumpoint are required.');
  }
  const problem = attributeLimitError(sessionCustomParams(params));
  if (problem) throw invalid(problem);
  return { type, operation, action };
}

/** Jump Item search: search_string over hostname, name, comments and IPs; client.* filters; jump.method. */
function jumpItemMatches(item: JumpItem, params: URLSearchParams): boolean {
  const search = params.get('search_string');
  if (search && ![item.hostname, item.name, item.comments, item.publicIp, item.privateIp].some((f) => contains(f, search))) {
    return false;
  }
  const fields: Record<(typeof CLIENT_FILTERS)[number], string | null> = {
    'client.comments': item.comments,
    'client.hostname': item.hostname,
    'client.tag': item.tag,
    'client.private_ip': item.type === 'jump-client' ? item.privateIp : null,
    'client.public_ip': item.type === 'jump-client' ? item.publicIp : null,
  };
  for (const name of CLIENT_FILTERS) {
    const filter = params.get(name);
    if (filter && !(fields[name] !== null && contains(fields[name], filter))) return false;
  }
  const method = params.get('jump.method');
  return method === null || JUMP_METHODS[method] === item.type;
}

function matchingItems(state: PraState, action: string, params: URLSearchParams): number[] {
  const items = [...state.jumpItems.values()];
  if (action === 'start_jump_item_session') return items.filter((item) => jumpItemMatches(item, params)).map((i) => i.id);
  if (action === 'start_shell_jump_session') {
    const target = params.get('target') ?? '';
    return items.filter((i) => i.type === 'shell-jump' && i.hostname.toLowerCase() === target.toLowerCase()).map((i) => i.id);
  }
  return [];
}

/** `BRCS1.0`, a `login` command, then the requested command with its parameters RFC 3986-encoded. */
function brcsScript(action: string, params: URLSearchParams): string {
  const lines = ['BRCS1.0', 'action=login'];
  if (action !== 'login') {
    const rest = [...params].filter(([key]) => !SCRIPT_PARAMS.has(key)).map(([k, v]) => `&${rfc3986(k)}=${rfc3986(v)}`);
    lines.push(`action=${action}${rest.join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

function handleClientScript(state: PraState, req: SimRequest): SimResponse {
  const params = req.query;
  const { type, operation, action } = validate(params);
  const request: ClientScriptRequest = {
    id: `csr-${state.nextSeq('clientScript')}`,
    at: state.now(),
    type,
    operation,
    action,
    params: Object.fromEntries(params),
    customAttributes: sessionCustomParams(params),
    matches: matchingItems(state, action, params),
    sessionLsid: null,
  };
  state.clientScriptRequests.set(request.id, request);
  if (type === 'web_console') return { status: 302, headers: { Location: webConsoleUrl(state.publicHost, request.id) } };
  const site = state.publicHost.split('.')[0] ?? state.publicHost;
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${action}.brcs-${site}"`,
    },
    body: Buffer.from(brcsScript(action, params), 'utf8'),
  };
}

export function registerClientScriptRoutes(router: Router, state: PraState): void {
  router.get('/api/client_script', (req) => handleClientScript(state, req));
}

const StartFromJumpSchema = z
  .object({
    /** The PRA user who runs the Jump (primary rep); default `admin`. */
    user: UserRefSchema.optional(),
    /** Which matched Jump Item to use when the search matched several. */
    jumpItemId: z.number().int().optional(),
    notify: z.boolean().optional(),
  })
  .strict();
export type StartFromJumpInput = z.input<typeof StartFromJumpSchema>;

export function listClientScriptRequests(state: PraState): ClientScriptRequest[] {
  return [...state.clientScriptRequests.values()];
}

/** The user's console ran the recorded Jump: a session starts on the matched Jump Item with the link's attributes. */
export function startSessionFromJump(
  state: PraState,
  sessions: SessionService,
  requestId: string,
  input: StartFromJumpInput = {},
): SessionRecord {
  const parsed = parseInput(StartFromJumpSchema, input);
  const request = state.clientScriptRequests.get(requestId);
  if (!request) throw new SimError(404, `No client script request ${requestId}`);
  if (request.sessionLsid) throw new SimError(409, `Request ${requestId} already started session ${request.sessionLsid}`);
  let jumpItemId: number;
  if (parsed.jumpItemId !== undefined) {
    if (!request.matches.includes(parsed.jumpItemId)) {
      throw new SimError(400, `Jump Item ${parsed.jumpItemId} is not among the matches of ${requestId}`);
    }
    jumpItemId = parsed.jumpItemId;
  } else if (request.matches.length === 1 && request.matches[0] !== undefined) {
    jumpItemId = request.matches[0];
  } else {
    throw new SimError(409, `Request ${requestId} matches ${request.matches.length} Jump Items; pass jumpItemId`);
  }
  const session = sessions.create({
    jumpItem: { id: jumpItemId },
    rep: parsed.user ?? 'admin',
    customAttributes: request.customAttributes,
    notify: parsed.notify,
  });
  request.sessionLsid = session.lsid;
  return session;
}
