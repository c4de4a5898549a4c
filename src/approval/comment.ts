/**
 * The ticket comment for an approval decision (setting "comment on approval"). Internal to agents on
 * service projects (`sd.public.comment` internal), and marked with the decision id so a retried queue
 * event never posts it twice. Written by the follow-up queue's consumer, never on the approval path.
 */
import { bulletList, doc, paragraph, plain, strong, type AdfDoc, type AdfNode } from '../jira/adf';
import type { JiraClient } from '../jira/client';
import { addComment, findMarkedComments, INTERNAL_COMMENT } from '../jira/comments';
import type { ApprovalRecord } from './audit';
import { utcIso } from '../shared/format';
import { formatWindow, windowOfSummary } from '../changeWindow/windowRules';

export const APPROVAL_COMMENT_MARKER = 'beyondtrust-pra-approval';

const BASIS_TEXT = { email: 'email address', 'display name': 'display name', username: 'username' } as const;

/** The comment body (pure). */
export function approvalComment(record: ApprovalRecord): AdfDoc {
  const items: AdfNode[][] = [];
  const who = [record.requester.displayName, record.requester.username && `(${record.requester.username})`].filter(Boolean).join(' ');
  items.push([...strong('Requested by: '), ...plain(who || record.requester.email || 'unknown PRA user')]);
  if (record.jumpItem || record.jumpItemHost) {
    const host = record.jumpItemHost && record.jumpItemHost !== record.jumpItem ? ` (${record.jumpItemHost})` : '';
    items.push([...strong('Jump Item: '), ...plain(`${record.jumpItem ?? record.jumpItemHost}${host}`)]);
  }
  items.push([...strong(record.result === 'approved' ? 'Approval: ' : 'Reason: '), ...plain(record.message)]);
  if (record.matchedBy) items.push([...strong('Requester matched the assignee by: '), ...plain(BASIS_TEXT[record.matchedBy])]);
  if (record.matchedAsset) items.push([...strong('Matched asset: '), ...plain(record.matchedAsset)]);
  const window = record.changeWindow && windowOfSummary(record.changeWindow);
  if (record.changeWindow && window) {
    const where = record.changeWindow.inside ? 'inside it' : 'outside it';
    items.push([...strong('Change window: '), ...plain(`${formatWindow(window)} (grace ${record.changeWindow.graceMinutes} minutes); the request came ${where}`)]);
  }
  items.push([...strong('Time: '), ...plain(utcIso(record.at))]);
  items.push([...strong('Decision ID: '), ...plain(record.id)]);
  const title = record.result === 'approved' ? 'BeyondTrust PRA access approved' : 'BeyondTrust PRA access denied';
  return doc([paragraph(strong(title)), bulletList(items)]);
}

/**
 * Posts the decision's comment unless an earlier attempt already did (checked only on a retry,
 * when a lost acknowledgement is possible). Returns false when it was already there.
 */
export async function postApprovalComment(jira: JiraClient, record: ApprovalRecord, options: { retry: boolean }): Promise<boolean> {
  const issueKey = record.issueKey ?? record.ticket;
  if (options.retry) {
    const existing = await findMarkedComments(jira, issueKey, APPROVAL_COMMENT_MARKER);
    if (existing.some((c) => c.marker.decisionId === record.id)) return false;
  }
  await addComment(jira, issueKey, approvalComment(record), [{ key: APPROVAL_COMMENT_MARKER, value: { decisionId: record.id, result: record.result } }, INTERNAL_COMMENT]);
  return true;
}
