/**
 * Outbound events the app did not import (unknown events, malformed or duplicate ones, events that
 * arrived while the integration was off) and imports that failed, kept for an admin to see.
 * Each entry expires after 14 days and the scheduled job trims the list to its newest 500.
 * Only the known, short fields of an event are kept: never the raw body or URL.
 */
import crypto from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { invertedTime } from '../shared/keys';

export type EventOutcome = 'ignored' | 'duplicate' | 'failed';

export interface LoggedEvent {
  at: string;
  outcome: EventOutcome;
  reason: string;
  event?: string;
  lsid?: string;
  externalKey?: string;
  applianceId?: string;
  eventTimestamp?: string;
}

const PREFIX = 'event-log:';
const TTL_DAYS = 14;
export const EVENT_LOG_CAP = 500;

export async function logEvent(entry: Omit<LoggedEvent, 'at'>): Promise<void> {
  const key = `${PREFIX}${invertedTime()}:${crypto.randomBytes(3).toString('hex')}`;
  await kvs.set(key, { ...entry, at: new Date().toISOString() }, { ttl: { value: TTL_DAYS, unit: 'DAYS' } });
}

export async function recentEvents(limit = 50): Promise<LoggedEvent[]> {
  const page = await kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(Math.min(limit, 100)).getMany<LoggedEvent>();
  return page.results.map((r) => r.value);
}

/** Deletes entries beyond the newest `keep`; returns how many were deleted. */
export async function trimEventLog(keep = EVENT_LOG_CAP): Promise<number> {
  let seen = 0;
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(100).cursor(cursor as string).getMany<LoggedEvent>();
    for (const r of page.results) {
      seen += 1;
      if (seen > keep) {
        await kvs.delete(r.key);
        deleted += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return deleted;
}
