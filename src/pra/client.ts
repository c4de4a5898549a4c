/**
 * The only way the app talks to a PRA appliance: OAuth client credentials with a shared cached token
 * (refreshed once on a 401), the Command, Reporting and Configuration APIs, and one place where HTTP
 * outcomes become typed PraErrors. Every request closes its connection, as the API docs require.
 */
import { fetch, permissions, type APIResponse, type RequestInit } from '@forge/api';
import { PraError, networkError } from './errors';
import { errorMessageOf, parseXml, type XmlNode } from './xml';
import { retryAfterSeconds } from '../shared/retryAfter';
import { parseApiInfo, type ApiInfo } from './apiInfo';
import { discardToken, isFresh, readToken, tokenCacheKey, writeToken, type CachedToken } from './tokenCache';

export interface PraConnection {
  hostName: string;
  clientId: string;
  clientSecret: string;
}

export interface PraClientOptions {
  /** Per-request time limit. */
  timeoutMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 25_000;
/**
 * Time allowed for a streamed report, body included (the timeout also ends the body): under the 180 s Forge
 * allows one outbound request in a long-running function. A report that takes longer arrives cut off, and
 * the import treats it like a report that is not ready.
 */
const STREAM_TIMEOUT_MS = 170_000;

export class PraClient {
  /** Requests made by this client, for tests and benchmarks. */
  readonly requests = { token: 0, api: 0 };
  private token: CachedToken | undefined;
  private tokenInFlight: Promise<CachedToken> | undefined;
  private readonly cacheKey: string;
  private readonly now: () => number;

  constructor(
    readonly connection: PraConnection,
    private readonly options: PraClientOptions = {},
  ) {
    this.cacheKey = tokenCacheKey(connection.hostName, connection.clientId, connection.clientSecret);
    this.now = options.now ?? Date.now;
  }

  get origin(): string {
    return `https://${this.connection.hostName}`;
  }

  /** Throws egress-denied when the app's manifest does not let it reach this host. */
  assertEgressAllowed(): void {
    let allowed = true;
    try {
      allowed = permissions.canFetchFrom('backend', this.origin);
    } catch {
      return; // the runtime did not expose permissions; the egress proxy still enforces them
    }
    if (!allowed) {
      throw new PraError(
        'egress-denied',
        `This app is not allowed to connect to ${this.connection.hostName}: the host is not in the app's egress permissions (manifest.yml permissions.external.fetch.backend).`,
      );
    }
  }

