/**
 * The sandbox on one port: the web console at `/`, the local Forge host running the app at `/forge`
 * (web triggers at /forge/public/<id>), the PRA simulator at `/pra` (plus the access-console pages the
 * appliance would serve), the Jira simulator at `/jira`, and the scripting API at `/sandbox/api`
 * (docs/sandbox.md). `npm start` and `npm run demo` both use `startSandbox`.
 */
import './forge-host/globals';
import { rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sendResponse } from './shared/http';
import { PRA_DEMO } from './demo/praSeed';
import { DEFAULT_CONSOLE_BUILD } from './console/build';
import { createApiHandler } from './server/api';
import type { IntegrationUrls } from './server/demoSetup';
import { rewriteLocationHeaders } from './server/praMount';
import { tokenExposureWarning } from './server/tokenExposure';
import { ConsoleFiles, PRA_PAGES } from './server/statics';
import { SandboxWorld } from './server/world';

export interface SandboxOptions {
  /** Default 8080; 0 = any free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** The address browsers use; default http://localhost:<port> (or http://<host>:<port> for a named host). */
  publicUrl?: string;
  /** Folder for `sandbox.db`; null = keep everything in memory. Default `.sandbox` at the repository root. */
  dataDir?: string | null;
  /** Delete the data folder first. */
  reset?: boolean;
  /** The built console; default sandbox/console/build. */
  consoleDir?: string;
  queueDelayScale?: number;
  printLogs?: boolean;
  /** The app's RECONCILE_LAG_SECONDS variable (default 5 s; the app's own default is 300 s). */
  reconcileLagSeconds?: number;
}

export interface Sandbox {
  /** Public base URL, e.g. http://localhost:8080. */
  url: string;
  /** Loopback base URL the app itself uses. */
  internalUrl: string;
  /** Set when the sandbox listens beyond loopback: the integration URLs it shows carry their tokens. */
  tokenWarning: string | undefined;
  databaseFile: string | undefined;
  world(): SandboxWorld;
  /** The app's Outbound Event and Endpoint Approval URLs (and the Access Console custom link). */
  urls(): Promise<IntegrationUrls | null>;
  /** Back to a freshly seeded and configured sandbox (its saved state is deleted). */
  reset(): Promise<void>;
  /** Saves and stops everything. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '.sandbox');
const APPLIANCE_ORIGIN = `https://${PRA_DEMO.host}`;

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Saves the simulators' changes before the first byte of the answer leaves (and when the connection is
 * dropped unanswered, since the write may have happened): an acknowledged write is on disk.
 */
function persistBeforeAnswer(res: ServerResponse, world: SandboxWorld): void {
  let saved = false;
  const persist = () => {
    if (saved) return;
    saved = true;
    world.persist();
  };
  const { write, end } = res;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    persist();
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    persist();
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;
  res.once('close', persist);
}

/** `/prefix/rest` → `/rest` when the path is under the prefix. */
function under(pathname: string, prefix: string): string | undefined {
  if (pathname === prefix) return '/';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const bindHost = options.host ?? '127.0.0.1';
  const tokenWarning = tokenExposureWarning(bindHost);
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;
  if (dataDir && options.reset) rmSync(dataDir, { recursive: true, force: true });
  const databaseFile = dataDir ? path.join(dataDir, 'sandbox.db') : undefined;
  const files = new ConsoleFiles(options.consoleDir ?? DEFAULT_CONSOLE_BUILD);
  const startedAt = Date.now();

  let world: SandboxWorld | undefined;
  const currentWorld = (): SandboxWorld => {
    if (!world) throw new Error('The sandbox is starting or resetting');
    return world;
  };

  let publicUrl = '';
  let internalUrl = '';
  const api = createApiHandler({
    world: currentWorld,
    get publicUrl() {
      return publicUrl;
    },
    databaseFile,
    startedAt,
    tokenWarning,
    reset: () => sandbox.reset(),
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const pathname = url.pathname;
    const apiPath = under(pathname, '/sandbox/api');
    if (apiPath !== undefined) return api(req, res, apiPath);
    if (!world) {
      sendResponse(res, { status: 503, headers: { 'Retry-After': '1' }, body: { error: 'The sandbox is starting or resetting; try again in a moment.' } });
      return;
    }
    const forgePath = under(pathname, '/forge');
    if (forgePath !== undefined) {
      world.markDirty();
      return world.hostHandler(req, res, forgePath);
    }
    const praPath = under(pathname, '/pra');
    if (praPath !== undefined) {
      if (PRA_PAGES.has(praPath) && (req.method === 'GET' || req.method === 'HEAD')) return files.serveIndex(res);
      persistBeforeAnswer(res, world);
      rewriteLocationHeaders(res, APPLIANCE_ORIGIN);
      return world.pra.handler(req, res, praPath);
    }
    const jiraPath = under(pathname, '/jira');
    if (jiraPath !== undefined) {
      persistBeforeAnswer(res, world);
      return world.jira.handler(req, res, jiraPath);
    }
    if (!files.serve(pathname, res)) sendResponse(res, { status: 404, body: { error: `Nothing is served at ${pathname}` } });
  };

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      if (!res.headersSent) sendResponse(res, { status: 500, body: { error: (error as Error).message } });
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, bindHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const loopback = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === 'localhost' ? '127.0.0.1' : bindHost;
  internalUrl = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;
  publicUrl = (options.publicUrl ?? (loopback === '127.0.0.1' ? `http://localhost:${port}` : internalUrl)).replace(/\/$/, '');

  const makeWorld = () => new SandboxWorld({ internalUrl, publicUrl, databaseFile, queueDelayScale: options.queueDelayScale, printLogs: options.printLogs, reconcileLagSeconds: options.reconcileLagSeconds });

  const sandbox: Sandbox = {
    url: publicUrl,
    internalUrl,
    tokenWarning,
    databaseFile,
    world: currentWorld,
    urls: () => currentWorld().urls(),
    async reset() {
      const old = world;
      world = undefined;
      await old?.close({ discard: true });
      if (databaseFile) removeDatabase(databaseFile);
      world = makeWorld();
      await world.initialise();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world?.close();
      world = undefined;
    },
  };

  try {
    world = makeWorld();
    await world.initialise();
  } catch (error) {
    await sandbox.close().catch(() => undefined);
    throw error;
  }
  return sandbox;
}
