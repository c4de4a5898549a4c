import { describe, expect, it } from '@jest/globals';
import {
  decideWindow,
  formatInstant,
  formatWindow,
  isCovered,
  parseJiraDateTime,
  placeInWindow,
  placeSession,
  readWindow,
  type ChangeWindowSettings,
} from '../../../src/changeWindow/windowRules';
import { chooseWindowFields } from '../../../src/changeWindow/windowFields';
import type { JiraField } from '../../../src/jira/fields';

const SETTINGS: ChangeWindowSettings = {
  requireChangeWindow: true,
  changeWindowIssueTypes: ['Change'],
  changeWindowGraceMinutes: 15,
  changeWindowStatuses: [],
};
const START = '2026-12-04T22:00:00.000+0000';
const END = '2026-12-04T23:00:00.000+0000';
const startMs = Date.UTC(2026, 11, 4, 22, 0, 0);
const endMs = Date.UTC(2026, 11, 4, 23, 0, 0);
const GRACE = 15 * 60_000;
const ticket = (over: Partial<{ issueTypeName: string; statusName: string; startValue: unknown; endValue: unknown }> = {}) => ({
  issueTypeName: 'Change',
  statusName: 'Implementing',
  startValue: START,
  endValue: END,
  ...over,
});

describe('reading Jira date-time values', () => {
  it.each([
    ['2026-12-04T22:00:00.000+0000', startMs],
    ['2026-12-04T22:00:00+00:00', startMs],
    ['2026-12-04T22:00Z', startMs],
    ['2026-12-05T09:00:00.000+1100', startMs],
    ['2026-12-04T17:00:00.000-0500', startMs],
    ['2026-12-05T03:30:00.000+05:30', startMs],
    ['2026-12-04T22:00:00.123456+0000', startMs + 123],
  ])('%s is the same instant whatever its zone', (value, expected) => {
    expect(parseJiraDateTime(value)).toBe(expected);
  });

  it.each([
    ['no zone (ambiguous)', '2026-12-04T22:00:00.000'],
    ['a date without a time', '2026-12-04'],
    ['an impossible day', '2026-02-30T10:00:00.000+0000'],
    ['an impossible hour', '2026-12-04T24:00:00.000+0000'],
    ['an impossible offset', '2026-12-04T22:00:00.000+1900'],
    ['a number', 1_733_349_600_000],
    ['an ADF document', { type: 'doc', version: 1, content: [] }],
    ['hostile text', '2026-12-04T22:00:00.000+0000\u0000; DROP'],
    ['a huge string', `2026-12-04T22:00:00.000+0000${' '.repeat(100_000)}`],
    ['null', null],
    ['emoji and CJK', '２０２６-12-04T22:00:00.000+0000 🚀 変更'],
  ])('refuses %s', (_what, value) => {
    expect(parseJiraDateTime(value)).toBeUndefined();
  });

  it('reads a window, says when a value is missing, and when it is reversed', () => {
    expect(readWindow(START, END)).toEqual({ kind: 'window', window: { startMs, endMs } });
    expect(readWindow(null, END)).toEqual({ kind: 'missing' });
    expect(readWindow(START, undefined)).toEqual({ kind: 'missing' });
    expect(readWindow('soon', END)).toEqual({ kind: 'missing' });
    expect(readWindow(END, START)).toEqual({ kind: 'reversed', window: { startMs: endMs, endMs: startMs } });
    // A zero-length window is a window (start = end), not a reversed one.
    expect(readWindow(START, START).kind).toBe('window');
  });
});

describe('the window edges, grace included', () => {
  const window = { startMs, endMs };
  it.each([
    ['exactly at start − grace', startMs - GRACE, 'inside'],
    ['one second before start − grace', startMs - GRACE - 1000, 'before'],
    ['one millisecond before start − grace', startMs - GRACE - 1, 'before'],
    ['exactly at end + grace', endMs + GRACE, 'inside'],
    ['one second after end + grace', endMs + GRACE + 1000, 'after'],
    ['in the middle', startMs + 30 * 60_000, 'inside'],
  ])('%s', (_what, at, expected) => {
    expect(placeInWindow(at, window, 15)).toBe(expected);
  });

  it('with no grace, the planned start and end themselves are the edges', () => {
    expect(placeInWindow(startMs, window, 0)).toBe('inside');
    expect(placeInWindow(startMs - 1000, window, 0)).toBe('before');
    expect(placeInWindow(endMs + 1000, window, 0)).toBe('after');
  });
});

