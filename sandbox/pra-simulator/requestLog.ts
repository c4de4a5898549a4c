/** Log and counters of API requests (not control calls), for assertions and benchmarks. */
import { requestParameters, type SimRequest, type SimResponse } from '../shared/http';
import type { RequestCounters, RequestLogEntry } from './model';
import { presentedClientId } from './oauth';
import { emptyCounters, type PraState } from './state';

export const CONTROL_PREFIX = '/__sim/';

export interface CountersView extends RequestCounters {
  /** Token requests that presented valid credentials, by client ID. */
  tokenRequestsByClientId: Record<string, number>;
}

function parameter(req: SimRequest, name: string): string | null {
  const fromQuery = req.query.get(name);
  if (fromQuery !== null || req.method !== 'POST') return fromQuery;
  const contentType = (req.header('content-type') ?? '').toLowerCase();
  return contentType === '' || contentType.startsWith('application/x-www-form-urlencoded') ? req.form().get(name) : null;
}

/** The request's parameters (query string, then a form-encoded body's), never the client secret. */
function loggedParameters(req: SimRequest): string {
  const params = requestParameters(req);
  params.delete('client_secret');
  return params.toString();
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function recordRequest(state: PraState, req: SimRequest, res: SimResponse): void {
  if (req.path.startsWith(CONTROL_PREFIX)) return;
  const operation =
    req.path === '/api/command' ? parameter(req, 'action') : req.path === '/api/reporting' ? parameter(req, 'generate_report') : null;
  const { counters } = state;
  counters.total += 1;
  bump(counters.byPath, req.path);
  if (operation !== null && req.path === '/api/command') bump(counters.byCommandAction, operation);
  if (operation !== null && req.path === '/api/reporting') bump(counters.byReportType, operation);
  const entry: RequestLogEntry = {
    at: state.now(),
    method: req.method,
    path: req.path,
    query: loggedParameters(req),
    status: res.status,
    clientId: presentedClientId(state, req),
    operation,
  };
  state.requestLog.push(entry);
  const excess = state.requestLog.length - state.knobs.requestLogLimit;
  if (excess > 0) state.requestLog.splice(0, excess);
}

export function countersView(state: PraState): CountersView {
  const tokenRequestsByClientId: Record<string, number> = {};
  for (const account of state.accounts.values()) tokenRequestsByClientId[account.clientId] = account.tokenRequests;
  return structuredClone({ ...state.counters, tokenRequestsByClientId });
}

/** Clears the log, the counters and the accounts' token request counts. */
export function resetRequestLog(state: PraState): void {
  state.requestLog = [];
  state.counters = emptyCounters();
  for (const account of state.accounts.values()) account.tokenRequests = 0;
}
