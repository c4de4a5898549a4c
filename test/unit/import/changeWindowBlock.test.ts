import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { changeWindowBlock } from '../../../src/import/render/changeWindowBlock';
import { COMMENT_CHAR_LIMIT, renderSession } from '../../../src/import/render/renderSession';
import { parseAccessSession, type SessionEvent, type SessionReport } from '../../../src/import/sessionReport';
import { sessionWindowNote } from '../../../src/changeWindow/sessionWindow';
import type { WindowFieldChoice } from '../../../src/changeWindow/windowFields';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const SETTINGS = { ...DEFAULT_SETTINGS, requireChangeWindow: true };
const FIELDS: WindowFieldChoice = { ok: true, fields: { startId: 'cf_s', startName: 'Planned start', endId: 'cf_e', endName: 'Planned end' } };
const change = (start: unknown = '2026-12-05T09:00:00.000+1100', end: unknown = '2026-12-04T23:00:00Z') => ({ issuetype: { name: 'Change' }, cf_s: start, cf_e: end });
const sec = (iso: string) => Date.parse(iso) / 1000;

function textOf(node: unknown): string {
  const n = node as { text?: string; content?: unknown[] };
  return (n.text ?? '') + (n.content ?? []).map(textOf).join('');
}

describe('where a session fell', () => {
  it('is nothing for tickets the window does not cover', () => {
    expect(sessionWindowNote(SETTINGS, { issuetype: { name: 'Incident' } }, FIELDS, 1, 2)).toBeUndefined();
    expect(sessionWindowNote(DEFAULT_SETTINGS, change(), FIELDS, 1, 2)).toBeUndefined();
    expect(changeWindowBlock(undefined, {})).toEqual([]);
  });

  it('says inside, with the window in UTC whatever zone the field was written in', () => {
    const note = sessionWindowNote(SETTINGS, change(), FIELDS, sec('2026-12-04T21:45:00Z'), sec('2026-12-04T23:15:00Z'))!;
    expect(note).toMatchObject({ kind: 'window', start: 'inside', end: 'inside', inside: true });
    const block = changeWindowBlock(note, { startTime: sec('2026-12-04T21:45:00Z'), endTime: sec('2026-12-04T23:15:00Z') });
    expect(textOf(block[0])).toBe(
      'Inside the change window. Change window 2026-12-04 22:00–23:00 UTC (grace 15 minutes before and after). The session started 2026-12-04 21:45:00 UTC, inside the change window, and ended 2026-12-04 23:15:00 UTC, inside the change window.',
    );
  });

  it('flags a session that ran past the window (one second is enough)', () => {
    const note = sessionWindowNote(SETTINGS, change(), FIELDS, sec('2026-12-04T22:30:00Z'), sec('2026-12-04T23:15:01Z'))!;
    expect(note).toMatchObject({ start: 'inside', end: 'after', inside: false });
    expect(textOf(changeWindowBlock(note, { startTime: sec('2026-12-04T22:30:00Z'), endTime: sec('2026-12-04T23:15:01Z') })[0])).toMatch(
      /^⚠ Outside the change window\. .*started 2026-12-04 22:30:00 UTC, inside the change window, and ended 2026-12-04 23:15:01 UTC, after the change window\.$/,
    );
  });

  it.each([
    ['missing', change(null), 'Change window not checked: this ticket has no planned start and end.'],
    ['reversed', change('2026-12-05T00:00:00Z'), 'Change window not checked: the planned end of this ticket is before its planned start.'],
  ])('flags a %s window as not checked', (_what, fields, text) => {
    const note = sessionWindowNote(SETTINGS, fields, FIELDS, 1, 2);
    expect(textOf(changeWindowBlock(note, {})[0])).toBe(text);
  });

  it('flags missing window fields as not checked', () => {
    const note = sessionWindowNote(SETTINGS, change(), { ok: false, tried: [], similar: [] }, 1, 2);
    expect(note).toEqual({ kind: 'unchecked', reason: 'fields-unusable' });
  });
});

describe('in the rendered comment', () => {
  const report = (): SessionReport => {
    const r = parseAccessSession(
      readFileSync(path.resolve(__dirname, '../../fixtures/pra-reports', 'access-session-quirks.xml'), 'utf8'),
      '0123456789abcdef0123456789abcdef',
    );
    if (r.kind !== 'session') throw new Error(r.kind);
    return r.report;
  };

  it('is the first thing under the header of part 1 only, and part 1 of a very large session stays under Jira’s limit', () => {
    const base = report();
    const events: SessionEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      timestamp: (base.startTime ?? 0) + i,
      type: 'Chat Message',
      performedBy: { type: 'representative', name: 'Taylor «変更» 🚀' },
      body: `message ${i} C:\\Temp\\"quoted" &amp; ${'x'.repeat(200)}`,
      files: [],
      data: {},
      systemInformation: [],
    }));
    const big = { ...base, events };
    const note = sessionWindowNote(SETTINGS, change(), FIELDS, sec('2026-12-04T20:00:00Z'), sec('2026-12-04T20:30:00Z'));
    const rendered = renderSession(big, { excludedEventTypes: [], changeWindow: note });
    expect(rendered.parts.length).toBeGreaterThan(1);
    const [first, second] = rendered.parts;
    expect(textOf(first!.content[2])).toMatch(/^⚠ Outside the change window\. Change window 2026-12-04 22:00–23:00 UTC/);
    expect(textOf(second)).not.toContain('change window');
    for (const part of rendered.parts) {
      expect(JSON.stringify(part).length).toBeLessThanOrEqual(COMMENT_CHAR_LIMIT);
      expect(validateAdf(part)).toBeNull();
    }
  });
});
