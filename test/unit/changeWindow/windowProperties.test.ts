/** Properties of the window rules over many generated windows, instants and zones (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { parseJiraDateTime, placeInWindow } from '../../../src/changeWindow/windowRules';

const MIN = Date.UTC(1990, 0, 1);
const MAX = Date.UTC(2090, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX });
const grace = fc.integer({ min: 0, max: 1440 });
/** Offsets Jira can write: −12:00 … +14:00 in quarter hours. */
const offsetMinutes = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

/** `ms` written as Jira would for a viewer at `offset` minutes: `2026-12-05T09:00:00.000+1100`. */
function jiraWritten(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().replace('Z', '');
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

describe('window rules, for any window', () => {
  it('reads any instant written in any zone back as the same instant', () => {
    fc.assert(fc.property(instant, offsetMinutes, (ms, offset) => parseJiraDateTime(jiraWritten(ms, offset)) === ms));
  });

  it('has inclusive edges at start − grace and end + grace, and nothing one millisecond outside', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 86_400_000 }), grace, (start, length, g) => {
        const window = { startMs: start, endMs: start + length };
        const graceMs = g * 60_000;
        expect(placeInWindow(start - graceMs, window, g)).toBe('inside');
        expect(placeInWindow(start + length + graceMs, window, g)).toBe('inside');
        expect(placeInWindow(start - graceMs - 1, window, g)).toBe('before');
        expect(placeInWindow(start + length + graceMs + 1, window, g)).toBe('after');
      }),
    );
  });

  it('places instants monotonically: before, then inside, then after', () => {
    const order = { before: 0, inside: 1, after: 2 } as const;
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 86_400_000 }), grace, instant, instant, (start, length, g, a, b) => {
        const window = { startMs: start, endMs: start + length };
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return order[placeInWindow(lo, window, g)] <= order[placeInWindow(hi, window, g)];
      }),
    );
  });
});
