/**
 * Outbound events the app did not import (unknown events, malformed or duplicate ones, events that
 * arrived while the integration was off) and imports that failed, kept for an admin to see.
 *
 * Storage is bounded whatever a sender does (issue 12.5). Ignored and duplicate events are
 * **coalesced**: one entry per kind and hour (`event-log:<inverted end of hour>:hour-<kind>`) holding a
 * counter, the first time and the latest example, so a sender with a valid token adds at most
 * `COALESCED_KINDS.length` (7) entries an hour, however many requests it sends. Failed imports keep one
 * entry each (they follow imports the ledger admitted). Each entry expires after 14 days and the
 * hourly reconciliation trims the list to its newest 500. Only the known, short fields of an event are
 * kept: never the raw body or URL.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';
import { listPage, trimList } from '../shared/kvsLists';
import { invertedTime } from '../shared/keys';

export type EventOutcome = 'ignored' | 'duplicate' | 'failed';

/** Why an event was not imported, from a fixed set: what events are grouped by (never sender text). */
export const COALESCED_KINDS = ['no-event', 'other-event', 'no-lsid', 'malformed-lsid', 'unreadable', 'disabled', 'duplicate'] as const;
export type CoalescedKind = (typeof COALESCED_KINDS)[number];

export interface LoggedEvent {
  /** The latest occurrence. */
  at: string;
  outcome: EventOutcome;
  reason: string;
  event?: string;
  lsid?: string;
  externalKey?: string;
  applianceId?: string;
  eventTimestamp?: string;
  /** Coalesced entries: how many such events arrived in this hour (the fields above are the latest). */
  count?: number;
  /** Coalesced entries: the first of them. */
  firstAt?: string;
}

const PREFIX = 'event-log:';
const TTL = { ttl: { value: 14, unit: 'DAYS' as const } };
export const EVENT_LOG_CAP = 500;
const HOUR_MS = 3_600_000;

/** A failed import: one entry each. */
export async function logEvent(entry: Omit<LoggedEvent, 'at' | 'count' | 'firstAt'>): Promise<void> {
  const key = `${PREFIX}${invertedTime()}:${crypto.randomBytes(3).toString('hex')}`;
  await kvs.set(key, { ...entry, at: new Date().toISOString() }, TTL);
}

/** The key of the one entry for this kind in the hour of `now` (it sorts before that hour's single entries). */
export function coalescedKey(kind: CoalescedKind, now: number): string {
  const endOfHour = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS - 1;
  return `${PREFIX}${invertedTime(endOfHour)}:hour-${kind}`;
}

/**
 * An ignored or duplicate event: counted in its kind's entry for this hour, which keeps the latest
 * example. Concurrent deliveries may undercount (last write wins); they never add entries.
 */
export async function logCoalescedEvent(kind: CoalescedKind, entry: Omit<LoggedEvent, 'at' | 'count' | 'firstAt'>, now = Date.now()): Promise<void> {
  const key = coalescedKey(kind, now);
  const previous = await kvs.get<LoggedEvent>(key);
  const at = new Date(now).toISOString();
  await kvs.set(key, { ...entry, at, count: (previous?.count ?? 0) + 1, firstAt: previous?.firstAt ?? previous?.at ?? at } satisfies LoggedEvent, TTL);
}

/** The newest entries, latest occurrence first (a coalesced entry is as new as its latest example). */
export async function recentEvents(limit = 50): Promise<LoggedEvent[]> {
  const values = (await listPage<LoggedEvent>(PREFIX, limit)).values;
  return values.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Deletes entries beyond the newest `keep`; returns how many were deleted. */
export async function trimEventLog(keep = EVENT_LOG_CAP): Promise<number> {
  return trimList(PREFIX, keep);
}
