/**
 * Endpoint approval: decides whether a PRA user may start a session on a Jump Item with the Jira ticket
 * they typed. Checks in this order, stopping at the first that fails: key format → integration
 * enabled → ticket exists → ticket active → ticket assigned → user is the assignee → Jump Item is one of
 * the ticket's assets (when asset matching is on) → the change window, for covered issue types when
 * *Require change window* is on (changeWindowCheck.ts; the window fields come with the same issue request).
 *
 * Jira round trips (docs/performance.md, "Endpoint approval"):
 *   1. GET /rest/api/3/issue/{key}?fields=status,resolution,assignee,<asset field id>
 *   2. only when needed, in parallel: the email lookup for the assignee (GET /rest/api/3/user/email as
 *      the app: their email is hidden and nothing visible matched) and the ticket's Assets objects.
 *      Emails are compared whole, never by prefix; a refused lookup cannot approve by email.
 * The asset field id comes from the KVS cache of resolveField (one GET /rest/api/3/field when cold).
 *
 * Every Jira request shares one deadline, well inside the web trigger's 55 s and PRA's dialog timeout;
 * any Jira error or timeout denies (fails closed) with the "unable to validate" message. Assets answering
 * the app 403 (no Assets role granted to the app) denies with its own reason and message.
 */
import { getAppContext } from '@forge/api';
import { loadSettings } from '../config/store';
import type { Settings } from '../config/settings';
import { AssetsForbiddenError, getAssetObjects, type AssetRef } from '../jira/assets';
import { parseAssetValue } from '../jira/assetFieldValue';
import { JiraClient, JiraError } from '../jira/client';
import { resolveField, type ResolvedField } from '../jira/fields';
import { getIssue, type Issue } from '../jira/issues';
import { lookupUserEmail, type EmailLookup } from '../jira/users';
import { log } from '../shared/log';
import { nowMs } from '../shared/clock';
import { resolveWindowFields } from '../changeWindow/windowFields';
import { checkChangeWindow, WINDOW_ISSUE_FIELDS } from './changeWindowCheck';
import { APPROVAL_MESSAGES } from './messages';
import {
  checkAssignee,
  checkTicketKey,
  identityOf,
  inactiveReason,
  jumpItemCandidates,
  jumpItemAssetName,
  matchAfterLookup,
  matchAsset,
} from './rules';
import type { Decision, DecisionReason } from './types';
import type { ApprovalRequest } from './wireFormat';

/** The longest a decision may spend on Jira: below PRA's interactive dialog timeout (≈10 s). */
export const MAX_DECISION_MS = 8_000;

/**
 * The time budget for Jira: MAX_DECISION_MS, or half of what is left of the invocation if that is
 * less, so that recording the decision and answering always fit in the invocation.
 */
export function decisionBudgetMs(): number {
  try {
    const remaining = getAppContext().invocationRemainingTimeInMillis();
    return Math.max(50, Math.min(MAX_DECISION_MS, Math.floor(remaining / 2)));
  } catch {
    return MAX_DECISION_MS;
  }
}

export interface DecideOptions {
  /** Loaded from KVS when not given. */
  settings?: Settings;
  budgetMs?: number;
}

interface Context {
  jira: JiraClient;
  rounds: number;
  key: string;
  request: ApprovalRequest;
  settings: Settings;
}

type Outcome = Omit<Decision, 'ticketKey' | 'jiraRequests' | 'jiraRounds'>;

const deny = (reason: DecisionReason, message: string, extra: Partial<Outcome> = {}): Outcome => ({ approved: false, reason, message, ...extra });

/** Runs one sequential step; it counts as a round trip if it sent at least one Jira request. */
async function round<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  const before = ctx.jira.requests;
  try {
    return await work();
  } finally {
    if (ctx.jira.requests > before) ctx.rounds += 1;
  }
}

