/**
 * The only way the app talks to Jira: `requestJira` as the app or as the current user, a time limit
 * on every request, and one place where HTTP outcomes become JiraErrors (with Retry-After kept for
 * 429/503 so consumers can hand it to the queue).
 *
 * One error is never turned into a JiraError: @forge/api's NeedsAuthenticationError, thrown by an
 * `asUser()` request when the user has not yet allowed the app. It must leave the resolver unchanged so
 * that Jira shows the user the *Allow access* prompt (see `isConsentRequired`).
 */
import { asApp, asUser, type APIResponse, type RequestInit, type Route } from '@forge/api';
import { retryAfterSeconds } from '../shared/retryAfter';

export class JiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds Jira asked us to wait (429, some 503s). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'JiraError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  /** Worth retrying later: throttling, server errors, timeouts and network failures. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/**
 * @forge/api's NeedsAuthenticationError (`NEEDS_AUTHENTICATION_ERR`): the user has not allowed the app
 * to act on their behalf. Compared by name, as @forge/api does, since several copies of the package may
 * be loaded. Catch-alls must rethrow it.
 */
export function isConsentRequired(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NEEDS_AUTHENTICATION_ERR';
}

export interface JiraClientOptions {
  timeoutMs?: number;
  /** Combined with the per-request timeout (e.g. an approval's overall deadline). */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** The readable part of a Jira error body: errorMessages and field errors. */
export function jiraErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: string[]; errors?: Record<string, string>; message?: string };
    const parts = [...(parsed.errorMessages ?? []), ...Object.values(parsed.errors ?? {})];
    if (parsed.message) parts.push(parsed.message);
    return parts.filter(Boolean).join(' ') || body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

export class JiraClient {
  /** Requests sent by this client (tests and benchmarks count round trips). */
  requests = 0;

  private constructor(
    private readonly requester: (path: Route, init?: RequestInit) => Promise<APIResponse>,
    private readonly options: JiraClientOptions,
  ) {}

  static asApp(options: JiraClientOptions = {}): JiraClient {
    return new JiraClient((p, i) => asApp().requestJira(p, i), options);
  }

  /** As the user behind the current invocation (UI resolvers only). */
  static asUser(options: JiraClientOptions = {}): JiraClient {
    return new JiraClient((p, i) => asUser().requestJira(p, i), options);
  }

  /** Sends a request and returns the response whatever its status (the caller decides). */
  async raw(path: Route, init: RequestInit = {}): Promise<APIResponse> {
    this.requests += 1;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
    try {
      return await this.requester(path, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) }, signal });
    } catch (error) {
      if (isConsentRequired(error)) throw error;
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new JiraError(0, 'Jira did not answer in time.');
      throw new JiraError(0, `Jira could not be reached: ${e.message}`);
    }
  }

  /** Sends a request; any non-2xx answer becomes a JiraError. Returns the parsed JSON (undefined for 204). */
  async json<T>(path: Route, init: RequestInit = {}): Promise<T> {
    const res = await this.raw(path, init);
    const text = await res.text();
    if (!res.ok) throw new JiraError(res.status, `Jira answered HTTP ${res.status}: ${jiraErrorText(text)}`, retryAfterSeconds(res.headers));
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
