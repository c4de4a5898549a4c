/**
 * What the issue's "BeyondTrust PRA" panel shows: the PRA sessions imported to this ticket (when, who,
 * Jump Item, status, PRA links) and the endpoint-approval decisions made for it; and who may import a
 * session again from there (Jira administrators and the ticket's assignee). The issue is read as the
 * current user first, so someone who cannot see the ticket learns nothing about it.
 */
import { JiraClient } from '../jira/client';
import { getIssue, normalizeIssueKey, type Issue } from '../jira/issues';
import { isJiraAdmin } from '../jira/permissions';
import { getRecord, sessionsOfIssue, type ImportRecord, type ImportRequester } from '../import/ledger';
import { administratorRequester, reimportSession, requesterText } from '../import/adminActions';
import { approvalsForIssue } from '../approval/audit';
import { utc, utcIso } from '../shared/format';
import { loadSettings } from '../config/store';
import { log } from '../shared/log';
import type { Settings } from '../config/settings';
import type { ApprovalRecord } from '../approval/audit';
import { resolveWindowFields, type WindowFieldChoice } from '../changeWindow/windowFields';
import { sessionWindowNote, windowIssueFields, type TicketFields } from '../changeWindow/sessionWindow';
import { formatWindow, placeInWindow, windowOfSummary, type ChangeWindow } from '../changeWindow/windowRules';

export interface PanelSession {
  lsid: string;
  status: ImportRecord['status'];
  endedAt: string;
  jumpItem?: string;
  representative?: string;
  parts?: number;
  reason?: string;
  /** Imported again: the new set replaces the earlier one once complete ("Re-import queued"). */
  replacing: boolean;
  /** Who asked for the current import by hand, e.g. "Alex Rivera (assignee)". */
  requestedBy?: string;
  links: { label: string; url: string }[];
  /** Change windows (covered tickets with a window): whether the session started and ended inside it. */
  changeWindow?: WindowPlace;
}

/** Where a session or decision fell relative to the ticket's change window. */
export type WindowPlace = 'inside' | 'outside';

export interface PanelApproval {
  at: string;
  result: 'approved' | 'denied';
  requester: string;
  jumpItem?: string;
  message: string;
  /** Whether the decision was made inside the ticket's change window (covered tickets). */
  changeWindow?: WindowPlace;
}

export interface PanelView {
  issueKey: string;
  /** The ticket's change window in one line (covered tickets only), e.g. `2026-12-04 22:00–23:00 UTC (grace 15 minutes)`. */
  changeWindow?: { text: string; checked: boolean };
  sessions: PanelSession[];
  /** The newest decisions, newest first (at most APPROVALS_LISTED). */
  approvals: PanelApproval[];
  /** More decisions were made than are listed here. */
  moreApprovals: boolean;
  canReimport: boolean;
}

