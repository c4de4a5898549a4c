/**
 * The audit trail of endpoint-approval decisions, listed on the configuration page ("Recent approval
 * decisions"). One KVS entry per decision under `approval-log:<inverted time>:<random>`, so a prefix
 * query returns the newest first. Bounded twice: each entry expires after 30 days, and a trim job
 * (queued now and then, see followUp.ts) keeps the newest APPROVAL_LOG_CAP.
 * Only short, cleaned fields are kept: never the raw request body, headers or URL.
 */
import crypto from 'node:crypto';
import { kvs } from '@forge/kvs';
import { listPage, trimList } from '../shared/kvsLists';
import { invertedTime } from '../shared/keys';
import { sanitizedForMessage } from './messages';
import type { Decision, DecisionReason, DecisionWindow } from './types';
import type { ApprovalRequest } from './wireFormat';
import { jumpItemLabel } from './rules';
import type { MatchBasis } from '../jira/identity';

export interface ApprovalRecord {
  id: string;
  /** ISO-8601 UTC. */
  at: string;
  result: 'approved' | 'denied';
  reason: DecisionReason;
  /** What the PRA user was shown. */
  message: string;
  /** The normalised ticket key, or what was typed (shortened) when it was not a key. */
  ticket: string;
  /** The key Jira returned, when the ticket was found (differs after a move). */
  issueKey?: string;
  requester: { email?: string; username?: string; displayName?: string };
  jumpItem?: string;
  jumpItemHost?: string;
  matchedBy?: MatchBasis;
  matchedAsset?: string;
  /** The change window checked (covered tickets with a readable window): planned window, grace, inside or not. */
  changeWindow?: DecisionWindow;
  jiraRequests: number;
  jiraRounds: number;
  elapsedMs: number;
}

const PREFIX = 'approval-log:';
const ISSUE_PREFIX = 'approval-issue:';
export const APPROVAL_LOG_TTL_DAYS = 30;
export const APPROVAL_LOG_CAP = 1000;

const clip = (value: string | undefined, max = 200): string | undefined => (value ? sanitizedForMessage(value, max) : undefined);

/** The record of a decision (pure). */
export function approvalRecord(request: ApprovalRequest | undefined, decision: Decision, elapsedMs: number, now = new Date()): ApprovalRecord {
  const typed = request?.ticketId ?? '';
  const record: ApprovalRecord = {
    id: `${now.getTime().toString(36)}-${crypto.randomBytes(4).toString('hex')}`,
    at: now.toISOString(),
    result: decision.approved ? 'approved' : 'denied',
    reason: decision.reason,
    message: decision.message,
    ticket: decision.ticketKey ?? (typed ? sanitizedForMessage(typed, 40) : ''),
    requester: {
      email: clip(request?.user.email),
      username: clip(request?.user.username),
      displayName: clip(request?.user.displayNames[0]),
    },
    jumpItem: clip(request ? jumpItemLabel(request.jumpItem) : undefined),
    jumpItemHost: clip(request?.jumpItem.hostname ?? request?.jumpItem.computerName ?? request?.jumpItem.target),
    matchedBy: decision.matchedBy,
    matchedAsset: clip(decision.matchedAsset),
    issueKey: decision.issueKey,
    changeWindow: decision.changeWindow,
    jiraRequests: decision.jiraRequests,
    jiraRounds: decision.jiraRounds,
    elapsedMs,
  };
  return JSON.parse(JSON.stringify(record)) as ApprovalRecord; // drops undefined fields
}

/**
 * Stores the decision in the log and, when it concerns a ticket, in the ticket's own list (the issue
 * panel shows it), in one transaction.
 */
export async function saveApprovalRecord(record: ApprovalRecord): Promise<void> {
  const ttl = { ttl: { value: APPROVAL_LOG_TTL_DAYS, unit: 'DAYS' as const } };
  const time = invertedTime(Date.parse(record.at));
  const tx = kvs.transact().set(`${PREFIX}${time}:${record.id}`, record, undefined, ttl);
  if (record.issueKey) tx.set(`${ISSUE_PREFIX}${record.issueKey}:${time}:${record.id}`, record, undefined, ttl);
  await tx.execute();
}

export interface DecisionPage {
  decisions: ApprovalRecord[];
  nextCursor?: string;
}

/** The newest decisions first, a page at a time. */
export async function listApprovalRecords(options: { limit?: number; cursor?: string } = {}): Promise<DecisionPage> {
  const page = await listPage<ApprovalRecord>(PREFIX, options.limit ?? 50, options.cursor);
  return { decisions: page.values, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The newest decisions about one ticket. */
export async function approvalsForIssue(issueKey: string, limit = 20): Promise<ApprovalRecord[]> {
  return (await listPage<ApprovalRecord>(`${ISSUE_PREFIX}${issueKey}:`, limit)).values;
}

/** Deletes entries beyond the newest `keep`; returns how many were deleted. */
export async function trimApprovalLog(keep = APPROVAL_LOG_CAP): Promise<number> {
  return trimList(PREFIX, keep);
}
