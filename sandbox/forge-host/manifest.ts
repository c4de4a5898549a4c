/** Reads manifest.yml into the parts the local Forge host needs: functions, entry modules, resources, permissions. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';

export interface FunctionModule {
  key: string;
  /** `file.export`, resolved against `src/`. */
  handler: string;
  timeoutSeconds?: number;
}

export interface WebTriggerModule {
  key: string;
  function: string;
}

export interface ConsumerModule {
  key: string;
  queue: string;
  function: string;
}

export interface ScheduledTriggerModule {
  key: string;
  function: string;
  interval: 'fiveMinute' | 'hour' | 'day' | 'week';
}

/** A UI module (admin page, issue action, issue panel...) with its resolver function and resource. */
export interface UiModule {
  type: string;
  key: string;
  resource: string;
  resolverFunction?: string;
  render?: string;
  title?: string;
}

export interface ResourceEntry {
  key: string;
  path: string;
}

export interface AppManifest {
  appId: string;
  runtimeName: string;
  functions: Map<string, FunctionModule>;
  webTriggers: WebTriggerModule[];
  consumers: ConsumerModule[];
  scheduledTriggers: ScheduledTriggerModule[];
  uiModules: UiModule[];
  resources: ResourceEntry[];
  scopes: string[];
  /** `permissions.external.fetch.backend` addresses. */
  backendEgress: string[];
  /** The raw `permissions` object, handed to the runtime as `appContext.permissions`. */
  permissions: { scopes: string[]; external: Record<string, unknown> };
  /** Directory of manifest.yml. */
  rootDir: string;
}

const UI_MODULE_TYPES = [
  'jira:adminPage',
  'jira:issueAction',
  'jira:issuePanel',
  'jira:issueContext',
  'jira:issueActivity',
  'jira:projectPage',
  'jira:globalPage',
];

type Raw = Record<string, unknown>;

function list(value: unknown): Raw[] {
  return Array.isArray(value) ? (value as Raw[]) : [];
}

function addressOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const e = entry as Raw;
  return String(e.address ?? e.remote ?? '');
}

/** The runtimes (`app.runtime.name`) the installed @forge/manifest schema accepts, e.g. nodejs24.x. */
export function supportedRuntimes(): string[] {
  const schemaPath = createRequire(__filename).resolve('@forge/manifest/schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
    definitions?: { AppSchema?: { properties?: { runtime?: { properties?: { name?: { enum?: string[] } } } } } };
  };
  return schema.definitions?.AppSchema?.properties?.runtime?.properties?.name?.enum ?? [];
}

export function loadManifest(manifestPath: string): AppManifest {
  const raw = parse(readFileSync(manifestPath, 'utf8')) as Raw;
  const app = (raw.app ?? {}) as Raw;
  // Forge refuses to deploy a runtime its schema does not list (nodejs18.x is gone); so does this host.
  // The app still runs on this machine's Node (20.19+): the runtime name is what a deploy will use.
  const runtimeName = String(((app.runtime ?? {}) as Raw).name ?? '');
  const runtimes = supportedRuntimes();
  if (!runtimes.includes(runtimeName)) {
    throw new Error(`${path.basename(manifestPath)}: app.runtime.name "${runtimeName}" is not a Forge runtime; use one of ${runtimes.join(', ')}`);
  }
  const modules = (raw.modules ?? {}) as Raw;
  const permissions = (raw.permissions ?? {}) as Raw;
  const external = (permissions.external ?? {}) as Raw;
  const fetchPerms = (external.fetch ?? {}) as Raw;

  const functions = new Map<string, FunctionModule>();
  for (const f of list(modules.function)) {
    functions.set(String(f.key), {
      key: String(f.key),
      handler: String(f.handler),
      timeoutSeconds: typeof f.timeoutSeconds === 'number' ? f.timeoutSeconds : undefined,
    });
  }

  const uiModules: UiModule[] = [];
  for (const type of UI_MODULE_TYPES) {
    for (const m of list(modules[type])) {
      const resolver = (m.resolver ?? {}) as Raw;
      uiModules.push({
        type,
        key: String(m.key),
        resource: String(m.resource ?? ''),
        resolverFunction: typeof resolver.function === 'string' ? resolver.function : undefined,
        render: typeof m.render === 'string' ? m.render : undefined,
        title: typeof m.title === 'string' ? m.title : undefined,
      });
    }
  }

  return {
    appId: String(app.id ?? ''),
    runtimeName,
    functions,
    webTriggers: list(modules.webtrigger).map((m) => ({ key: String(m.key), function: String(m.function) })),
    consumers: list(modules.consumer).map((m) => ({
      key: String(m.key),
      queue: String(m.queue),
      function: String(m.function),
    })),
    scheduledTriggers: list(modules.scheduledTrigger).map((m) => ({
      key: String(m.key),
      function: String(m.function),
      interval: String(m.interval ?? 'hour') as ScheduledTriggerModule['interval'],
    })),
    uiModules,
    resources: list(raw.resources).map((r) => ({ key: String(r.key), path: String(r.path) })),
    scopes: (permissions.scopes as string[] | undefined) ?? [],
    backendEgress: (Array.isArray(fetchPerms.backend) ? (fetchPerms.backend as unknown[]) : []).map(addressOf),
    permissions: { scopes: (permissions.scopes as string[] | undefined) ?? [], external },
    rootDir: path.dirname(path.resolve(manifestPath)),
  };
}

/** `index.outboundEvent` → { file: 'src/index', exportName: 'outboundEvent' } */
export function splitHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Handler "${handler}" must look like file.exportName`);
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
