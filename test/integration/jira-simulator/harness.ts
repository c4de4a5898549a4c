/** Starts a Jira simulator on a loopback port and offers a small typed HTTP client for the tests. */
import { createJiraSimulator, type JiraSimulator } from '../../../sandbox/jira-simulator';
import type { Listening } from '../../../sandbox/shared/http';

export const T0 = Date.parse('2026-01-15T10:00:00.000Z');

export interface CallOptions {
  /** 'app' (default), an accountId, or null for no Authorization header. */
  as?: string | null;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is empty or not JSON). */
  body: any;
}

export interface Harness {
  sim: JiraSimulator;
  url: string;
  clock: { now: number };
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

export function authHeader(as: string | null | undefined): Record<string, string> {
  if (as === null) return {};
  return { Authorization: as === undefined || as === 'app' ? 'Bearer sim-app' : `Bearer sim-user:${as}` };
}

export async function startSimulator(options: { seed?: boolean } = {}): Promise<Harness> {
  const clock = { now: T0 };
  const sim = createJiraSimulator({ now: () => clock.now });
  if (options.seed !== false) sim.seedDemo();
  const listening: Listening = await sim.listen();
  return {
    sim,
    url: listening.url,
    clock,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...authHeader(opts.as), ...(opts.headers ?? {}) };
      let body: Uint8Array<ArrayBuffer> | string | undefined =
        opts.body === undefined || typeof opts.body === 'string' ? opts.body : new Uint8Array(opts.body);
      if (opts.json !== undefined) {
        body = JSON.stringify(opts.json);
        headers['Content-Type'] = 'application/json';
      }
      const res = await fetch(`${listening.url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, text, body: parsed };
    },
    close: () => sim.close(),
  };
}

export const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  version: 1,
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
