/**
 * A small dependency-free HTTP toolkit shared by the simulators and the local Forge host:
 * a router with `:param` patterns, body reading with a size cap, typed replies, and
 * fault injection (latency, forced statuses) that control endpoints are exempt from.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  /** Path without the query string, already stripped of any mount prefix. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  params: Record<string, string>;
  /** Header value (first one), looked up case-insensitively. */
  header(name: string): string | undefined;
  text(): string;
  /** Parses the body as JSON; throws HttpError(400) when it is not JSON. */
  json<T = unknown>(): T;
  /** Parses an application/x-www-form-urlencoded body. */
  form(): URLSearchParams;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  /** string/Buffer are sent as is; any other value is sent as JSON. */
  body?: unknown;
}

export type RouteHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** Thrown by handlers to answer with a status and body without building a SimResponse by hand. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string | string[]> = {},
  ) {
    super(typeof body === 'string' ? body : `HTTP ${status}`);
  }
}

interface RouteEntry {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: RouteHandler;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') {
        keys.push('rest');
        return '(.*)';
      }
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), keys };
}

export class Router {
  private readonly routes: RouteEntry[] = [];

  on(method: string | string[], pattern: string, handler: RouteHandler): this {
    for (const m of Array.isArray(method) ? method : [method]) {
      this.routes.push({ method: m.toUpperCase(), pattern, handler, ...compile(pattern) });
    }
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.on('GET', pattern, handler);
  }
  post(pattern: string, handler: RouteHandler): this {
    return this.on('POST', pattern, handler);
  }
  put(pattern: string, handler: RouteHandler): this {
    return this.on('PUT', pattern, handler);
  }
  delete(pattern: string, handler: RouteHandler): this {
    return this.on('DELETE', pattern, handler);
  }

