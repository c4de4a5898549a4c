/**
 * Two timestamps the health view needs, written where they happen: the last authenticated outbound
 * event (by the web trigger) and the last completed import (by the importer). One small KVS write each.
 */
import { kvs } from '@forge/kvs';

const LAST_EVENT_KEY = 'health:last-event';
const LAST_IMPORT_KEY = 'health:last-import';

export interface LastSeen {
  at: string;
  detail?: string;
}

export async function noteEventReceived(event: string | undefined): Promise<void> {
  await kvs.set(LAST_EVENT_KEY, { at: new Date().toISOString(), detail: event?.slice(0, 100) } satisfies LastSeen);
}

export async function noteImportDone(lsid: string, ticketKey: string | undefined): Promise<void> {
  await kvs.set(LAST_IMPORT_KEY, { at: new Date().toISOString(), detail: `${lsid}${ticketKey ? ` → ${ticketKey}` : ''}` } satisfies LastSeen);
}

export async function lastSeen(): Promise<{ event?: LastSeen; import?: LastSeen }> {
  const [event, imported] = await Promise.all([kvs.get<LastSeen>(LAST_EVENT_KEY), kvs.get<LastSeen>(LAST_IMPORT_KEY)]);
  return { event, import: imported };
}
