/**
 * Outbound events the app did not import (unknown events, malformed or duplicate ones, events that
 * arrived while the integration was off) and imports that failed, kept for an admin to see.
 * Each entry expires after 14 days and the scheduled job trims the list to its newest 500.
 * Only the known, short fields of an event are kept: never the raw body or URL.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';
import { listPage, trimList } from '../shared/kvsLists';
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
  return (await listPage<LoggedEvent>(PREFIX, limit)).values;
}

/** Deletes entries beyond the newest `keep`; returns how many were deleted. */
export async function trimEventLog(keep = EVENT_LOG_CAP): Promise<number> {
  return trimList(PREFIX, keep);
}