  /** Finds the handler; returns 404/405 replies for unknown paths and methods. */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | SimResponse {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase() && !(method.toUpperCase() === 'HEAD' && route.method === 'GET')) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = safeDecode(m[i + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return pathMatched
      ? { status: 405, body: { errorMessages: [`Method ${method} is not allowed for ${path}`] } }
      : { status: 404, body: { errorMessages: [`No route for ${method} ${path}`] } };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A forced answer for matching requests, used to simulate outages, throttling and slowness. */
export interface FaultRule {
  id?: string;
  /** Only requests whose path starts with this prefix (or matches this regex source when it starts with ^). */
  path?: string;
  method?: string;
  /**
   * Only requests carrying every one of these parameters with exactly this value, in the query string or
   * in a form-encoded body (e.g. `{"generate_report": "AccessSession", "lsid": "…"}`).
   */
  query?: Record<string, string>;
  /** HTTP status to answer with; omit for a pure delay rule. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Extra delay before answering (or before passing through when no status is set). */
  delayMs?: number;
  /** How many requests the rule applies to; omitted = until removed. */
  count?: number;
  /** Drop the connection without an answer (simulates a network failure). */
  destroy?: boolean;
  /**
   * Handle the request normally, then drop the connection instead of answering: the write happened
   * but the caller never learns it (a crash or timeout between a write and its acknowledgement).
   */
  dropResponse?: boolean;
}

export class FaultInjector {
  latencyMs = 0;
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): FaultRule {
    const stored = { ...rule, id: rule.id ?? `fault-${this.nextId++}` };
    this.rules.push(stored);
    return stored;
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Returns the rule that applies to this request, consuming one use of it. */
  take(method: string, path: string, params?: () => URLSearchParams): FaultRule | undefined {
    let known: URLSearchParams | undefined;
    const param = (name: string) => (known ??= params?.() ?? new URLSearchParams()).get(name);
    const index = this.rules.findIndex((rule) => {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
      if (rule.query && Object.entries(rule.query).some(([name, value]) => param(name) !== value)) return false;
      if (rule.path) {
        if (rule.path.startsWith('^')) {
          if (!new RegExp(rule.path).test(path)) return false;
        } else if (!path.startsWith(rule.path)) return false;
      }
      return true;
    });
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    if (rule.count !== undefined) {
      rule.count -= 1;
      if (rule.count <= 0) this.rules.splice(index, 1);
    }
    return rule;
  }
}

export interface HandlerOptions {
  router: Router;
  faults?: FaultInjector;
  /** Paths with this prefix are never delayed or faulted (control APIs). */
  controlPrefix?: string;
  maxBodyBytes?: number;
  /** Called for every request after routing, for request logs and counters. */
  onRequest?: (req: SimRequest, res: SimResponse) => void;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, pathOverride?: string) => void;

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, { errorMessages: [`Request body exceeds ${maxBytes} bytes`] }));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function makeRequest(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  params: Record<string, string> = {},
): SimRequest {
  return {
    method: method.toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawBody,
    params,
    header(name) {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    text: () => rawBody.toString('utf8'),
    json<T>() {
      try {
        return JSON.parse(rawBody.toString('utf8') || 'null') as T;
      } catch {
        throw new HttpError(400, { errorMessages: ['The request body is not valid JSON.'] });
      }
    },
    form: () => new URLSearchParams(rawBody.toString('utf8')),
  };
}

export function sendResponse(res: ServerResponse, reply: SimResponse, method = 'GET'): void {
  const headers: Record<string, string | string[]> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.body === undefined || reply.body === null) {
    payload = undefined;
  } else if (Buffer.isBuffer(reply.body)) {
    payload = reply.body;
  } else if (typeof reply.body === 'string') {
    payload = Buffer.from(reply.body, 'utf8');
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json;charset=UTF-8';
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The query string's parameters plus those of a form-encoded body (the query's first when both have one). */
export function requestParameters(req: SimRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const contentType = (req.header('content-type') ?? '').toLowerCase();
  if (req.rawBody.length > 0 && contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of req.form()) if (!params.has(name)) params.append(name, value);
  }
  return params;
}

/**
 * Builds a Node request handler from a router. The optional third argument lets a parent server
 * mount the handler under a prefix and pass the path with the prefix removed.
 */
export function createHandler(options: HandlerOptions): NodeHandler {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req, res, pathOverride) => {
    void (async () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', 'http://sim.local');
      if (pathOverride !== undefined) url.pathname = pathOverride;
      const isControl = options.controlPrefix !== undefined && url.pathname.startsWith(options.controlPrefix);
      let simReq = makeRequest(method, url, req.headers, Buffer.alloc(0));
      try {
        const rawBody = await readBody(req, maxBody);
        const matched = options.router.match(method, url.pathname);
        simReq = makeRequest(method, url, req.headers, rawBody, 'handler' in matched ? matched.params : {});
        if (!isControl && options.faults) {
          if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs);
          const request = simReq;
          const fault = options.faults.take(method, url.pathname, () => requestParameters(request));
          if (fault) {
            if (fault.delayMs) await sleep(fault.delayMs);
            if (fault.destroy) {
              req.socket.destroy();
              return;
            }
            if (fault.dropResponse) {
              if ('handler' in matched) await matched.handler(simReq);
              req.socket.destroy();
              return;
            }
            if (fault.status !== undefined) {
              const reply: SimResponse = {
                status: fault.status,
                headers: fault.headers,
                body: fault.body ?? { errorMessages: [`Injected fault: HTTP ${fault.status}`] },
              };
              options.onRequest?.(simReq, reply);
              sendResponse(res, reply, method);
              return;
            }
          }
        }
        const reply = 'handler' in matched ? await matched.handler(simReq) : matched;
        options.onRequest?.(simReq, reply);
        sendResponse(res, reply, method);
      } catch (error) {
        const reply: SimResponse =
          error instanceof HttpError
            ? { status: error.status, headers: error.headers, body: error.body }
            : { status: 500, body: { errorMessages: [`Simulator error: ${(error as Error).message}`] } };
        if (!(error instanceof HttpError)) console.error('[simulator] unhandled error', error);
        options.onRequest?.(simReq, reply);
        if (!res.headersSent) sendResponse(res, reply, method);
        else res.end();
      }
    })();
  };
}

export interface Listening {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

/** Listens on loopback (port 0 = any free port). */
export function listen(handler: NodeHandler, port = 0, hostname = '127.0.0.1'): Promise<Listening> {
  const server = http.createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${hostname}:${address.port}`,
        port: address.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({
  status,
  body,
  headers,
});

export const xml = (status: number, body: string, headers?: Record<string, string>): SimResponse => ({
  status,
  body,
  headers: { 'Content-Type': 'text/xml; charset=UTF-8', ...(headers ?? {}) },
});
