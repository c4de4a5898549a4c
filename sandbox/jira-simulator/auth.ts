/**
 * The simulator's authentication convention (see docs/jira-simulator.md):
 * `Authorization: Bearer sim-app` is the Forge app's user; `Bearer sim-user:<accountId>` is that
 * (active) user; anything else is 401.
 */
import type { RouteHandler, SimRequest, SimResponse } from '../shared/http';
import { jiraError } from './errors';
import type { JiraState, User } from './state';

export interface Principal {
  kind: 'app' | 'user';
  user: User;
}

const APP_TOKEN = 'sim-app';
const USER_TOKEN_PREFIX = 'sim-user:';

const unauthenticated = () =>
  jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);

function bearerToken(req: SimRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1]?.trim();
}

/** The principal a user record acts as (the app's own account is the app principal). */
export function principalFor(state: JiraState, user: User): Principal {
  return { kind: user.accountId === state.appUser.accountId ? 'app' : 'user', user };
}

/** Resolves the caller or throws 401. */
export function authenticate(req: SimRequest, state: JiraState): Principal {
  const token = bearerToken(req);
  if (token === APP_TOKEN) return principalFor(state, state.appUser);
  if (token?.startsWith(USER_TOKEN_PREFIX)) {
    const user = state.users.get(token.slice(USER_TOKEN_PREFIX.length));
    if (user && user.active && user.accountId !== state.appUser.accountId) return { kind: 'user', user };
  }
  throw unauthenticated();
}

/** How the request log names the caller: `app`, `user:<accountId>`, `anonymous` or `invalid`. */
export function describePrincipal(req: SimRequest, state: JiraState): string {
  if (req.header('authorization') === undefined) return 'anonymous';
  try {
    const principal = authenticate(req, state);
    return principal.kind === 'app' ? 'app' : `user:${principal.user.accountId}`;
  } catch {
    return 'invalid';
  }
}

export type AuthedHandler = (req: SimRequest, principal: Principal) => SimResponse | Promise<SimResponse>;

/** Wraps a route handler so it runs only for an authenticated caller. */
export function withAuth(state: JiraState, handler: AuthedHandler): RouteHandler {
  return (req) => handler(req, authenticate(req, state));
}
