import { describe, expect, it } from '@jest/globals';
import type { SessionRecord } from '../../../sandbox/pra-simulator';
import { inRange, parseReportQuery, reportStatus, type ReportQuery } from '../../../sandbox/pra-simulator/reportFilter';

const q = (query: string, allowLsid = true) => parseReportQuery(new URLSearchParams(query), allowLsid);
const DAY = 86_400;
const DEC_3 = Date.UTC(2024, 11, 3) / 1000;

function session(startTime: number, endTime: number | null, endedAtMs: number | null = endTime === null ? null : endTime * 1000): SessionRecord {
  return { startTime, endTime, endedAtMs } as SessionRecord;
}

function range(query: string): Extract<ReportQuery, { kind: 'range' }> {
  const parsed = q(query);
  if ('error' in parsed || parsed.kind !== 'range') throw new Error(`not a range: ${query}`);
  return parsed;
}

describe('parseReportQuery', () => {
  it('reads lsid and lsids', () => {
    expect(q('lsid=abc')).toEqual({ kind: 'lsids', lsids: ['abc'] });
    expect(q('lsids=a, b,,c')).toEqual({ kind: 'lsids', lsids: ['a', 'b', 'c'] });
    expect(q('lsids=')).toEqual({ error: 'lsids must not be empty.' });
    expect(q('lsid=abc', false)).toEqual({ error: 'lsid and lsids are not parameters of this report.' });
  });

  it('reads dates as UTC days and times as seconds; duration 0 means up to now', () => {
    expect(q('start_date=2024-12-03&duration=2')).toEqual({ kind: 'range', field: 'start', from: DEC_3, to: DEC_3 + 2 * DAY });
    expect(q('end_date=2024-12-03&duration=0')).toEqual({ kind: 'range', field: 'end', from: DEC_3, to: null });
    expect(q('start_time=1733239565&duration=60')).toEqual({ kind: 'range', field: 'start', from: 1733239565, to: 1733239625 });
    expect(q('end_time=1733239565&duration=0')).toEqual({ kind: 'range', field: 'end', from: 1733239565, to: null });
  });

  it('rejects non-integer times, bad dates, bad durations and ambiguous or missing selectors', () => {
    expect(q('start_time=2025-09-18T19:12:20Z&duration=0')).toEqual({ error: 'start_time must be a UNIX timestamp in whole seconds.' });
    expect(q('end_time=1.5&duration=0')).toHaveProperty('error');
    expect(q('start_date=2024-02-30&duration=1')).toEqual({ error: 'start_date is not a valid date.' });
    expect(q('start_date=12/03/2024&duration=1')).toEqual({ error: 'start_date must be a date in the form YYYY-MM-DD.' });
    expect(q('start_time=0&duration=-1')).toEqual({ error: 'duration must be a non-negative integer.' });
    expect(q('start_time=0')).toEqual({ error: 'duration is required with start_time.' });
    expect(q('start_time=0&end_time=0&duration=0')).toHaveProperty('error', expect.stringMatching(/^Exactly one of/));
    expect(q('duration=0')).toHaveProperty('error', expect.stringMatching(/^Exactly one of/));
  });
});

describe('inRange', () => {
  it('start_* selects sessions that began in [from, to), in progress or not', () => {
    const window = range(`start_time=${DEC_3}&duration=100`);
    expect(inRange(window, session(DEC_3, null), 'in-progress')).toBe(true);
    expect(inRange(window, session(DEC_3 + 99, DEC_3 + 500), 'closed')).toBe(true);
    expect(inRange(window, session(DEC_3 + 100, null), 'in-progress')).toBe(false);
    expect(inRange(window, session(DEC_3 - 1, null), 'in-progress')).toBe(false);
  });

  it('end_* selects only closed sessions that ended in the window', () => {
    const window = range(`end_date=2024-12-03&duration=1`);
    expect(inRange(window, session(DEC_3 - 50, DEC_3 + 10), 'closed')).toBe(true);
    expect(inRange(window, session(DEC_3, DEC_3 + DAY), 'closed')).toBe(false);
    expect(inRange(window, session(DEC_3, null), 'in-progress')).toBe(false);
    expect(inRange(window, session(DEC_3, DEC_3 + 10), 'in-progress')).toBe(false);
    expect(inRange(range(`end_time=${DEC_3}&duration=0`), session(DEC_3, DEC_3 + 10 * DAY), 'closed')).toBe(true);
  });
});

describe('reportStatus (report lag)', () => {
  const ended = session(DEC_3, DEC_3 + 60, 1_000_000);
  it('shows ended sessions as closed without lag', () => {
    expect(reportStatus(ended, 1_000_000, 0, 'in-progress')).toBe('closed');
    expect(reportStatus(session(DEC_3, null), 5_000_000, 0, 'missing')).toBe('in-progress');
  });
  it('hides or shows in progress for lagMs after the end, depending on the mode', () => {
    expect(reportStatus(ended, 1_000_499, 500, 'in-progress')).toBe('in-progress');
    expect(reportStatus(ended, 1_000_499, 500, 'missing')).toBe('hidden');
    expect(reportStatus(ended, 1_000_500, 500, 'missing')).toBe('closed');
  });
});
