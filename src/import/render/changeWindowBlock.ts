/**
 * The change-window block of an imported session's first comment part (issue 15): the ticket's planned
 * window and whether the session started and ended inside it; a session outside it (or a window that
 * could not be checked) is flagged as the first line under the part's header. Nothing for tickets the
 * change window does not cover. Pure; small (well under 1 KB of ADF), so it fits the part's margin.
 *
 * Plugs in: renderSession.ts puts `changeWindowBlock(options.changeWindow, report)` right after the
 * header of part 1 (a digest renderer calls it at the top of its first part the same way).
 */
import { paragraph, plain, strong, type AdfNode } from '../../jira/adf';
import type { SessionWindowNote } from '../../changeWindow/sessionWindow';
import { describePlace, formatWindow, windowOfSummary } from '../../changeWindow/windowRules';
import { utc } from '../../shared/format';

const UNCHECKED_TEXT = {
  missing: 'this ticket has no planned start and end.',
  reversed: 'the planned end of this ticket is before its planned start.',
  'fields-unusable': 'Jira has no date-time fields for the planned window (see the change window settings of the BeyondTrust PRA app).',
} as const;

export function changeWindowBlock(note: SessionWindowNote | undefined, session: { startTime?: number; endTime?: number }): AdfNode[] {
  if (!note) return [];
  if (note.kind === 'unchecked') return [paragraph(strong('Change window not checked: '), plain(UNCHECKED_TEXT[note.reason]))];
  const window = windowOfSummary(note.window);
  const planned = window ? formatWindow(window) : 'unknown';
  const grace = note.window.graceMinutes ? ` (grace ${note.window.graceMinutes} minutes before and after)` : '';
  const started = note.start ? `started ${utc(session.startTime)}, ${describePlace(note.start)}` : 'has no known start time';
  const ended = note.end ? `, and ended ${utc(session.endTime)}, ${describePlace(note.end)}` : '';
  const line = plain(`Change window ${planned}${grace}. The session ${started}${ended}.`);
  return note.inside
    ? [paragraph(strong('Inside the change window. '), line)]
    : [paragraph(strong('⚠ Outside the change window. '), line)];
}
