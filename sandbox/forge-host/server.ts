/**
 * The local Forge host over HTTP:
 *   ANY  /public/<id>[/<userPath>]          web triggers (request and response shaped like Forge's)
 *   POST /__forge/bridge                     the Custom UI / UI Kit bridge (invoke, getContext, ...)
 *   POST /__forge/consent                    "Allow access": the user allows the app to act for them
 *   GET  /__forge/resources/<key>/<file>    Custom UI resources, with window.__bridge injected into index.html
 *   GET  /__forge/health                     liveness
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendResponse, type Listening, type NodeHandler } from '../shared/http';
import type { ForgeHost } from './host';
import { hostConsole } from './globals';
import { isNeedsAuthentication } from './userConsent';

/** Forge's invocation payload limit (request body, headers and query together). */
export const WEB_TRIGGER_PAYLOAD_LIMIT = 5 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Groups raw headers by name, keeping the caller's casing, each value in an array (as Forge does). */
function forgeHeaders(req: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    (headers[name] ??= []).push(req.rawHeaders[i + 1]!);
  }
  return headers;
}

function forgeQuery(search: URLSearchParams): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [k, v] of search) (query[k] ??= []).push(v);
  return query;
}

interface WebTriggerReply {
  statusCode?: unknown;
  headers?: unknown;
  body?: unknown;
  statusText?: unknown;
}

function validReply(reply: unknown): reply is WebTriggerReply & { statusCode: number } {
  if (!reply || typeof reply !== 'object') return false;
  const r = reply as WebTriggerReply;
  if (!Number.isInteger(r.statusCode)) return false;
  if (r.body !== undefined && typeof r.body !== 'string') return false;
  if (r.headers !== undefined) {
    if (typeof r.headers !== 'object' || r.headers === null) return false;
    if (!Object.values(r.headers).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))) return false;
  }
  return true;
}

async function serveWebTrigger(host: ForgeHost, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const [, , id, ...rest] = url.pathname.split('/');
  const moduleKey = id ? host.webTriggerUrls.moduleKeyFor(id) : undefined;
  if (!moduleKey) {
    sendResponse(res, { status: 404, body: { message: 'Web trigger URL not found' } });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, WEB_TRIGGER_PAYLOAD_LIMIT);
  } catch {
    sendResponse(res, { status: 413, body: { message: 'Payload exceeds the 5 MB invocation limit' } });
    return;
  }
  const request = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers: forgeHeaders(req),
    body: body.toString('utf8'),
    path: url.pathname,
    userPath: rest.length ? `/${rest.join('/')}` : '',
    queryParameters: forgeQuery(url.searchParams),
  };
  try {
    const reply = await host.invokeWebTrigger(moduleKey, request);
    if (!validReply(reply)) {
      hostConsole.error(`[forge-host] web trigger "${moduleKey}" returned a malformed response; the platform answers 500`);
      sendResponse(res, { status: 500, body: { message: 'The web trigger function returned an invalid response' } });
      return;
    }
    sendResponse(res, { status: reply.statusCode, headers: (reply.headers ?? {}) as Record<string, string[]>, body: reply.body ?? '' }, request.method);
  } catch (error) {
    hostConsole.error(`[forge-host] web trigger "${moduleKey}" failed: ${(error as Error).message}`);
    sendResponse(res, { status: 500, body: { message: 'The web trigger function failed' } });
  }
}

async function serveBridge(host: ForgeHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let call: { cmd?: string; data?: Record<string, unknown>; moduleKey?: string; accountId?: string; extension?: Record<string, unknown> };
  try {
    call = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8')) as typeof call;
  } catch {
    sendResponse(res, { status: 400, body: { ok: false, error: 'Bridge calls are JSON' } });
    return;
  }
  const moduleKey = call.moduleKey ?? '';
  try {
    const module = host.uiModule(moduleKey);
    switch (call.cmd) {
      case 'invoke': {
        const result = await host.invokeResolver({
          moduleKey,
          functionKey: String(call.data?.functionKey ?? ''),
          payload: (call.data?.payload ?? {}) as Record<string, unknown>,
          accountId: call.accountId,
          extension: call.extension,
        });
        sendResponse(res, { status: 200, body: { ok: true, result: result ?? null } });
        return;
      }
      case 'getContext':
        sendResponse(res, {
          status: 200,
          body: {
            ok: true,
            result: {
              accountId: call.accountId,
              cloudId: host.cloudId,
              siteUrl: host.siteUrl,
              moduleKey,
              localId: `${moduleKey}-local`,
              environmentType: 'DEVELOPMENT',
              locale: 'en-US',
              timezone: 'UTC',
              extension: { type: module.type, ...(call.extension ?? {}) },
            },
          },
        });
        return;
      default:
        // navigate, close, showFlag, refresh...: acknowledged; the sandbox console acts on them itself.
        sendResponse(res, { status: 200, body: { ok: true, result: null } });
    }
  } catch (error) {
    if (isNeedsAuthentication(error)) {
      // What Jira's frontend gets when a resolver lets NeedsAuthenticationError through: it shows the
      // module's "Allow access" prompt instead of the app (the app's invoke() never settles).
      sendResponse(res, {
        status: 200,
        body: { ok: false, error: (error as Error).message, needsAuthentication: { moduleKey, scopes: host.manifest.scopes } },
      });
      return;
    }
    sendResponse(res, { status: 200, body: { ok: false, error: (error as Error).message } });
  }
}

