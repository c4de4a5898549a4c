/**
 * What to do with an outbound event from PRA (pra-appliance-api.md §7). Only "Access Session End"
 * (`support_conference_end`) with a well-formed lsid leads to an import; everything else is ignored
 * with a reason. Pure: no I/O.
 */
import { LSID_PATTERN } from './ledger';

export const SESSION_END_EVENT = 'support_conference_end';

export type EventDecision =
  | { action: 'import'; lsid: string; externalKey?: string; eventTimestamp?: string; applianceId?: string }
  | { action: 'ignore'; kind: IgnoredKind; reason: string; event?: string; lsid?: string; externalKey?: string; applianceId?: string; eventTimestamp?: string };

/** Why an event is ignored, from a fixed set (the event log groups by it, never by sender text). */
export type IgnoredKind = 'no-event' | 'other-event' | 'no-lsid' | 'malformed-lsid' | 'unreadable';

/** A field as a short single-line string (event fields are hints and end up in an admin list). */
function field(fields: Record<string, unknown>, name: string, max = 200): string | undefined {
  const raw = fields[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  const text = String(value).replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}

export function classifyOutboundEvent(fields: Record<string, unknown>): EventDecision {
  const event = field(fields, 'event', 100);
  const lsid = field(fields, 'lsid', 64);
  const externalKey = field(fields, 'external_key', 255);
  const applianceId = field(fields, 'appliance_id', 100);
  const eventTimestamp = field(fields, 'timestamp', 20);
  const context = { event, externalKey, applianceId, eventTimestamp };
  if (!event) return { action: 'ignore', kind: 'no-event', reason: 'The request has no event name.', ...context, lsid };
  if (event !== SESSION_END_EVENT) {
    return { action: 'ignore', kind: 'other-event', reason: `Event "${event}" is not imported: only Access Session End (${SESSION_END_EVENT}) is.`, ...context, lsid };
  }
  if (!lsid) return { action: 'ignore', kind: 'no-lsid', reason: 'The session end event has no lsid.', ...context };
  if (!LSID_PATTERN.test(lsid)) return { action: 'ignore', kind: 'malformed-lsid', reason: 'The session end event has a malformed lsid (expected 32 hexadecimal characters).', ...context, lsid };
  return { action: 'import', lsid: lsid.toLowerCase(), externalKey, eventTimestamp, applianceId };
}
