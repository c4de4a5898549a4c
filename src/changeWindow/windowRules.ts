/**
 * Change windows (issue 15): an approved change may be carried out only within its planned window.
 * Pure rules shared by endpoint approval, the session import and the ticket panel: which tickets are
 * covered, reading Jira date-time values (any offset), the window check with its grace period, and how a
 * window is written (always UTC, zone written out). No I/O.
 */
import { sameName } from '../shared/names';

/** The settings these rules read (a subset of Settings, so the rules do not depend on config/). */
export interface ChangeWindowSettings {
  requireChangeWindow: boolean;
  /** Issue type names the window applies to (case-insensitive). */
  changeWindowIssueTypes: readonly string[];
  /** Minutes allowed before the planned start and after the planned end. */
  changeWindowGraceMinutes: number;
  /** Status names in which access is allowed; empty = any active status. */
  changeWindowStatuses: readonly string[];
}

/** A planned window in epoch milliseconds. */
export interface ChangeWindow {
  startMs: number;
  endMs: number;
}

/**
 * What a decision, an import or the panel keeps about a window: the planned window (ISO-8601 UTC) and
 * the grace that was applied. Small and JSON-safe (stored in audit records).
 */
export interface WindowSummary {
  start: string;
  end: string;
  graceMinutes: number;
}

/** The field pairs tried in order when no field names are configured (ITSM names first, then older templates). */
export const DEFAULT_WINDOW_FIELD_PAIRS: readonly (readonly [string, string])[] = [
  ['Planned start', 'Planned end'],
  ['Change start date', 'Change completion date'],
];

/** Names compare case-insensitively, spacing and typographic apostrophes normalised (shared/names). */
export const sameWindowName = sameName;

/** Whether the change-window rules apply to a ticket of this issue type. */
export function isCovered(settings: ChangeWindowSettings, issueTypeName: string | undefined): boolean {
  if (!settings.requireChangeWindow || !issueTypeName) return false;
  return settings.changeWindowIssueTypes.some((t) => sameWindowName(t, issueTypeName));
}

// ---- Reading Jira date-time values ------------------------------------------------------------

/**
 * Jira's date-time format with a mandatory zone: `2026-12-04T22:00:00.000+0000`, `+11:00`, `-0500` or `Z`;
 * seconds and fractions optional. A value without a zone is refused (its instant is ambiguous), and so is a
 * date without a time (a date picker field is not a window): stricter than guessing.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds of a Jira date-time value, or undefined when it is not one. */
export function parseJiraDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  if (new Date(local).getUTCDate() !== day) return undefined; // 2026-02-30
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone!)!;
    const hours = Number(z[2]);
    const minutes = Number(z[3]);
    if (hours > 14 || minutes > 59) return undefined;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return local - offsetMinutes * 60_000;
}

export type WindowReading =
  | { kind: 'window'; window: ChangeWindow }
  /** Either value is absent or unreadable. */
  | { kind: 'missing' }
  /** The end is before the start. */
  | { kind: 'reversed'; window: ChangeWindow };

/** The window from the two field values of a ticket. */
export function readWindow(startValue: unknown, endValue: unknown): WindowReading {
  const startMs = parseJiraDateTime(startValue);
  const endMs = parseJiraDateTime(endValue);
  if (startMs === undefined || endMs === undefined) return { kind: 'missing' };
  const window = { startMs, endMs };
  return endMs < startMs ? { kind: 'reversed', window } : { kind: 'window', window };
}

// ---- The window check -------------------------------------------------------------------------

const MINUTE_MS = 60_000;

/** Where an instant falls relative to [start − grace, end + grace] (both ends inclusive). */
export function placeInWindow(atMs: number, window: ChangeWindow, graceMinutes: number): 'before' | 'inside' | 'after' {
  const grace = Math.max(0, graceMinutes) * MINUTE_MS;
  if (atMs < window.startMs - grace) return 'before';
  if (atMs > window.endMs + grace) return 'after';
  return 'inside';
}

