/**
 * The change-window step of endpoint approval (issue 15), run after the product's checks passed: maps
 * the pure window decision (src/changeWindow/windowRules.ts) to a denial reason and message, and the
 * window the audit record keeps. Pure: decide.ts fetched the ticket and the window fields.
 */
import type { WindowFieldChoice } from '../changeWindow/windowFields';
import { decideWindow, formatInstant, formatWindow, isCovered, summarizeWindow, type ChangeWindowSettings } from '../changeWindow/windowRules';
import type { IssueFields } from '../jira/issues';
import { APPROVAL_MESSAGES } from './messages';
import type { DecisionWindow, DenialReason } from './types';

export type WindowCheck =
  | { ok: true; changeWindow?: DecisionWindow }
  | { ok: false; reason: DenialReason; message: string; changeWindow?: DecisionWindow };

/** The issue fields the window step needs besides the window fields themselves. */
export const WINDOW_ISSUE_FIELDS = ['issuetype'] as const;

export function issueTypeName(fields: IssueFields): string | undefined {
  const type = fields.issuetype as { name?: unknown } | null | undefined;
  return typeof type?.name === 'string' ? type.name : undefined;
}

export function checkChangeWindow(
  key: string,
  settings: ChangeWindowSettings,
  fields: IssueFields,
  windowFields: WindowFieldChoice | undefined,
  nowMs: number,
): WindowCheck {
  const typeName = issueTypeName(fields);
  if (!isCovered(settings, typeName)) return { ok: true };
  if (!windowFields?.ok) {
    return { ok: false, reason: 'change-window-fields-unusable', message: APPROVAL_MESSAGES.changeWindowFieldsUnusable(windowFields?.tried ?? []) };
  }
  const decision = decideWindow(
    settings,
    { issueTypeName: typeName, statusName: fields.status?.name, startValue: fields[windowFields.fields.startId], endValue: fields[windowFields.fields.endId] },
    nowMs,
  );
  const record = (inside: boolean, window: { startMs: number; endMs: number }): DecisionWindow => ({
    ...summarizeWindow(window, settings.changeWindowGraceMinutes),
    checkedAt: new Date(nowMs).toISOString(),
    inside,
  });
  switch (decision.kind) {
    case 'not-covered':
      return { ok: true };
    case 'inside':
      return { ok: true, changeWindow: record(true, decision.window) };
    case 'missing':
      return { ok: false, reason: 'change-window-missing', message: APPROVAL_MESSAGES.changeWindowMissing(key) };
    case 'reversed':
      return {
        ok: false,
        reason: 'change-window-reversed',
        message: APPROVAL_MESSAGES.changeWindowReversed(key, formatInstant(decision.window.startMs), formatInstant(decision.window.endMs)),
      };
    case 'outside':
      return { ok: false, reason: 'outside-change-window', message: APPROVAL_MESSAGES.outsideChangeWindow(key, formatWindow(decision.window)), changeWindow: record(false, decision.window) };
    case 'status-not-allowed':
      return {
        ok: false,
        reason: 'change-status-not-allowed',
        message: APPROVAL_MESSAGES.changeStatusNotAllowed(key, decision.status, settings.changeWindowStatuses),
        changeWindow: record(true, decision.window),
      };
  }
}
