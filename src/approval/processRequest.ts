/**
 * One ticket-system request from PRA, after authentication and body parsing: decide, record the
 * decision in the audit log, queue the follow-up (ticket comment), and return what PRA is answered.
 * Fails closed: an error anywhere denies, and an approval that could not be recorded is denied.
 */
import { loadSettings } from '../config/store';
import type { Settings } from '../config/settings';
import { log } from '../shared/log';
import { approvalRecord, saveApprovalRecord } from './audit';
import { decideApproval } from './decide';
import { enqueueComment, maybeEnqueueTrim } from './followUp';
import { APPROVAL_MESSAGES } from './messages';
import type { Decision } from './types';
import type { ApprovalRequest } from './wireFormat';

export type ReadRequest = { ok: true; request: ApprovalRequest } | { ok: false; reason: string };

export async function processApprovalRequest(input: ReadRequest, started = Date.now()): Promise<Decision> {
  const request = input.ok ? input.request : undefined;
  let settings: Settings | undefined;
  let decision: Decision;
  try {
    if (!input.ok) {
      decision = { approved: false, reason: 'bad-request', message: APPROVAL_MESSAGES.badRequest(input.reason), jiraRequests: 0, jiraRounds: 0 };
    } else {
      if (input.request.unknownFields.length) log.info('approval.request.unknown-fields', { fields: input.request.unknownFields });
      // When settings cannot be read here, decideApproval tries again and denies with the ticket key.
      settings = await loadSettings().catch(() => undefined);
      decision = await decideApproval(input.request, settings ? { settings } : {});
    }
  } catch (error) {
    log.error('approval.failed', { error });
    decision = { approved: false, reason: 'unavailable', message: APPROVAL_MESSAGES.unavailable(), jiraRequests: 0, jiraRounds: 0 };
  }

  let record = approvalRecord(request, decision, Date.now() - started);
  try {
    await saveApprovalRecord(record);
  } catch (error) {
    log.error('approval.audit-failed', { ticket: decision.ticketKey, error });
    // Access is only granted with an audit record behind it.
    if (decision.approved) {
      decision = { ...decision, approved: false, reason: 'unavailable', message: APPROVAL_MESSAGES.unavailable(decision.ticketKey), externalKey: undefined };
      record = approvalRecord(request, decision, Date.now() - started);
    }
  }

  try {
    if (settings?.commentOnApproval && decision.issueKey) await enqueueComment(record);
    await maybeEnqueueTrim();
  } catch (error) {
    log.warn('approval.follow-up-not-queued', { ticket: decision.ticketKey, error });
  }

  log.info('approval.decision', {
    result: decision.approved ? 'approved' : 'denied',
    reason: decision.reason,
    ticket: decision.ticketKey,
    jiraRequests: decision.jiraRequests,
    jiraRounds: decision.jiraRounds,
    elapsedMs: Date.now() - started,
  });
  return decision;
}