export async function decideApproval(request: ApprovalRequest, options: DecideOptions = {}): Promise<Decision> {
  const ticket = checkTicketKey(request.ticketId);
  if (!ticket.ok) {
    const reason = (request.ticketId ?? '').trim() ? 'malformed-ticket' : 'missing-ticket';
    return { approved: false, reason, message: ticket.message, jiraRequests: 0, jiraRounds: 0 };
  }
  const key = ticket.key;
  let settings: Settings;
  try {
    settings = options.settings ?? (await loadSettings());
  } catch (error) {
    log.error('approval.settings-unavailable', { error });
    return { approved: false, reason: 'unavailable', message: APPROVAL_MESSAGES.unavailable(key), ticketKey: key, jiraRequests: 0, jiraRounds: 0 };
  }
  if (!settings.enabled) {
    return { approved: false, reason: 'disabled', message: APPROVAL_MESSAGES.disabled(), ticketKey: key, jiraRequests: 0, jiraRounds: 0 };
  }

  const budgetMs = options.budgetMs ?? decisionBudgetMs();
  const cancel = new AbortController();
  const jira = JiraClient.asApp({ timeoutMs: budgetMs, signal: AbortSignal.any([AbortSignal.timeout(budgetMs), cancel.signal]) });
  const ctx: Context = { jira, rounds: 0, key, request, settings };
  let outcome: Outcome;
  try {
    outcome = await evaluate(ctx, true);
  } catch (error) {
    log.warn('approval.jira-unavailable', { ticket: key, status: error instanceof JiraError ? error.status : undefined, error });
    outcome = deny('unavailable', APPROVAL_MESSAGES.unavailable(key));
  } finally {
    // Requests still in flight (a parallel branch after another failed) are not needed any more.
    cancel.abort();
  }
  return { ...outcome, ticketKey: key, jiraRequests: jira.requests, jiraRounds: ctx.rounds };
}

