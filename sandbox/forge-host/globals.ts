/**
 * Installs the two globals through which every @forge SDK package reaches the platform,
 * `__forge_runtime__` and `__forge_fetch__`, and wraps the global `fetch` (which @forge/api captures
 * when it is first imported) with the egress proxy of the current invocation.
 *
 * Each invocation runs inside an AsyncLocalStorage scope, so concurrent invocations each see their own
 * runtime context, principal and egress rules. Outside any invocation the globals behave as if no Forge
 * runtime existed and `fetch` is the original one (simulators and tests use it freely).
 *
 * This module must be imported before any @forge/* module: `test/setup/forge-host.ts` and the sandbox
 * entry point import it first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Module from 'node:module';

export type ForgeFetchTarget = {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
};

/** What one invocation exposes to the SDK packages. */
export interface InvocationScope {
  /** The object `globalThis.__forge_runtime__` returns during the invocation. */
  runtime: Record<string, unknown>;
  /** Implements `globalThis.__forge_fetch__`. */
  forgeFetch(target: ForgeFetchTarget, path: string, init?: RequestInit): Promise<Response>;
  /** Implements the global `fetch` (external egress) during the invocation. */
  egressFetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Receives the invocation's console output. */
  log(level: LogLevel, args: unknown[]): void;
  /** The app's notion of now (epoch ms) in this invocation: the host's movable clock. */
  now?(): number;
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

type GlobalWithForge = typeof globalThis & {
  __forge_fetch__?: (target: ForgeFetchTarget, path: string, init?: RequestInit) => Promise<Response>;
  __forge_host_original_fetch__?: typeof fetch;
  __forge_host_storage__?: AsyncLocalStorage<InvocationScope>;
  __forge_host_installed__?: boolean;
  __forge_host_now__?: () => number | undefined;
};
const g = globalThis as GlobalWithForge;

// Kept on globalThis: a test runner may evaluate this module more than once per process, and every
// copy must share the one scope store the installed globals read.
const storage = (g.__forge_host_storage__ ??= new AsyncLocalStorage<InvocationScope>());

function forgeAlreadyLoaded(): boolean {
  const cache = (Module as unknown as { _cache?: Record<string, unknown> })._cache ?? {};
  return Object.keys(cache).some((file) => /[\\/]@forge[\\/](api|kvs|events)[\\/]/.test(file));
}

if (!g.__forge_host_installed__) {
  if (forgeAlreadyLoaded()) {
    throw new Error(
      'sandbox/forge-host/globals must be imported before any @forge/* package: @forge/api captures the global fetch when it is first loaded.',
    );
  }
  g.__forge_host_original_fetch__ = globalThis.fetch.bind(globalThis);
  const original = g.__forge_host_original_fetch__;

  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get: () => storage.getStore()?.runtime,
  });

  g.__forge_fetch__ = (target, path, init) => {
    const scope = storage.getStore();
    if (!scope) {
      return Promise.reject(new Error(`Forge platform request outside an invocation: ${target.type} ${path.split('?')[0]}`));
    }
    return scope.forgeFetch(target, path, init);
  };

  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const scope = storage.getStore();
    return scope ? scope.egressFetch(input, init) : original(input, init);
  }) as typeof fetch;

  // The sandbox's movable clock (src/shared/clock.ts reads it; Forge never defines it, so the app uses
  // the system clock there). Outside an invocation: undefined.
  g.__forge_host_now__ = () => storage.getStore()?.now?.();

  g.__forge_host_installed__ = true;
}

// The console is patched whenever it is a new object (test runners may swap it per test file):
// output written during an invocation goes to that invocation's log.
const PATCHED = Symbol.for('forge-host.console-patched');
const patchable = console as Console & { [PATCHED]?: boolean };
if (!patchable[PATCHED]) {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const print = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const scope = storage.getStore();
      if (scope) scope.log(level, args);
      else print(...args);
    };
  }
  patchable[PATCHED] = true;
}

/** The global fetch as it was before the host wrapped it: for the host's own requests. */
export const originalFetch: typeof fetch = g.__forge_host_original_fetch__!;

/** Runs `fn` as one invocation: every Forge SDK call inside it (also in callbacks it schedules) uses `scope`. */
export function runInScope<T>(scope: InvocationScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** The current invocation, if any (used by the host to refuse nested misuse). */
export function currentScope(): InvocationScope | undefined {
  return storage.getStore();
}

/** Prints to the real console even inside an invocation (for the host's own diagnostics). */
export const hostConsole = {
  log: (...args: unknown[]) => storage.exit(() => console.log(...args)),
  warn: (...args: unknown[]) => storage.exit(() => console.warn(...args)),
  error: (...args: unknown[]) => storage.exit(() => console.error(...args)),
};