  private async send(path: string, init: RequestInit, signal?: AbortSignal): Promise<APIResponse> {
    this.assertEgressAllowed();
    try {
      return await fetch(`${this.origin}${path}`, {
        ...init,
        headers: { ...(init.headers ?? {}), Connection: 'close' },
        redirect: 'manual',
        signal: signal ?? AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw networkError(error, this.connection.hostName);
    }
  }

  /** The unauthenticated health probe (`GET /check_health`): proves the host answers at all. */
  async checkHealth(): Promise<{ healthy: boolean; status: number }> {
    const res = await this.send('/check_health', { method: 'GET' });
    await res.arrayBuffer();
    return { healthy: res.status === 200, status: res.status };
  }

  // ---- OAuth ----------------------------------------------------------------------------------

  /** A valid access token: this client's, else the shared cached one, else a new one. */
  async accessToken(): Promise<string> {
    if (isFresh(this.token, this.now())) return this.token.accessToken;
    this.tokenInFlight ??= this.loadOrRequestToken().finally(() => {
      this.tokenInFlight = undefined;
    });
    this.token = await this.tokenInFlight;
    return this.token.accessToken;
  }

  private async loadOrRequestToken(): Promise<CachedToken> {
    const shared = await readToken(this.cacheKey);
    if (isFresh(shared, this.now())) return shared;
    const fresh = await this.requestToken();
    await writeToken(this.cacheKey, fresh);
    return fresh;
  }

  private async requestToken(): Promise<CachedToken> {
    this.requests.token += 1;
    const { clientId, clientSecret, hostName } = this.connection;
    const res = await this.send('/oauth2/token', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* classified below */
    }
    if (res.status === 400 || res.status === 401) {
      if (body.error === 'invalid_client' || res.status === 401) {
        throw new PraError(
          'invalid-client',
          `The appliance ${hostName} rejected the Client ID and Client Secret (invalid_client). Check the OAuth API account under /login > Management > API Configuration; regenerating its secret invalidates the old one.`,
          res.status,
        );
      }
      throw new PraError('http', `The appliance refused the token request: ${String(body.error ?? `HTTP ${res.status}`)}.`, res.status);
    }
    if (!res.ok) throw this.statusError(res, text, 'the OAuth token request');
    const accessToken = body.access_token;
    const tokenType = String(body.token_type ?? '');
    const expiresIn = Number(body.expires_in);
    if (typeof accessToken !== 'string' || !accessToken || tokenType.toLowerCase() !== 'bearer' || !(expiresIn > 0)) {
      throw new PraError('bad-response', `The appliance ${hostName} did not return a usable OAuth token: is it a BeyondTrust PRA appliance?`, res.status);
    }
    const obtainedAt = this.now();
    return { accessToken, obtainedAt, expiresAt: obtainedAt + expiresIn * 1000 };
  }

  /** Sends an API request with the bearer token; on 401 forgets the token and tries once more. */
  private async authorized(path: string, init: RequestInit = { method: 'GET' }, signal?: () => AbortSignal): Promise<APIResponse> {
    const attempt = async () => {
      const token = await this.accessToken();
      this.requests.api += 1;
      const res = await this.send(path, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` } }, signal?.());
      return { res, token };
    };
    let { res, token } = await attempt();
    if (res.status === 401) {
      await res.arrayBuffer();
      this.token = undefined;
      await discardToken(this.cacheKey, token);
      ({ res, token } = await attempt());
      if (res.status === 401) {
        await res.arrayBuffer();
        throw new PraError('unauthorized', `The appliance ${this.connection.hostName} refused a newly issued token.`, 401);
      }
    }
    return res;
  }

  private statusError(res: APIResponse, text: string, what: string): PraError {
    const message = errorMessageOf(text);
    if (res.status === 403) {
      if (message && /xml api/i.test(message) && /disabled|not enabled/i.test(message)) {
        return new PraError('api-disabled', `The appliance's XML API is disabled. Tick "Enable XML API" under /login > Management > API Configuration.`, 403);
      }
      return new PraError('forbidden', `The API account is not allowed to use ${what}${message ? `: ${message}` : ''}.`, 403);
    }
    if (res.status === 429) return new PraError('rate-limited', `The appliance is rate limiting ${what}.`, 429, retryAfterSeconds(res.headers));
    if (res.status >= 500) return new PraError('server-error', `The appliance answered HTTP ${res.status} to ${what}.`, res.status, retryAfterSeconds(res.headers));
    if (res.status >= 300 && res.status < 400) {
      return new PraError('http', `The appliance redirected ${what} (HTTP ${res.status}): check the host name.`, res.status);
    }
    return new PraError('http', `The appliance answered HTTP ${res.status} to ${what}${message ? `: ${message}` : ''}.`, res.status);
  }

  // ---- Command API ------------------------------------------------------------------------------

  /** Runs a command and returns the answer's text; HTTP failures and `<error>` answers become PraErrors. */
  private async commandText(action: string, params: Record<string, string> = {}): Promise<string> {
    const res = await this.authorized(`/api/command?${new URLSearchParams({ action, ...params })}`);
    const text = await res.text();
    if (!res.ok) throw this.statusError(res, text, `the Command API (${action})`);
    const message = errorMessageOf(text);
    if (message !== undefined) {
      throw new PraError(/permission|access|denied|not allowed/i.test(message) ? 'forbidden' : 'api-error', `The appliance answered ${action} with an error: ${message}`);
    }
    return text;
  }

  async command(action: string, params: Record<string, string> = {}): Promise<{ root: string; node: XmlNode }> {
    const text = await this.commandText(action, params);
    try {
      return parseXml(text);
    } catch {
      throw new PraError('bad-response', `The appliance's answer to ${action} is not XML.`);
    }
  }

  async apiInfo(): Promise<ApiInfo> {
    const text = await this.commandText('get_api_info');
    try {
      return parseApiInfo(text);
    } catch (error) {
      throw new PraError('bad-response', `The appliance's get_api_info answer is not what PRA sends (${(error as Error).message}).`);
    }
  }

  // ---- Reporting API ----------------------------------------------------------------------------

  /** Generates an XML report; returns the document text (which may be an `<error>` "no data" answer). */
  async reportXml(params: Record<string, string>): Promise<string> {
    const res = await this.authorized('/api/reporting', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw this.statusError(res, text, `the Reporting API (${params.generate_report ?? 'report'})`);
    return text;
  }

  /**
   * Generates an XML report and hands its body to `sink` piece by piece as it arrives, so a large report is
   * never held whole (whether the Forge runtime's fetch streams the body is not verifiable offline; if it
   * buffers, the pieces are sliced from the whole body and the rest of the pipeline stays the same).
   * HTTP failures become PraErrors like `reportXml`.
   */
  async reportXmlStream(params: Record<string, string>, sink: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
    // the usual time limit until the answer starts, then STREAM_TIMEOUT_MS for the whole body
    let controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const signal = () => {
      clearTimeout(timer);
      controller = new AbortController();
      const abort = controller;
      timer = setTimeout(() => abort.abort(new DOMException('The operation timed out.', 'TimeoutError')), this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return abort.signal;
    };
    try {
      const res = await this.authorized(
        '/api/reporting',
        { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() },
        signal,
      );
      clearTimeout(timer);
      const body = controller;
      timer = setTimeout(() => body.abort(new DOMException('The operation timed out.', 'TimeoutError')), STREAM_TIMEOUT_MS);
      await this.readBody(res, params, sink);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readBody(res: APIResponse, params: Record<string, string>, sink: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
    if (!res.ok) throw this.statusError(res, await res.text(), `the Reporting API (${params.generate_report ?? 'report'})`);
    const stream = (res as unknown as Response).body;
    const SLICE = 64 * 1024;
    const slices = async (bytes: Uint8Array) => {
      for (let i = 0; i < bytes.byteLength; i += SLICE) await sink(bytes.subarray(i, i + SLICE));
    };
    if (!stream) {
      await slices(new Uint8Array(await res.arrayBuffer()));
      return;
    }
    const reader = stream.getReader();
    for (;;) {
      let part: ReadableStreamReadResult<Uint8Array>;
      try {
        part = await reader.read();
      } catch {
        return; // the connection broke mid-body: what arrived is a cut-off report, which the caller detects
      }
      if (part.done) return;
      try {
        await slices(part.value);
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        throw error;
      }
    }
  }

  /**
   * Downloads a binary report (a recording), reading at most `maxBytes`: a larger one is abandoned
   * and reported as `tooLarge`. An XML `<error>` answer (expired, no recording) comes back as `errorMessage`.
   */
  async reportBinary(
    params: Record<string, string>,
    maxBytes: number,
  ): Promise<{ bytes: Buffer; contentType: string } | { errorMessage: string } | { tooLarge: true }> {
    const res = await this.authorized('/api/reporting', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
    if (!res.ok) throw this.statusError(res, await res.text(), `the Reporting API (${params.generate_report ?? 'report'})`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const stream = (res as unknown as Response).body;
    if (Number.isFinite(declared) && declared > maxBytes) {
      await stream?.cancel();
      return { tooLarge: true };
    }
    if (!stream) {
      const whole = Buffer.from(await res.arrayBuffer());
      return whole.length > maxBytes ? { tooLarge: true } : this.binaryOrError(whole, contentType);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { tooLarge: true };
      }
      chunks.push(Buffer.from(value));
    }
    return this.binaryOrError(Buffer.concat(chunks), contentType);
  }

  private binaryOrError(bytes: Buffer, contentType: string): { bytes: Buffer; contentType: string } | { errorMessage: string } {
    if (/xml/i.test(contentType) || bytes.subarray(0, 200).toString('utf8').includes('<error')) {
      const message = errorMessageOf(bytes.toString('utf8'));
      if (message !== undefined) return { errorMessage: message };
    }
    return { bytes, contentType };
  }

  // ---- Configuration API -----------------------------------------------------------------------

  /**
   * GETs one page of a Configuration API collection (`jump-item?per_page=100`, relative to /api/config/v1/);
   * returns the items and, from the `Link: <…>; rel="next"` header, the next page in the same form.
   */
  async configPage<T>(pathAndQuery: string): Promise<{ items: T[]; next?: string }> {
    const res = await this.authorized(`/api/config/v1/${pathAndQuery}`, { method: 'GET', headers: { Accept: 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw this.statusError(res, text, 'the Configuration API');
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch {
      throw new PraError('bad-response', 'The Configuration API did not answer JSON.');
    }
    if (!Array.isArray(items)) throw new PraError('bad-response', 'The Configuration API did not answer a list.');
    const link = /<([^>]+)>;\s*rel="?next"?/.exec(res.headers.get('link') ?? '')?.[1];
    const nextUrl = link ? new URL(link, this.origin) : undefined;
    return { items: items as T[], next: nextUrl ? `${nextUrl.pathname.replace(/^\/api\/config\/v1\//, '')}${nextUrl.search}` : undefined };
  }
}
