/**
 * The local Forge host: loads manifest.yml, runs the app's real handlers as Forge invocations and
 * provides the platform behind them (Jira forwarding, KVS, queue, web-trigger URLs, egress).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { format } from 'node:util';
import { originalFetch, runInScope, hostConsole, type ForgeFetchTarget, type InvocationScope, type LogLevel } from './globals';
import { loadManifest, splitHandler, type AppManifest, type FunctionModule, type UiModule } from './manifest';
import { HostDatabase } from './database';
import { KvsStore } from './kvsStore';
import { QueueService, type ConsumerOutcome, type QueuedEvent } from './queue';
import { WebTriggerUrls } from './webTriggerUrls';
import { EgressProxy } from './egress';
import { judgeScheduledResponse, thrownOutcome, type ScheduledTriggerOutcome } from './scheduledTriggerOutcome';
import { needsAuthenticationResponse, UserConsent } from './userConsent';

export type ModuleType = 'webtrigger' | 'consumer' | 'scheduledTrigger' | 'resolver';

/** Forge's runtime limits per kind of invocation (docs: limits-invocation). */
export const TIME_LIMITS_MS: Record<ModuleType, number> = {
  webtrigger: 55_000,
  resolver: 25_000,
  consumer: 55_000,
  scheduledTrigger: 55_000,
};

export interface ForgeHostOptions {
  /** Defaults to manifest.yml at the repository root. */
  manifestPath?: string;
  /** SQLite file for the sandbox (state survives restarts); ':memory:' (default) for tests. */
  databaseFile?: string;
  /** Base URL of the Jira (simulator) that requestJira calls are forwarded to. */
  jiraBaseUrl: string;
  /** The Jira site as users see it, e.g. https://sandbox.atlassian.net. */
  siteUrl: string;
  cloudId?: string;
  /** Host name → base URL for external fetch (e.g. the configured appliance host → the PRA simulator). */
  hostMap?: Record<string, string>;
  /** Replaces the manifest's backend egress list (tests use it to prove denied egress is reported). */
  egressAllowList?: string[];
  /** Multiplies queue delays (0.001 makes a 30 s retry take 30 ms). */
  queueDelayScale?: number;
  /** Multiplies invocation time limits (tests use it to exercise timeouts quickly). */
  timeLimitScale?: number;
  /** Print the app's console output (always captured in `logs`). */
  printLogs?: boolean;
  /**
   * Users must allow the app before its `asUser()` requests work (default true; `userConsent` grants).
   * False models a site where no prompt is needed (Atlassian's simplified user consent).
   */
  consentRequired?: boolean;
  now?: () => number;
  /**
   * The app's environment variables (`forge variables set`), which Forge gives its functions as
   * `process.env`. The app shares this process with the simulators, so the host sets them in
   * `process.env` for its lifetime and puts back what was there on close (one app per process).
   */
  variables?: Record<string, string>;
}

export interface InvocationLog {
  time: string;
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  level: LogLevel;
  message: string;
}

export interface JiraCall {
  method: string;
  path: string;
  principal: string;
  status: number;
  ms: number;
  moduleKey: string;
}

export class InvocationTimeoutError extends Error {
  constructor(functionKey: string, limitMs: number) {
    super(`Function "${functionKey}" exceeded its ${Math.round(limitMs / 1000)} s time limit`);
  }
}

/** One scheduled-trigger run as the platform records it (invocation metrics, `forge logs`). */
export interface ScheduledRunRecord extends ScheduledTriggerOutcome {
  moduleKey: string;
  functionKey: string;
  at: string;
  /** What the function returned (undefined when it threw). */
  response?: unknown;
}

export interface InvocationRequest {
  functionKey: string;
  moduleType: ModuleType;
  moduleKey: string;
  accountId?: string;
  args: unknown[];
}

const MAX_LOGS = 5000;
const MAX_INVOCATION_FIGURES = 1000;

/**
 * What one invocation cost, measured by the host around it: wall time and the change of the process's
 * heap and RSS from start to end. The process also runs the simulators and other invocations, so the
 * memory changes are indications, not a function's own peak (docs/sandbox.md).
 */
