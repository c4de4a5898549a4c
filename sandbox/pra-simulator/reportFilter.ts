/**
 * Which sessions a report request selects: `lsid`, `lsids`, or one of start_date/start_time/end_date/end_time
 * with `duration` (days with *_date, seconds with *_time, 0 = up to now; end_* selects closed sessions only),
 * and how the report-lag knob makes recently ended sessions look.
 */
import type { ReportLagMode } from './knobs';
import type { SessionRecord } from './model';

export type ReportQuery =
  | { kind: 'lsids'; lsids: string[] }
  | {
      kind: 'range';
      /** start_*: sessions that began in the window, in progress or not; end_*: closed sessions that ended in it. */
      field: 'start' | 'end';
      from: number;
      /** Exclusive upper bound in unix seconds; null = up to the present. */
      to: number | null;
    };

const SELECTORS = ['start_date', 'start_time', 'end_date', 'end_time', 'lsid', 'lsids'] as const;
const DAY_SECONDS = 86_400;

function parseDate(name: string, value: string): number | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return `${name} must be a date in the form YYYY-MM-DD.`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return `${name} is not a valid date.`;
  return ms / 1000;
}

/** Parses the selection parameters; answers an error message when they are not a valid set. */
export function parseReportQuery(params: URLSearchParams, allowLsid: boolean): ReportQuery | { error: string } {
  const given = SELECTORS.filter((name) => params.has(name));
  const allowed = allowLsid ? given : given.filter((name) => name !== 'lsid' && name !== 'lsids');
  if (allowed.length !== given.length) return { error: 'lsid and lsids are not parameters of this report.' };
  if (given.length !== 1) {
    const choices = allowLsid ? SELECTORS.join(', ') : SELECTORS.slice(0, 4).join(', ');
    return { error: `Exactly one of ${choices} must be given.` };
  }
  const selector = given[0]!;
  const value = params.get(selector) ?? '';
  if (selector === 'lsid' || selector === 'lsids') {
    const lsids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return lsids.length > 0 ? { kind: 'lsids', lsids } : { error: `${selector} must not be empty.` };
  }
  const isDate = selector.endsWith('_date');
  const from = isDate ? parseDate(selector, value) : /^\d+$/.test(value) ? Number(value) : `${selector} must be a UNIX timestamp in whole seconds.`;
  if (typeof from === 'string') return { error: from };
  const duration = params.get('duration');
  if (duration === null) return { error: `duration is required with ${selector}.` };
  if (!/^\d+$/.test(duration)) return { error: 'duration must be a non-negative integer.' };
  const span = Number(duration) * (isDate ? DAY_SECONDS : 1);
  return { kind: 'range', field: selector.startsWith('start') ? 'start' : 'end', from, to: span === 0 ? null : from + span };
}

export type ReportStatus = 'hidden' | 'in-progress' | 'closed';

/** How a session appears in reports now: ended sessions lag for `lagMs` (shown in progress, or not at all). */
export function reportStatus(session: SessionRecord, nowMs: number, lagMs: number, lagMode: ReportLagMode): ReportStatus {
  if (session.endedAtMs === null) return 'in-progress';
  if (nowMs - session.endedAtMs < lagMs) return lagMode === 'missing' ? 'hidden' : 'in-progress';
  return 'closed';
}

export function inRange(query: Extract<ReportQuery, { kind: 'range' }>, session: SessionRecord, status: ReportStatus): boolean {
  const within = (t: number) => t >= query.from && (query.to === null || t < query.to);
  if (query.field === 'start') return within(session.startTime);
  return status === 'closed' && session.endTime !== null && within(session.endTime);
}
