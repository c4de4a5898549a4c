/**
 * Where a PRA session fell relative to its ticket's change window (issue 15), for the imported comment
 * and the ticket panel. Pure: the caller fetched the ticket with its window fields.
 */
import type { WindowFieldChoice } from './windowFields';
import { isCovered, placeSession, readWindow, summarizeWindow, type ChangeWindowSettings, type WindowSummary } from './windowRules';

type Place = 'before' | 'inside' | 'after';

export type SessionWindowNote =
  /** The window, and where the session's start and end (when known) fell, grace included. */
  | { kind: 'window'; window: WindowSummary; start?: Place; end?: Place; inside: boolean }
  /** A covered ticket whose window could not be read: no planned start and end, reversed, or no such fields in Jira. */
  | { kind: 'unchecked'; reason: 'missing' | 'reversed' | 'fields-unusable' };

export interface TicketFields {
  issuetype?: unknown;
  [fieldId: string]: unknown;
}

const typeName = (fields: TicketFields): string | undefined => {
  const type = fields.issuetype as { name?: unknown } | null | undefined;
  return typeof type?.name === 'string' ? type.name : undefined;
};

/** The issue fields to request besides the window fields themselves. */
export function windowIssueFields(settings: ChangeWindowSettings, windowFields: WindowFieldChoice | undefined): string[] {
  if (!settings.requireChangeWindow) return [];
  return windowFields?.ok ? ['issuetype', windowFields.fields.startId, windowFields.fields.endId] : ['issuetype'];
}

/**
 * The note for one session (start and end in unix seconds), or undefined when the ticket is not covered
 * (the setting is off, or its issue type is not one of the configured ones).
 */
export function sessionWindowNote(
  settings: ChangeWindowSettings,
  fields: TicketFields,
  windowFields: WindowFieldChoice | undefined,
  startSeconds: number | undefined,
  endSeconds: number | undefined,
): SessionWindowNote | undefined {
  if (!isCovered(settings, typeName(fields))) return undefined;
  if (!windowFields?.ok) return { kind: 'unchecked', reason: 'fields-unusable' };
  const reading = readWindow(fields[windowFields.fields.startId], fields[windowFields.fields.endId]);
  if (reading.kind !== 'window') return { kind: 'unchecked', reason: reading.kind };
  const grace = settings.changeWindowGraceMinutes;
  const window = summarizeWindow(reading.window, grace);
  // A session whose start time is unknown cannot be shown inside the window.
  if (startSeconds === undefined) return { kind: 'window', window, inside: false };
  const placed = placeSession(reading.window, grace, startSeconds * 1000, endSeconds === undefined ? undefined : endSeconds * 1000);
  return { kind: 'window', window, ...placed };
}