export type WindowDecision =
  | { kind: 'not-covered' }
  | { kind: 'inside'; window: ChangeWindow }
  | { kind: 'outside'; window: ChangeWindow; when: 'before' | 'after' }
  | { kind: 'missing' }
  | { kind: 'reversed'; window: ChangeWindow }
  | { kind: 'status-not-allowed'; window: ChangeWindow; status: string };

export interface TicketWindowFacts {
  issueTypeName: string | undefined;
  statusName: string | undefined;
  startValue: unknown;
  endValue: unknown;
}

/**
 * The endpoint-approval window check, after the product's checks passed. In order: not a covered
 * type → not-covered (approved as today); no readable window → missing; end before start → reversed;
 * now outside [start − grace, end + grace] → outside; a status not in the allowed list (when one is
 * configured) → status-not-allowed; else inside.
 */
export function decideWindow(settings: ChangeWindowSettings, ticket: TicketWindowFacts, nowMs: number): WindowDecision {
  if (!isCovered(settings, ticket.issueTypeName)) return { kind: 'not-covered' };
  const reading = readWindow(ticket.startValue, ticket.endValue);
  if (reading.kind !== 'window') return reading;
  const place = placeInWindow(nowMs, reading.window, settings.changeWindowGraceMinutes);
  if (place !== 'inside') return { kind: 'outside', window: reading.window, when: place };
  const allowed = settings.changeWindowStatuses;
  const status = ticket.statusName ?? '';
  if (allowed.length > 0 && !allowed.some((s) => sameWindowName(s, status))) return { kind: 'status-not-allowed', window: reading.window, status };
  return { kind: 'inside', window: reading.window };
}

// ---- Writing windows --------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

function day(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function clock(ms: number): string {
  const d = new Date(ms);
  const seconds = d.getUTCSeconds();
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
}

/**
 * `2026-12-04 22:00–23:00 UTC` (same day), `2026-12-04 22:00 – 2026-12-05 01:00 UTC` (across days).
 * Seconds are shown only when a value has them.
 */
export function formatWindow(window: ChangeWindow): string {
  const { startMs, endMs } = window;
  if (day(startMs) === day(endMs)) return `${day(startMs)} ${clock(startMs)}–${clock(endMs)} UTC`;
  return `${day(startMs)} ${clock(startMs)} – ${day(endMs)} ${clock(endMs)} UTC`;
}

/** One instant as `2026-12-04 22:00 UTC`. */
export function formatInstant(ms: number): string {
  return `${day(ms)} ${clock(ms)} UTC`;
}

export function summarizeWindow(window: ChangeWindow, graceMinutes: number): WindowSummary {
  return { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString(), graceMinutes };
}

export function windowOfSummary(summary: WindowSummary): ChangeWindow | undefined {
  const startMs = Date.parse(summary.start);
  const endMs = Date.parse(summary.end);
  return Number.isFinite(startMs) && Number.isFinite(endMs) ? { startMs, endMs } : undefined;
}

/** Where a session (start, end in ms; end may be unknown) fell relative to the window with grace. */
export interface SessionPlacement {
  start: 'before' | 'inside' | 'after';
  end?: 'before' | 'inside' | 'after';
  /** The session started and (when known) ended inside the window. */
  inside: boolean;
}

export function placeSession(window: ChangeWindow, graceMinutes: number, startMs: number, endMs?: number): SessionPlacement {
  const start = placeInWindow(startMs, window, graceMinutes);
  const end = endMs === undefined ? undefined : placeInWindow(endMs, window, graceMinutes);
  return { start, ...(end ? { end } : {}), inside: start === 'inside' && (end === undefined || end === 'inside') };
}

/** `inside the change window`, `before the change window`, `after the change window`. */
export function describePlace(place: 'before' | 'inside' | 'after'): string {
  return place === 'inside' ? 'inside the change window' : `${place} the change window`;
}