describe('the decision', () => {
  const inside = startMs + 60_000;
  it('approves a covered ticket inside its window', () => {
    expect(decideWindow(SETTINGS, ticket(), inside)).toEqual({ kind: 'inside', window: { startMs, endMs } });
  });

  it('applies only to the configured issue types (case-insensitive), and only when required', () => {
    expect(isCovered(SETTINGS, 'change')).toBe(true);
    expect(isCovered(SETTINGS, 'Incident')).toBe(false);
    expect(isCovered(SETTINGS, undefined)).toBe(false);
    expect(isCovered({ ...SETTINGS, requireChangeWindow: false }, 'Change')).toBe(false);
    expect(decideWindow(SETTINGS, ticket({ issueTypeName: 'Incident', startValue: null }), inside)).toEqual({ kind: 'not-covered' });
    expect(decideWindow({ ...SETTINGS, changeWindowIssueTypes: ['Change', 'Service Request'] }, ticket({ issueTypeName: 'service  request' }), inside).kind).toBe('inside');
  });

  it('denies outside the window, saying before or after', () => {
    expect(decideWindow(SETTINGS, ticket(), startMs - GRACE - 1000)).toMatchObject({ kind: 'outside', when: 'before' });
    expect(decideWindow(SETTINGS, ticket(), endMs + GRACE + 1000)).toMatchObject({ kind: 'outside', when: 'after' });
    expect(decideWindow(SETTINGS, ticket(), startMs - GRACE).kind).toBe('inside');
    expect(decideWindow(SETTINGS, ticket(), endMs + GRACE).kind).toBe('inside');
  });

  it('reads windows written in any time zone', () => {
    const sydney = ticket({ startValue: '2026-12-05T09:00:00.000+1100', endValue: '2026-12-05T10:00:00.000+1100' });
    expect(decideWindow(SETTINGS, sydney, startMs - GRACE).kind).toBe('inside');
    expect(decideWindow(SETTINGS, sydney, startMs - GRACE - 1000).kind).toBe('outside');
  });

  it('denies a missing or reversed window whatever the time', () => {
    expect(decideWindow(SETTINGS, ticket({ startValue: null }), inside)).toEqual({ kind: 'missing' });
    expect(decideWindow(SETTINGS, ticket({ endValue: '2026-12-04' }), inside)).toEqual({ kind: 'missing' });
    expect(decideWindow(SETTINGS, ticket({ startValue: END, endValue: START }), inside).kind).toBe('reversed');
  });

  it('checks the status only when allowed statuses are configured', () => {
    const implementing = { ...SETTINGS, changeWindowStatuses: ['Implementing'] };
    expect(decideWindow(implementing, ticket({ statusName: 'implementing' }), inside).kind).toBe('inside');
    expect(decideWindow(implementing, ticket({ statusName: 'Awaiting implementation' }), inside)).toMatchObject({
      kind: 'status-not-allowed',
      status: 'Awaiting implementation',
    });
    expect(decideWindow(SETTINGS, ticket({ statusName: 'Awaiting implementation' }), inside).kind).toBe('inside');
  });
});

describe('writing windows (UTC, zone written)', () => {
  it('writes a same-day window as in the issue', () => {
    expect(formatWindow({ startMs, endMs })).toBe('2026-12-04 22:00–23:00 UTC');
  });
  it('writes both days when the window crosses midnight, and seconds only when there are some', () => {
    expect(formatWindow({ startMs, endMs: Date.UTC(2026, 11, 5, 1, 0, 30) })).toBe('2026-12-04 22:00 – 2026-12-05 01:00:30 UTC');
    expect(formatInstant(startMs)).toBe('2026-12-04 22:00 UTC');
  });
});

describe('where a session fell', () => {
  const window = { startMs, endMs };
  it('is inside only when it started and ended inside (grace included)', () => {
    expect(placeSession(window, 15, startMs - GRACE, endMs + GRACE)).toEqual({ start: 'inside', end: 'inside', inside: true });
    expect(placeSession(window, 15, startMs, endMs + GRACE + 1000)).toEqual({ start: 'inside', end: 'after', inside: false });
    expect(placeSession(window, 15, startMs - GRACE - 1000, endMs)).toEqual({ start: 'before', end: 'inside', inside: false });
    expect(placeSession(window, 15, startMs)).toEqual({ start: 'inside', inside: true });
  });
});

describe('choosing the window fields', () => {
  const dt = (id: string, name: string): JiraField => ({ id, name, custom: true, schema: { type: 'datetime', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime' } });
  const text = (id: string, name: string): JiraField => ({ id, name, custom: true, schema: { type: 'string' } });
  const none = { changeWindowStartField: '', changeWindowEndField: '' };

  it('takes Planned start / Planned end first, then Change start date / Change completion date', () => {
    const both = [dt('c1', 'Change start date'), dt('c2', 'Change completion date'), dt('c3', 'Planned start'), dt('c4', 'Planned end')];
    expect(chooseWindowFields(both, none)).toEqual({ ok: true, fields: { startId: 'c3', startName: 'Planned start', endId: 'c4', endName: 'Planned end' } });
    expect(chooseWindowFields(both.slice(0, 3), none)).toMatchObject({ ok: true, fields: { startId: 'c1', endId: 'c2' } });
  });

  it('uses the configured names exactly, and only date-time fields', () => {
    const fields = [dt('c1', 'Window from'), dt('c2', 'Window to'), text('c3', 'Planned start'), dt('c4', 'Planned end')];
    expect(chooseWindowFields(fields, { changeWindowStartField: 'Window from', changeWindowEndField: 'Window to' })).toMatchObject({ ok: true, fields: { startId: 'c1', endId: 'c2' } });
    expect(chooseWindowFields(fields, none)).toEqual({ ok: false, tried: ['Planned start', 'Planned end', 'Change start date', 'Change completion date'], similar: [] });
  });

  it('suggests names that differ only by case or spacing ("did you mean")', () => {
    const fields = [dt('c1', 'Planned Start'), dt('c2', 'Planned  End')];
    expect(chooseWindowFields(fields, none)).toEqual({
      ok: false,
      tried: ['Planned start', 'Planned end', 'Change start date', 'Change completion date'],
      similar: ['Planned Start', 'Planned  End'],
    });
  });
});