async function evaluate(ctx: Context, mayRefreshField: boolean): Promise<Outcome> {
  const { key, request, settings } = ctx;
  const checkAsset = settings.requireAssetMatch;
  // The asset field and (change windows on) the window fields, resolved in one round (KVS-cached).
  const [field, windowFields] = await round(ctx, () =>
    Promise.all([
      checkAsset && settings.assetFieldName ? resolveField(ctx.jira, settings.assetFieldName) : undefined,
      settings.requireChangeWindow ? resolveWindowFields(ctx.jira, settings) : undefined,
    ]),
  );
  const usableField = field && field.kind !== 'unsupported' ? field : undefined;
  const windowIds = windowFields?.ok ? [...WINDOW_ISSUE_FIELDS, windowFields.fields.startId, windowFields.fields.endId] : settings.requireChangeWindow ? [...WINDOW_ISSUE_FIELDS] : [];

  const issue = await round(ctx, () => getIssue(ctx.jira, key, ['status', 'resolution', 'assignee', ...(usableField ? [usableField.id] : []), ...windowIds]));
  if (!issue) return deny('not-found', APPROVAL_MESSAGES.notFound(key));
  const found = { issueKey: issue.key || key };
  if (!issue.fields?.status) throw new Error('Jira returned the issue without its status');

  const inactive = inactiveReason(issue.fields, settings);
  if (inactive) return deny('inactive', APPROVAL_MESSAGES.inactive(key, inactive), found);

  const assignee = issue.fields.assignee;
  if (!assignee?.accountId) return deny('unassigned', APPROVAL_MESSAGES.unassigned(key), found);

  const user = checkAssignee(identityOf(request.user), assignee);
  if (user.kind === 'mismatch') return deny('user-mismatch', APPROVAL_MESSAGES.userMismatch(key), found);

  // What the asset check needs from Jira, fetched in the same round as the email lookup.
  const asset = checkAsset ? assetPlan(ctx, issue, usableField) : { kind: 'skip' as const };
  const [lookup, objects] = await round(ctx, () =>
    Promise.allSettled([
      user.kind === 'lookup' ? lookupUserEmail(ctx.jira, assignee.accountId) : Promise.resolve<EmailLookup>({ kind: 'none' }),
      asset.kind === 'fetch' ? getAssetObjects(ctx.jira, asset.refs, { forbidden: 'fail' }) : Promise.resolve([]),
    ]),
  );

  let matchedBy = user.kind === 'match' ? user.basis : undefined;
  if (user.kind === 'lookup') {
    if (lookup.status === 'rejected') throw lookup.reason;
    if (lookup.value.kind === 'refused') log.warn('approval.email-lookup-refused', { ticket: key });
    matchedBy = matchAfterLookup(identityOf(request.user), assignee, lookup.value);
    if (!matchedBy) return deny('user-mismatch', APPROVAL_MESSAGES.userMismatch(key), found);
  }
  const approve = (matchedAsset?: string): Outcome => {
    // After the product's checks: the change window of a covered ticket (issue 15).
    const window = checkChangeWindow(key, settings, issue.fields, windowFields, nowMs());
    const changeWindow = window.changeWindow ? { changeWindow: window.changeWindow } : {};
    if (!window.ok) return deny(window.reason, window.message, { ...found, matchedBy, ...(matchedAsset ? { matchedAsset } : {}), ...changeWindow });
    return {
      approved: true,
      reason: 'approved',
      message: APPROVAL_MESSAGES.approved(key),
      externalKey: found.issueKey,
      matchedBy,
      ...(matchedAsset ? { matchedAsset } : {}),
      ...changeWindow,
      ...found,
    };
  };
  if (asset.kind === 'skip') return approve();

  const jumpItem = jumpItemAssetName(request.jumpItem) ?? '';
  if (asset.kind === 'field-unusable') return deny('asset-field-unusable', APPROVAL_MESSAGES.assetFieldUnusable(settings.assetFieldName), found);
  if (asset.kind === 'no-jump-item') return deny('no-jump-item', APPROVAL_MESSAGES.noJumpItem(key), found);
  if (asset.kind === 'fetch' && objects.status === 'rejected') {
    // The app has no Assets role: say so (fail closed), never "no asset on the ticket".
    if (objects.reason instanceof AssetsForbiddenError) {
      log.warn('approval.assets-forbidden', { ticket: key });
      return deny('assets-no-access', APPROVAL_MESSAGES.assetsNoAccess(key), found);
    }
    throw objects.reason;
  }
  const names = asset.kind === 'fetch' ? (objects.status === 'fulfilled' ? objects.value.map((o) => o.label).filter(Boolean) : []) : asset.names;

  if (names.length === 0) {
    // The field is not on the issue at all: it may be a cached field id that no longer exists
    // (the field was re-created). Look the name up again once; with a new id, decide again.
    if (asset.absent && mayRefreshField && field) {
      const fresh = await round(ctx, () => resolveField(ctx.jira, settings.assetFieldName, { refresh: true }));
      if (fresh && fresh.id !== field.id) return evaluate(ctx, false);
    }
    return deny('no-asset-on-ticket', APPROVAL_MESSAGES.noAssetOnTicket(key, settings.assetFieldName, jumpItem), found);
  }
  const matched = matchAsset(jumpItemCandidates(request.jumpItem), names);
  return matched ? approve(matched) : deny('asset-mismatch', APPROVAL_MESSAGES.assetMismatch(key, jumpItem), found);
}

type AssetPlan =
  | { kind: 'skip' }
  | { kind: 'field-unusable' }
  | { kind: 'no-jump-item' }
  | { kind: 'names'; names: string[]; absent: boolean }
  | { kind: 'fetch'; refs: AssetRef[]; absent: false };

function assetPlan(ctx: Context, issue: Issue, field: ResolvedField | undefined): AssetPlan {
  if (!field) return { kind: 'field-unusable' };
  if (jumpItemCandidates(ctx.request.jumpItem).length === 0) return { kind: 'no-jump-item' };
  const absent = !(field.id in issue.fields);
  const value = parseAssetValue(issue.fields[field.id]);
  if (value.kind === 'assets') return { kind: 'fetch', refs: value.refs, absent: false };
  return { kind: 'names', names: value.kind === 'text' ? value.names : [], absent };
}