export interface InvocationFigures {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  startedAt: string;
  elapsedMs: number;
  heapUsedDeltaBytes: number;
  rssDeltaBytes: number;
  /** Other invocations running at the same time (at start): their memory is mixed in. */
  concurrent: number;
  ok: boolean;
  error?: string;
}
const MAX_JIRA_CALLS = 5000;
const MAX_SCHEDULED_RUNS = 500;

export class ForgeHost {
  readonly manifest: AppManifest;
  readonly database: HostDatabase;
  readonly kvs: KvsStore;
  readonly queue: QueueService;
  readonly webTriggerUrls: WebTriggerUrls;
  readonly egress: EgressProxy;
  /** Which users have allowed the app (the *Allow access* prompt). */
  readonly userConsent: UserConsent;
  readonly logs: InvocationLog[] = [];
  /** The latest invocations' figures, oldest first (at most MAX_INVOCATION_FIGURES). */
  readonly invocations: InvocationFigures[] = [];
  private runningInvocations = 0;
  /**
   * Added to the app's notion of now (`src/shared/clock.ts`), to test time rules such as change windows
   * (sandbox API `POST /sandbox/api/clock`). KVS TTLs, queue delays and time limits keep the real clock.
   */
  clockOffsetMs = 0;
  readonly jiraCalls: JiraCall[] = [];
  /** Every scheduled-trigger run with the outcome the platform records (errors also go to `logs`). */
  readonly scheduledRuns: ScheduledRunRecord[] = [];
  readonly cloudId: string;
  readonly installationId: string;
  private readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  private publicUrl = 'http://127.0.0.1';

  private readonly replacedVariables: Array<[string, string | undefined]> = [];

  constructor(readonly options: ForgeHostOptions) {
    for (const [name, value] of Object.entries(options.variables ?? {})) {
      this.replacedVariables.push([name, process.env[name]]);
      process.env[name] = value;
    }
    this.manifest = loadManifest(options.manifestPath ?? path.resolve(__dirname, '../../manifest.yml'));
    this.database = new HostDatabase(options.databaseFile ?? ':memory:');
    this.cloudId = options.cloudId ?? 'b7e0c1a2-5d3f-4e6a-9c8b-0d1e2f3a4b5c';
    this.installationId = crypto.createHash('sha256').update(`${this.manifest.appId}|${this.cloudId}`).digest('hex').slice(0, 32);
    this.kvs = new KvsStore(this.database, options.now);
    this.webTriggerUrls = new WebTriggerUrls(this.database, () => this.publicUrl);
    this.userConsent = new UserConsent(this.database, this.manifest.appId, options.consentRequired ?? true);
    this.egress = new EgressProxy({
      allowList: options.egressAllowList ?? this.manifest.backendEgress,
      hostMap: new Map(Object.entries(options.hostMap ?? {}).map(([host, url]) => [host.toLowerCase(), url.replace(/\/$/, '')])),
    });
    const consumersByQueue = new Map(this.manifest.consumers.map((c) => [c.queue, c]));
    this.queue = new QueueService({
      database: this.database,
      queues: new Set(consumersByQueue.keys()),
      delayScale: options.queueDelayScale,
      now: options.now,
      deliver: (event, asyncEvent) => this.deliverQueueEvent(consumersByQueue.get(event.queueName)!, event, asyncEvent),
    });
  }

