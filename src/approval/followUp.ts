/**
 * Work that follows a decision but must not delay the answer to PRA: the ticket comment (when the
 * setting is on) and, now and then, trimming the audit log. Pushed to the `approval-follow-up` queue;
 * the consumer (src/consumers/approvalFollowUp.ts) runs it with the platform's retries.
 */
import crypto from 'node:crypto';
import { Queue } from '@forge/events';
import { JiraClient, JiraError } from '../jira/client';
import { log } from '../shared/log';
import { APPROVAL_LOG_CAP, trimApprovalLog, type ApprovalRecord } from './audit';
import { postApprovalComment } from './comment';

export const APPROVAL_QUEUE_KEY = 'approval-follow-up';
/** On average one decision in TRIM_EVERY queues a trim of the audit log. */
export const TRIM_EVERY = 50;

export type FollowUpJob = { kind: 'comment'; record: ApprovalRecord } | { kind: 'trim'; keep?: number };

const queue = new Queue({ key: APPROVAL_QUEUE_KEY });

export async function enqueueComment(record: ApprovalRecord): Promise<void> {
  const issueKey = record.issueKey ?? record.ticket;
  // One comment at a time per issue keeps well inside Jira's per-issue write limits.
  await queue.push({ body: { kind: 'comment', record } satisfies FollowUpJob, concurrency: { key: `approval-${issueKey}`, limit: 1 } });
}

export async function maybeEnqueueTrim(): Promise<void> {
  if (crypto.randomInt(TRIM_EVERY) !== 0) return;
  await queue.push({ body: { kind: 'trim' } satisfies FollowUpJob, concurrency: { key: 'approval-trim', limit: 1 } });
}

export type FollowUpResult = { kind: 'done'; detail: string } | { kind: 'retry'; afterSeconds: number; reason: string; rateLimited: boolean };

/** Runs one follow-up job. Transient Jira failures ask for a retry; anything else is logged and dropped. */
export async function runFollowUp(job: unknown, options: { retry: boolean }): Promise<FollowUpResult> {
  const j = job as Partial<FollowUpJob> | undefined;
  if (j?.kind === 'trim') {
    const keep = typeof j.keep === 'number' && j.keep >= 1 ? Math.min(Math.floor(j.keep), APPROVAL_LOG_CAP) : APPROVAL_LOG_CAP;
    return { kind: 'done', detail: `trimmed ${await trimApprovalLog(keep)}` };
  }
  if (j?.kind !== 'comment' || !j.record || typeof j.record.id !== 'string') {
    log.warn('approval.follow-up.bad-job');
    return { kind: 'done', detail: 'ignored' };
  }
  try {
    const posted = await postApprovalComment(JiraClient.asApp(), j.record, options);
    return { kind: 'done', detail: posted ? 'commented' : 'already commented' };
  } catch (error) {
    if (error instanceof JiraError && error.transient) {
      return { kind: 'retry', afterSeconds: Math.min(900, Math.max(5, error.retryAfterSeconds ?? 60)), reason: error.message, rateLimited: error.status === 429 };
    }
    log.error('approval.comment.failed', { ticket: j.record.issueKey ?? j.record.ticket, status: error instanceof JiraError ? error.status : undefined, error });
    return { kind: 'done', detail: 'failed' };
  }
}