/** The *Allow access* button of the consent prompt: `{accountId}` allows the app to act for that user. */
async function serveConsent(host: ForgeHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let accountId: unknown;
  try {
    accountId = (JSON.parse((await readBody(req, 16 * 1024)).toString('utf8')) as { accountId?: unknown }).accountId;
  } catch {
    accountId = undefined;
  }
  if (typeof accountId !== 'string' || !accountId || accountId.length > 128) {
    sendResponse(res, { status: 400, body: { ok: false, error: 'Send {"accountId": "<the user who allows the app>"}' } });
    return;
  }
  host.userConsent.grant(accountId);
  sendResponse(res, { status: 200, body: { ok: true } });
}

function bridgeScript(basePath: string): string {
  return `<script>(function(){var q=new URLSearchParams(location.search);var ctx={moduleKey:q.get('moduleKey'),accountId:q.get('accountId')||undefined,extension:JSON.parse(q.get('extension')||'{}')};window.__bridge={callBridge:function(cmd,data){return fetch(${JSON.stringify(`${basePath}/__forge/bridge`)},{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({cmd:cmd,data:data,moduleKey:ctx.moduleKey,accountId:ctx.accountId,extension:ctx.extension})}).then(function(r){return r.json()}).then(function(r){if(!r.ok)throw new Error(r.error);return r.result;});}};})();</script>`;
}

function serveResource(host: ForgeHost, res: ServerResponse, url: URL, basePath: string): void {
  const [, , , resourceKey, ...fileParts] = url.pathname.split('/');
  const resource = host.manifest.resources.find((r) => r.key === resourceKey);
  if (!resource) {
    sendResponse(res, { status: 404, body: 'Unknown resource' });
    return;
  }
  const root = path.resolve(host.manifest.rootDir, resource.path);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    sendResponse(res, { status: 404, body: `Resource "${resourceKey}" is not a built Custom UI directory (run npm run build:static)` });
    return;
  }
  const relative = fileParts.join('/') || 'index.html';
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    sendResponse(res, { status: 404, body: 'Not found' });
    return;
  }
  const ext = path.extname(file);
  let content: Buffer | string = readFileSync(file);
  if (relative === 'index.html') {
    content = content.toString('utf8').replace(/<head([^>]*)>/i, (m) => `${m}${bridgeScript(basePath)}`);
  }
  sendResponse(res, { status: 200, headers: { 'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }, body: content });
}

/**
 * The host's request handler. `basePath` is the prefix the handler is mounted under (empty when it
 * listens on its own port), used in URLs it hands to browsers.
 */
export function createHostHandler(host: ForgeHost, basePath = ''): NodeHandler {
  return (req, res, pathOverride) => {
    const url = new URL(req.url ?? '/', 'http://host.local');
    if (pathOverride !== undefined) url.pathname = pathOverride;
    const done = (p: Promise<void>) =>
      p.catch((error: unknown) => {
        hostConsole.error('[forge-host] request failed', error);
        if (!res.headersSent) sendResponse(res, { status: 500, body: 'Local Forge host error' });
      });
    if (url.pathname.startsWith('/public/') || url.pathname.startsWith('/x1/')) return void done(serveWebTrigger(host, req, res, url));
    if (url.pathname === '/__forge/bridge' && req.method === 'POST') return void done(serveBridge(host, req, res));
    if (url.pathname.startsWith('/__forge/resources/')) return void serveResource(host, res, url, basePath);
    if (url.pathname === '/__forge/consent' && req.method === 'POST') return void done(serveConsent(host, req, res));
    if (url.pathname === '/__forge/health') return void sendResponse(res, { status: 200, body: { ok: true } });
    sendResponse(res, { status: 404, body: 'Not found' });
  };
}

/** Serves the host on its own loopback port and points web-trigger URLs at it. */
export async function listenHost(host: ForgeHost, port = 0): Promise<Listening> {
  const listening = await listen(createHostHandler(host), port);
  host.setPublicUrl(listening.url);
  return listening;
}
