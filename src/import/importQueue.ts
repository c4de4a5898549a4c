/**
 * The session-import queue. Each event carries one lsid; the per-session concurrency key makes the
 * platform run at most one import of a session at a time, however many times it is queued.
 */
import { Queue } from '@forge/events';
import type { ImportSource } from './ledger';

export const IMPORT_QUEUE_KEY = 'session-import';

export interface ImportJob extends Record<string, unknown> {
  lsid: string;
  source: ImportSource;
}

const queue = new Queue({ key: IMPORT_QUEUE_KEY });

export async function enqueueImport(lsid: string, source: ImportSource, delayInSeconds = 0): Promise<void> {
  await queue.push({ body: { lsid, source } satisfies ImportJob, delayInSeconds, concurrency: { key: `session-${lsid}`, limit: 1 } });
}