  /** The base URL web-trigger URLs are built on (set by the HTTP server that serves them). */
  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/$/, '');
  }

  get siteUrl(): string {
    return this.options.siteUrl;
  }

  get installContext(): string {
    return `ari:cloud:jira::site/${this.cloudId}`;
  }

  // ---- invocations -------------------------------------------------------------------------------

  private async handlerFor(fn: FunctionModule): Promise<(...args: unknown[]) => unknown> {
    const cached = this.handlers.get(fn.key);
    if (cached) return cached;
    const { file, exportName } = splitHandler(fn.handler);
    const mod = (await import(path.join(this.manifest.rootDir, 'src', file))) as Record<string, unknown>;
    const exported = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
    if (typeof exported !== 'function') {
      throw new Error(`manifest.yml function "${fn.key}" names ${fn.handler}, but src/${file} exports no function "${exportName}"`);
    }
    const handler = exported as (...args: unknown[]) => unknown;
    this.handlers.set(fn.key, handler);
    return handler;
  }

  private functionModule(key: string): FunctionModule {
    const fn = this.manifest.functions.get(key);
    if (!fn) throw new Error(`manifest.yml has no function "${key}"`);
    return fn;
  }

  /** Runs one function as a Forge invocation with its own runtime context, principal and time limit. */
  async invoke(request: InvocationRequest): Promise<unknown> {
    const fn = this.functionModule(request.functionKey);
    const handler = await this.handlerFor(fn);
    const baseLimit =
      (request.moduleType === 'consumer' || request.moduleType === 'scheduledTrigger') && fn.timeoutSeconds
        ? fn.timeoutSeconds * 1000
        : TIME_LIMITS_MS[request.moduleType];
    return this.runInvocation(request, baseLimit, async () => handler(...request.args));
  }

  /**
   * Runs `body` inside an invocation scope as if it were the named function (tests use it to call a use
   * case with options no entry point exposes, still through the real SDK packages and this platform).
   */
  async runAs<T>(request: Omit<InvocationRequest, 'args'>, body: () => Promise<T>): Promise<T> {
    return this.runInvocation({ ...request, args: [] }, TIME_LIMITS_MS[request.moduleType], body) as Promise<T>;
  }

  private async runInvocation(request: InvocationRequest, baseLimitMs: number, body: () => Promise<unknown>): Promise<unknown> {
    const fn = this.functionModule(request.functionKey);
    const limitMs = baseLimitMs * (this.options.timeLimitScale ?? 1);
    const invocationId = crypto.randomUUID();
    const deadline = Date.now() + limitMs;
    const scope: InvocationScope = {
      runtime: {
        proxy: { token: 'local-forge-host', url: 'http://forge-proxy.invalid' },
        contextAri: this.installContext,
        appContext: {
          appId: this.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, ''),
          environmentId: 'local-development',
          environmentType: 'DEVELOPMENT',
          appVersion: '1.0.0',
          invocationId,
          installationId: this.installationId,
          functionKey: fn.key,
          moduleType: request.moduleType,
          moduleKey: request.moduleKey,
          permissions: this.effectivePermissions(),
        },
        lambdaContext: { awsRequestId: invocationId, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) },
        tracing: { traceId: invocationId.replace(/-/g, ''), spanId: invocationId.slice(0, 16) },
        realtime: {},
        externalAuth: [],
        featureFlags: () => false,
        metrics: {
          counter: () => ({ incr() {}, incrBy() {} }),
          timing: () => ({ measure: () => ({ stop() {} }) }),
          gauge: () => ({ set() {} }),
        },
      },
      forgeFetch: (target, p, init) => this.platformFetch(target, p, init, request),
      egressFetch: (input, init) => this.egress.fetch(input, init),
      log: (level, args) => this.recordLog(invocationId, fn.key, request.moduleKey, level, args),
      now: () => this.appNow(),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new InvocationTimeoutError(fn.key, limitMs)), limitMs);
      timer.unref?.();
    });
    const startedAt = new Date();
    const started = performance.now();
    const before = process.memoryUsage();
    const concurrent = this.runningInvocations;
    this.runningInvocations += 1;
    let error: Error | undefined;
    try {
      return await Promise.race([runInScope(scope, body), timeout]);
    } catch (thrown) {
      error = thrown as Error;
      throw thrown;
    } finally {
      clearTimeout(timer);
      this.runningInvocations -= 1;
      const after = process.memoryUsage();
      this.invocations.push({
        invocationId,
        functionKey: fn.key,
        moduleKey: request.moduleKey,
        moduleType: request.moduleType,
        startedAt: startedAt.toISOString(),
        elapsedMs: Math.round((performance.now() - started) * 10) / 10,
        heapUsedDeltaBytes: after.heapUsed - before.heapUsed,
        rssDeltaBytes: after.rss - before.rss,
        concurrent,
        ok: error === undefined,
        ...(error ? { error: error.message } : {}),
      });
      if (this.invocations.length > MAX_INVOCATION_FIGURES) this.invocations.splice(0, this.invocations.length - MAX_INVOCATION_FIGURES);
    }
  }

  /** The app's now in epoch ms: the host clock plus `clockOffsetMs`. */
  appNow(): number {
    return (this.options.now ?? Date.now)() + this.clockOffsetMs;
  }

  /** The manifest's permissions, with the backend egress list the proxy actually enforces. */
  private effectivePermissions(): AppManifest['permissions'] {
    const external = this.manifest.permissions.external;
    const fetchPerms = (external.fetch ?? {}) as Record<string, unknown>;
    return {
      scopes: this.manifest.permissions.scopes,
      external: { ...external, fetch: { ...fetchPerms, backend: this.egress.allowList } },
    };
  }

  private recordLog(invocationId: string, functionKey: string, moduleKey: string, level: LogLevel, args: unknown[]): void {
    const entry: InvocationLog = { time: new Date().toISOString(), invocationId, functionKey, moduleKey, level, message: format(...args) };
    this.logs.push(entry);
    if (this.logs.length > MAX_LOGS) this.logs.splice(0, this.logs.length - MAX_LOGS);
    if (this.options.printLogs) hostConsole.log(`[${functionKey}] ${level.toUpperCase()} ${entry.message}`);
  }

  /** Invokes a UI module's resolver function as the given user, the way a frontend `invoke()` does. */
  async invokeResolver(call: {
    moduleKey: string;
    functionKey: string;
    payload?: Record<string, unknown>;
    accountId?: string;
    extension?: Record<string, unknown>;
  }): Promise<unknown> {
    const module = this.uiModule(call.moduleKey);
    if (!module.resolverFunction) throw new Error(`Module "${call.moduleKey}" has no resolver function`);
    const context = {
      moduleKey: module.key,
      localId: `${module.key}-local`,
      cloudId: this.cloudId,
      siteUrl: this.siteUrl,
      environmentId: 'local-development',
      environmentType: 'DEVELOPMENT',
      extension: { type: module.type, ...(call.extension ?? {}) },
    };
    const backendRuntimePayload = {
      principal: call.accountId ? { accountId: call.accountId } : undefined,
      installContext: this.installContext,
      installation: { id: this.installationId },
    };
    return this.invoke({
      functionKey: module.resolverFunction,
      moduleType: 'resolver',
      moduleKey: module.key,
      accountId: call.accountId,
      args: [{ call: { functionKey: call.functionKey, payload: call.payload ?? {} }, context }, backendRuntimePayload],
    });
  }

  uiModule(moduleKey: string): UiModule {
    const module = this.manifest.uiModules.find((m) => m.key === moduleKey);
    if (!module) throw new Error(`manifest.yml has no UI module "${moduleKey}"`);
    return module;
  }

  /** Invokes a web trigger's function with a request shaped like Forge's; returns what the function returned. */
  async invokeWebTrigger(moduleKey: string, request: Record<string, unknown>): Promise<unknown> {
    const trigger = this.manifest.webTriggers.find((w) => w.key === moduleKey);
    if (!trigger) throw new Error(`manifest.yml has no web trigger "${moduleKey}"`);
    return this.invoke({
      functionKey: trigger.function,
      moduleType: 'webtrigger',
      moduleKey,
      args: [request, { installContext: this.installContext }],
    });
  }

  /**
   * Runs a scheduled trigger once (the sandbox also runs them on a timer) and records what the platform
   * would: success only for a well-formed answer with status 204; a missing or malformed answer is an
   * error with status 424, a 5xx answer or a throw an error too (see scheduledTriggerOutcome.ts).
   */
  async runScheduledTrigger(moduleKey: string): Promise<ScheduledRunRecord> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === moduleKey);
    if (!trigger) throw new Error(`manifest.yml has no scheduled trigger "${moduleKey}"`);
    const at = new Date().toISOString();
    let record: ScheduledRunRecord;
    try {
      const response = await this.invoke({
        functionKey: trigger.function,
        moduleType: 'scheduledTrigger',
        moduleKey,
        args: [
          { context: { cloudId: this.cloudId, moduleKey }, contextToken: `local-context-token.${crypto.randomUUID()}` },
          { principal: undefined, installContext: this.installContext },
        ],
      });
      record = { moduleKey, functionKey: trigger.function, at, response, ...judgeScheduledResponse(response) };
    } catch (error) {
      record = { moduleKey, functionKey: trigger.function, at, ...thrownOutcome(error) };
    }
    this.scheduledRuns.push(record);
    if (this.scheduledRuns.length > MAX_SCHEDULED_RUNS) this.scheduledRuns.splice(0, this.scheduledRuns.length - MAX_SCHEDULED_RUNS);
    if (!record.ok) {
      this.recordLog('platform', trigger.function, moduleKey, 'error', [`Scheduled trigger "${moduleKey}" recorded an error (status ${record.status}): ${record.error}`]);
    }
    return record;
  }

  private async deliverQueueEvent(
    consumer: { key: string; function: string },
    _event: QueuedEvent,
    asyncEvent: Record<string, unknown>,
  ): Promise<ConsumerOutcome> {
    const result = (await this.invoke({
      functionKey: consumer.function,
      moduleType: 'consumer',
      moduleKey: consumer.key,
      args: [asyncEvent, { installContext: this.installContext }],
    })) as { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } } | undefined;
    if (result && typeof result === 'object' && result._retry === true) {
      return {
        kind: 'retry',
        afterSeconds: result.retryOptions?.retryAfter ?? 1,
        reason: result.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
        data: result.retryOptions?.retryData,
      };
    }
    return { kind: 'success' };
  }

  // ---- the platform behind __forge_fetch__ ------------------------------------------------------

  private async platformFetch(target: ForgeFetchTarget, p: string, init: RequestInit | undefined, request: InvocationRequest): Promise<Response> {
    if (target.provider === 'user') {
      const accountId = target.accountId ?? request.accountId;
      if (!accountId) {
        // There is no user behind web triggers, consumers and scheduled triggers.
        return new Response(JSON.stringify({ message: 'asUser() needs a user: this invocation has none' }), {
          status: 401,
          headers: { 'forge-proxy-error': 'NO_USER_CONTEXT', 'content-type': 'application/json' },
        });
      }
      // The user has not allowed the app yet: @forge/api throws NeedsAuthenticationError from this answer.
      if (!this.userConsent.has(accountId)) return needsAuthenticationResponse();
    }
    if (target.type === 'kvs') {
      const reply = this.kvs.handle(p, parseJsonBody(init?.body));
      return jsonResponse(reply.status, reply.body);
    }
    if (target.type === 'fpp' && target.remote === 'stargate') {
      if (p.startsWith('/webhook/queue/')) {
        const reply = this.queue.handle(p, parseJsonBody(init?.body));
        return jsonResponse(reply.status, reply.body);
      }
      if (p === '/graphql') {
        const reply = this.webTriggerUrls.handleGraphql(parseJsonBody(init?.body) as { query?: string });
        return jsonResponse(reply.status, reply.body);
      }
    }
    if (target.type === 'fpp' && target.remote === 'jira') return this.forwardToJira(target, p, init, request);
    return new Response(JSON.stringify({ message: `The local Forge host does not serve ${target.type}/${target.remote ?? ''}${p}` }), {
      status: 404,
      headers: { 'forge-proxy-error': 'UNSUPPORTED_TARGET', 'content-type': 'application/json' },
    });
  }

  private async forwardToJira(target: ForgeFetchTarget, p: string, init: RequestInit | undefined, request: InvocationRequest): Promise<Response> {
    let principal: string;
    if (target.provider === 'user') {
      // platformFetch has checked that there is a user and that they allowed the app.
      principal = `sim-user:${target.accountId ?? request.accountId}`;
    } else {
      principal = 'sim-app';
    }
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${principal}`);
    const started = Date.now();
    const response = await originalFetch(`${this.options.jiraBaseUrl.replace(/\/$/, '')}${p}`, {
      method: init?.method ?? 'GET',
      headers,
      body: init?.body as BodyInit | undefined,
      redirect: init?.redirect ?? 'follow',
      signal: init?.signal ?? undefined,
    });
    this.jiraCalls.push({
      method: init?.method ?? 'GET',
      path: p,
      principal,
      status: response.status,
      ms: Date.now() - started,
      moduleKey: request.moduleKey,
    });
    if (this.jiraCalls.length > MAX_JIRA_CALLS) this.jiraCalls.splice(0, this.jiraCalls.length - MAX_JIRA_CALLS);
    return response;
  }

  async close(): Promise<void> {
    await this.queue.stop();
    this.database.close();
    for (const [name, previous] of this.replacedVariables.splice(0).reverse()) {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    }
  }
}

function parseJsonBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function jsonResponse(status: number, body: unknown): Response {
  if (status === 204 || body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
