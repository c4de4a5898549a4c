/** `POST /oauth2/token` (client credentials, HTTP Basic only) and the bearer-token check of `/api/*`. */
import { json, type Router, type SimRequest, type SimResponse } from '../shared/http';
import { randomAlnum } from './ids';
import type { ApiAccount } from './model';
import type { PraState } from './state';

interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

function basicCredentials(req: SimRequest): BasicCredentials | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function bearerToken(req: SimRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1] ?? null;
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { error, error_description: description }, { 'Cache-Control': 'no-store', ...headers });
}

/** Drops the account's expired tokens, then the oldest live ones until one more fits under the cap. */
function makeRoomForToken(state: PraState, accountId: number): void {
  const now = state.now();
  const live: string[] = [];
  for (const [value, token] of state.tokens) {
    if (token.accountId !== accountId) continue;
    if (token.expiresAt <= now) state.tokens.delete(value);
    else live.push(value);
  }
  const excess = live.length - (state.knobs.maxTokensPerAccount - 1);
  for (const value of live.slice(0, Math.max(0, excess))) state.tokens.delete(value);
}

function issueToken(state: PraState, req: SimRequest): SimResponse {
  const credentials = basicCredentials(req);
  const account = credentials ? state.accounts.get(credentials.clientId) : undefined;
  if (!credentials || !account || !account.enabled || account.clientSecret !== credentials.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic realm="oauth2"' });
  }
  account.tokenRequests += 1;
  if ((req.header('content-type') ?? '').toLowerCase().includes('json')) {
    return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  const grantType = req.form().get('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant_type.');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`);
  }
  makeRoomForToken(state, account.id);
  const lifetimeSeconds = state.knobs.tokenLifetimeSeconds;
  const issuedAt = state.now();
  const token = randomAlnum(40);
  state.tokens.set(token, { token, accountId: account.id, issuedAt, expiresAt: issuedAt + lifetimeSeconds * 1000 });
  return json(
    200,
    {
      access_token: token,
      token_type: state.knobs.tokenTypeLowercase ? 'bearer' : 'Bearer',
      expires_in: state.knobs.expiresInOverride ?? Math.round(lifetimeSeconds),
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

export function registerOAuthRoutes(router: Router, state: PraState): void {
  router.post('/oauth2/token', (req) => issueToken(state, req));
}

function accountById(state: PraState, accountId: number): ApiAccount | undefined {
  for (const account of state.accounts.values()) if (account.id === accountId) return account;
  return undefined;
}

/** The enabled account behind a valid (known, unexpired, not evicted) bearer token. */
export function bearerAccount(state: PraState, req: SimRequest): ApiAccount | undefined {
  const value = bearerToken(req);
  const token = value ? state.tokens.get(value) : undefined;
  if (!token) return undefined;
  if (token.expiresAt <= state.now()) {
    state.tokens.delete(token.token);
    return undefined;
  }
  const account = accountById(state, token.accountId);
  return account?.enabled ? account : undefined;
}

/** Client ID a request presents (bearer token or Basic credentials), for the request log. */
export function presentedClientId(state: PraState, req: SimRequest): string | null {
  const basic = basicCredentials(req);
  if (basic) return basic.clientId;
  const value = bearerToken(req);
  const token = value ? state.tokens.get(value) : undefined;
  return token ? (accountById(state, token.accountId)?.clientId ?? null) : null;
}
