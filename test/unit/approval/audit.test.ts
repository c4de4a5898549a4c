import { describe, expect, it } from '@jest/globals';
import { approvalRecord } from '../../../src/approval/audit';
import { approvalComment } from '../../../src/approval/comment';
import { readApprovalRequest } from '../../../src/approval/wireFormat';
import type { Decision } from '../../../src/approval/types';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const request = readApprovalRequest({
  ticket_id: 'sd-1',
  user: { username: 'arivera', private_display_name: 'Alex Rivera', email_address: 'alex.rivera@example.com' },
  jump_item: { name: 'WORKSTATION-01', hostname: 'workstation-01.corp.example.com' },
});
const approved: Decision = {
  approved: true,
  reason: 'approved',
  message: 'Access approved by Jira ticket [SD-1].',
  ticketKey: 'SD-1',
  issueKey: 'SD-1',
  externalKey: 'SD-1',
  matchedBy: 'email',
  matchedAsset: 'WORKSTATION-01',
  jiraRequests: 1,
  jiraRounds: 1,
};
const at = new Date('2026-01-15T10:00:00.123Z');

describe('the audit record of a decision', () => {
  it('keeps ticket, requester, asset, result, reason and time, without undefined fields', () => {
    const record = approvalRecord(request, approved, 42, at);
    expect(record).toEqual({
      id: expect.stringMatching(/^[0-9a-z]+-[0-9a-f]{8}$/),
      at: '2026-01-15T10:00:00.123Z',
      result: 'approved',
      reason: 'approved',
      message: 'Access approved by Jira ticket [SD-1].',
      ticket: 'SD-1',
      issueKey: 'SD-1',
      requester: { email: 'alex.rivera@example.com', username: 'arivera', displayName: 'Alex Rivera' },
      jumpItem: 'WORKSTATION-01',
      jumpItemHost: 'workstation-01.corp.example.com',
      matchedBy: 'email',
      matchedAsset: 'WORKSTATION-01',
      jiraRequests: 1,
      jiraRounds: 1,
      elapsedMs: 42,
    });
  });

  it('keeps a short, one-line version of a ticket ID that was not a key', () => {
    const typed = readApprovalRequest({ ticket_id: `bad\nticket ${'x'.repeat(100)}` });
    const record = approvalRecord(typed, { approved: false, reason: 'malformed-ticket', message: 'm', jiraRequests: 0, jiraRounds: 0 }, 1, at);
    expect(record.ticket).toMatch(/^bad ticket x+…$/);
    expect(record.ticket.length).toBe(40);
    expect(record.requester).toEqual({});
  });

  it('records a request that could not be read', () => {
    const record = approvalRecord(undefined, { approved: false, reason: 'bad-request', message: 'm', jiraRequests: 0, jiraRounds: 0 }, 1, at);
    expect(record).toMatchObject({ ticket: '', result: 'denied', reason: 'bad-request', requester: {} });
  });
});

describe('the ticket comment', () => {
  it('is valid ADF naming the requester, Jump Item, outcome, match and time (UTC)', () => {
    const body = approvalComment(approvalRecord(request, approved, 42, at));
    expect(validateAdf(body)).toBeNull();
    const text = JSON.stringify(body);
    expect(text).toContain('BeyondTrust PRA access approved');
    expect(text).toContain('Alex Rivera (arivera)');
    expect(text).toContain('WORKSTATION-01 (workstation-01.corp.example.com)');
    expect(text).toContain('email address');
    expect(text).toContain('2026-01-15 10:00:00 UTC');
    expect(text).not.toContain('alex.rivera@example.com');
  });

  it('is valid ADF for a denial with little information', () => {
    const record = approvalRecord(readApprovalRequest({ ticket: 'SD-3' }), { approved: false, reason: 'unassigned', message: 'The specified ticket, [SD-3], is not assigned to anyone.', ticketKey: 'SD-3', issueKey: 'SD-3', jiraRequests: 1, jiraRounds: 1 }, 3, at);
    const body = approvalComment(record);
    expect(validateAdf(body)).toBeNull();
    expect(JSON.stringify(body)).toContain('BeyondTrust PRA access denied');
    expect(JSON.stringify(body)).toContain('unknown PRA user');
  });
});

describe('the change window in the record and the comment', () => {
  it('keeps the window checked and names it in the comment', () => {
    const changeWindow = { start: '2026-12-04T22:00:00.000Z', end: '2026-12-04T23:00:00.000Z', graceMinutes: 15, checkedAt: '2026-12-04T23:30:00.000Z', inside: false };
    const denied: Decision = {
      approved: false,
      reason: 'outside-change-window',
      message: 'The change window of ticket [SD-1] is 2026-12-04 22:00–23:00 UTC; access is allowed only within it.',
      ticketKey: 'SD-1',
      issueKey: 'SD-1',
      changeWindow,
      jiraRequests: 1,
      jiraRounds: 1,
    };
    const record = approvalRecord(request, denied, 5, at);
    expect(record).toMatchObject({ reason: 'outside-change-window', changeWindow });
    const body = approvalComment(record);
    expect(validateAdf(body)).toBeNull();
    expect(JSON.stringify(body)).toContain('2026-12-04 22:00–23:00 UTC (grace 15 minutes); the request came outside it');
    expect(JSON.stringify(approvalComment(approvalRecord(request, approved, 42, at)))).not.toContain('Change window');
  });
});
