/**
 * External fetch from inside an invocation, the way the Forge egress proxy treats it:
 *  - only https URLs, checked against `permissions.external.fetch.backend` with @forge/egress's own
 *    matcher; a denied URL gets an HTTP 403 Response (Forge does not throw);
 *  - host names are resolved through a host map (a configured appliance host → a simulator's base URL,
 *    like DNS plus TLS termination); an unknown host fails like undici does (`fetch failed`, ENOTFOUND);
 *  - every request is counted per host, for benchmarks and tests.
 */
import { EgressFilteringService } from '@forge/egress';
import { originalFetch } from './globals';

export interface EgressOptions {
  /** Allowed backend egress addresses (from the manifest unless a test narrows them). */
  allowList: string[];
  /** Host name (lower case, optionally with :port) → base URL that serves it, e.g. 'pra.example.com' → 'http://127.0.0.1:4100'. */
  hostMap: Map<string, string>;
}

export class EgressProxy {
  readonly requestsByHost = new Map<string, number>();
  private filter: EgressFilteringService;

  constructor(private readonly options: EgressOptions) {
    this.filter = new EgressFilteringService(options.allowList);
  }

  get allowList(): string[] {
    return [...this.options.allowList];
  }

  setAllowList(allowList: string[]): void {
    this.options.allowList = allowList;
    this.filter = new EgressFilteringService(allowList);
  }

  mapHost(hostName: string, baseUrl: string): void {
    this.options.hostMap.set(hostName.toLowerCase(), baseUrl.replace(/\/$/, ''));
  }

  unmapHost(hostName: string): void {
    this.options.hostMap.delete(hostName.toLowerCase());
  }

  async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : input.toString());
    this.requestsByHost.set(url.host, (this.requestsByHost.get(url.host) ?? 0) + 1);

    if (url.protocol !== 'https:' || !this.filter.isValidUrl(url.toString())) {
      return new Response(`Egress to ${url.origin} is not allowed by this app's manifest permissions.`, {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'text/plain', 'forge-egress-denied': 'true' },
      });
    }
    const base = this.options.hostMap.get(url.host.toLowerCase());
    if (!base) {
      const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), {
        code: 'ENOTFOUND',
        hostname: url.hostname,
      });
      throw new TypeError('fetch failed', { cause });
    }
    const target = `${base}${url.pathname}${url.search}`;
    if (request) return originalFetch(new Request(target, request), init);
    // The simulators sit behind plain HTTP on loopback; the app still believes it talks https to the host.
    const headers = new Headers(init?.headers);
    if (!headers.has('x-forwarded-host')) headers.set('x-forwarded-host', url.host);
    return originalFetch(target, { ...init, headers, redirect: init?.redirect ?? 'manual' });
  }
}