export type PanelResult = { ok: true; view: PanelView } | { ok: false; error: { code: 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_INPUT'; message: string } };

const MAX_SESSIONS = 50;
/** Decisions sent to the panel; it shows the newest few and the rest behind "Show all". */
export const APPROVALS_LISTED = 50;

function sessionRow(record: ImportRecord): PanelSession {
  const links = [
    record.links?.recording ? { label: 'Recording', url: record.links.recording } : undefined,
    record.links?.chat ? { label: 'Chat transcript', url: record.links.chat } : undefined,
    ...(record.links?.commandShells ?? []).map((url, i) => ({ label: `Command shell ${i + 1}`, url })),
  ].filter((l): l is { label: string; url: string } => !!l && /^https:\/\//.test(l.url));
  return {
    lsid: record.lsid,
    status: record.status,
    endedAt: record.endTime !== undefined ? utc(record.endTime) : 'not yet known',
    jumpItem: record.jumpItem,
    representative: record.primaryRep,
    parts: record.plan?.parts,
    reason: record.status === 'done' ? undefined : record.reason,
    replacing: (record.superseded?.length ?? 0) > 0,
    requestedBy: requesterText(record.requestedBy),
    links,
  };
}

async function visibleIssue(issueKey: unknown): Promise<Issue | undefined> {
  const key = normalizeIssueKey(issueKey);
  return key ? getIssue(JiraClient.asUser(), key, ['assignee']) : undefined;
}

/** Who may import a session of this ticket again, as the record will name them: the assignee or a Jira admin. */
async function reimportRequester(issue: Issue, accountId: string | undefined): Promise<ImportRequester | undefined> {
  if (!accountId) return undefined;
  const assignee = issue.fields.assignee;
  if (assignee?.accountId === accountId) return { accountId, role: 'assignee', ...(assignee.displayName ? { displayName: assignee.displayName } : {}) };
  return (await isJiraAdmin(JiraClient.asApp(), accountId)) ? administratorRequester(accountId) : undefined;
}

async function mayReimport(issue: Issue, accountId: string | undefined): Promise<boolean> {
  if (!accountId) return false;
  if (issue.fields.assignee?.accountId === accountId) return true;
  return isJiraAdmin(JiraClient.asApp(), accountId);
}

interface PanelWindow {
  line: { text: string; checked: boolean };
  window?: ChangeWindow;
  graceMinutes: number;
}

const UNCHECKED = {
  missing: 'not checked: this ticket has no planned start and end',
  reversed: 'not checked: the planned end is before the planned start',
  'fields-unusable': 'not checked: Jira has no date-time fields for the planned window',
} as const;

/** The ticket's change window for the panel, or undefined when the ticket is not covered. */
function panelWindow(settings: Settings, fields: TicketFields, windowFields: WindowFieldChoice | undefined): PanelWindow | undefined {
  const note = sessionWindowNote(settings, fields, windowFields, undefined, undefined);
  if (!note) return undefined;
  const graceMinutes = settings.changeWindowGraceMinutes;
  if (note.kind === 'unchecked') return { line: { text: UNCHECKED[note.reason], checked: false }, graceMinutes };
  const window = windowOfSummary(note.window);
  const text = window ? `${formatWindow(window)}${graceMinutes ? ` (grace ${graceMinutes} minutes)` : ''}` : 'unknown';
  return { line: { text, checked: !!window }, window, graceMinutes };
}

function withSessionPlace(
  row: PanelSession,
  window: PanelWindow | undefined,
  settings: Settings,
  fields: TicketFields,
  windowFields: WindowFieldChoice | undefined,
  record: ImportRecord,
): PanelSession {
  if (!window?.window || record.startTime === undefined) return row;
  const note = sessionWindowNote(settings, fields, windowFields, record.startTime, record.endTime);
  return note?.kind === 'window' ? { ...row, changeWindow: note.inside ? 'inside' : 'outside' } : row;
}

/** A decision's place: as checked when it was made, else its time against the ticket's window now. */
function approvalPlace(record: ApprovalRecord, window: PanelWindow | undefined): { changeWindow?: WindowPlace } {
  if (record.changeWindow) return { changeWindow: record.changeWindow.inside ? 'inside' : 'outside' };
  if (!window?.window) return {};
  return { changeWindow: placeInWindow(Date.parse(record.at), window.window, window.graceMinutes) === 'inside' ? 'inside' : 'outside' };
}

const notFound = { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'This ticket was not found, or you cannot see it.' } };

export async function issueSessionsView(issueKey: unknown, accountId: string | undefined): Promise<PanelResult> {
  const key = normalizeIssueKey(issueKey);
  if (!key) return notFound;
  const settings = await loadSettings();
  // The change window is extra information: when its field lookup fails, the panel shows the rest without it.
  let windowLookupFailed = false;
  const windowFields = settings.requireChangeWindow
    ? await resolveWindowFields(JiraClient.asApp(), settings).catch((error: unknown) => {
        log.warn('panel.window-fields-unavailable', { error });
        windowLookupFailed = true;
        return undefined;
      })
    : undefined;
  const issue = await getIssue(JiraClient.asUser(), key, ['assignee', ...(windowLookupFailed ? [] : windowIssueFields(settings, windowFields))]);
  if (!issue) return notFound;
  const window = windowLookupFailed ? undefined : panelWindow(settings, issue.fields, windowFields);
  const lsids = (await sessionsOfIssue(issue.key)).slice(0, MAX_SESSIONS);
  const [records, approvals, canReimport] = await Promise.all([
    Promise.all(lsids.map((lsid) => getRecord(lsid))),
    approvalsForIssue(issue.key, APPROVALS_LISTED + 1),
    mayReimport(issue, accountId),
  ]);
  const sessions = records
    .filter((r): r is ImportRecord => !!r && r.ticketKey === issue.key)
    .sort((a, b) => (b.endTime ?? 0) - (a.endTime ?? 0))
    .map((r) => withSessionPlace(sessionRow(r), window, settings, issue.fields, windowFields, r));
  return {
    ok: true,
    view: {
      issueKey: issue.key,
      sessions,
      moreApprovals: approvals.length > APPROVALS_LISTED,
      approvals: approvals.slice(0, APPROVALS_LISTED).map((a) => ({
        at: utcIso(a.at),
        result: a.result,
        requester: a.requester.displayName ?? a.requester.username ?? a.requester.email ?? 'unknown PRA user',
        jumpItem: a.jumpItem,
        message: a.message,
        ...approvalPlace(a, window),
      })),
      ...(window ? { changeWindow: window.line } : {}),
      canReimport,
    },
  };
}

export async function reimportFromIssue(issueKey: unknown, lsid: unknown, accountId: string | undefined): Promise<{ ok: true; message: string } | PanelResult> {
  const issue = await visibleIssue(issueKey);
  if (!issue) return notFound;
  const requester = await reimportRequester(issue, accountId);
  if (!requester) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira administrators and the ticket\'s assignee can import a session again.' } };
  }
  const record = typeof lsid === 'string' ? await getRecord(lsid.toLowerCase()) : undefined;
  if (!record || record.ticketKey !== issue.key) return { ok: false, error: { code: 'INVALID_INPUT', message: 'That session was not imported to this ticket.' } };
  const result = await reimportSession(record.lsid, requester);
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: { code: 'INVALID_INPUT', message: result.message } };
}
