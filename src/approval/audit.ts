/**
 * The audit trail of endpoint-approval decisions, listed on the configuration page ("Recent approval
 * decisions"). One KVS entry per decision under `approval-log:<inverted time>:<random>`, so a prefix
 * query returns the newest first. Bounded twice: each entry expires after 30 days, and a trim job
 * (queued now and then, see followUp.ts) keeps the newest APPROVAL_LOG_CAP.
 * Only short, cleaned fields are kept: never the raw request body, headers or URL.
 */
import crypto from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { invertedTime } from '../shared/keys';
import { shown } from './messages';
import type { Decision, DecisionReason } from './types';
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
  jiraRequests: number;
  jiraRounds: number;
  elapsedMs: number;
}

const PREFIX = 'approval-log:';
export const APPROVAL_LOG_TTL_DAYS = 30;
export const APPROVAL_LOG_CAP = 1000;
const MAX_PAGE = 100;

const clip = (value: string | undefined, max = 200): string | undefined => (value ? shown(value, max) : undefined);

/** The record of a decision (pure). */
export function approvalRecord(request: ApprovalRequest | undefined, decision: Decision, elapsedMs: number, now = new Date()): ApprovalRecord {
  const typed = request?.ticketId ?? '';
  const record: ApprovalRecord = {
    id: `${now.getTime().toString(36)}-${crypto.randomBytes(4).toString('hex')}`,
    at: now.toISOString(),
    result: decision.approved ? 'approved' : 'denied',
    reason: decision.reason,
    message: decision.message,
    ticket: decision.ticketKey ?? (typed ? shown(typed, 40) : ''),
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
    jiraRequests: decision.jiraRequests,
    jiraRounds: decision.jiraRounds,
    elapsedMs,
  };
  return JSON.parse(JSON.stringify(record)) as ApprovalRecord; // drops undefined fields
}

export async function saveApprovalRecord(record: ApprovalRecord): Promise<void> {
  await kvs.set(`${PREFIX}${invertedTime(Date.parse(record.at))}:${record.id}`, record, { ttl: { value: APPROVAL_LOG_TTL_DAYS, unit: 'DAYS' } });
}

export interface DecisionPage {
  decisions: ApprovalRecord[];
  nextCursor?: string;
}

/** The newest decisions first, a page at a time. */
export async function listApprovalRecords(options: { limit?: number; cursor?: string } = {}): Promise<DecisionPage> {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(options.limit ?? 50)));
  let query = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(limit);
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await query.getMany<ApprovalRecord>();
  return { decisions: page.results.map((r) => r.value), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Deletes entries beyond the newest `keep`; returns how many were deleted. */
export async function trimApprovalLog(keep = APPROVAL_LOG_CAP): Promise<number> {
  let seen = 0;
  let deleted = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(MAX_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<ApprovalRecord>();
    for (const r of page.results) {
      seen += 1;
      if (seen > keep) {
        await kvs.delete(r.key);
        deleted += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return deleted;
}
