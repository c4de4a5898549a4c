/**
 * Every decision is kept for admins ("Recent approval decisions", newest first), and with the
 * comment setting on, each decision on an existing ticket becomes one internal comment on it — once,
 * also when the queue delivers the job again after a lost acknowledgement.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { APPROVAL_COMMENT_MARKER } from '../../../src/approval/comment';
import { ALEX, approvalWorld, praBody, type ApprovalWorld } from './helpers';

let a: ApprovalWorld;
beforeAll(async () => {
  a = await approvalWorld();
});
afterAll(() => a.close());

const list = (payload: Record<string, unknown> = {}, accountId?: string) => a.w.configCall('listApprovalDecisions', payload, accountId);

describe('the decision log', () => {
  it('keeps each decision (ticket, requester, asset, result, reason, time), newest first', async () => {
    await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
    await a.enter('sd-3', 'arivera', { name: 'DB-SERVER-02' });
    const page = await list({ limit: 2 });
    expect(page.ok).toBe(true);
    const [denied, approved] = page.decisions;
    expect(denied).toMatchObject({
      ticket: 'SD-3',
      issueKey: 'SD-3',
      result: 'denied',
      reason: 'unassigned',
      message: 'The specified ticket, [SD-3], is not assigned to anyone.',
      requester: { username: 'arivera', email: 'alex.rivera@example.com', displayName: 'Alex Rivera' },
      jumpItem: 'DB-SERVER-02',
      jumpItemHost: 'db-server-02.corp.example.com',
      jiraRequests: 1,
      jiraRounds: 1,
    });
    expect(approved).toMatchObject({ ticket: 'SD-1', result: 'approved', reason: 'approved', matchedBy: 'email', matchedAsset: 'WORKSTATION-01' });
    expect(Date.parse(denied.at)).toBeGreaterThanOrEqual(Date.parse(approved.at));
    expect(denied.at).toMatch(/Z$/);
    expect(denied.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('pages with a cursor', async () => {
    const first = await list({ limit: 1 });
    expect(first.decisions).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list({ limit: 1, cursor: first.nextCursor });
    expect(second.decisions[0].id).not.toBe(first.decisions[0].id);
  });

  it('records requests that could not be read and IDs that are not keys, but not requests without the token', async () => {
    await a.post(undefined, { contentType: 'application/xml', raw: '<x/>' });
    await a.post(praBody('x OR 1=1', ALEX, { name: 'WEB01' }));
    const noToken = new URL(a.url);
    noToken.searchParams.delete('token');
    await a.post(praBody('SD-1', ALEX, { name: 'WEB01' }), { url: noToken.toString() });
    const [malformed, unreadable] = (await list({ limit: 2 })).decisions;
    expect(malformed).toMatchObject({ ticket: 'x OR 1=1', result: 'denied', reason: 'malformed-ticket', jiraRequests: 0 });
    expect(unreadable).toMatchObject({ ticket: '', result: 'denied', reason: 'bad-request' });
  });

  it('is shown to Jira administrators only', async () => {
    expect(await list({}, DEMO.users.technician)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira administrators can view or change the BeyondTrust PRA configuration.' },
    });
  });
});

describe('comments on the ticket (setting)', () => {
  beforeAll(() => a.configure({ commentOnApproval: true }));
  afterAll(() => a.configure());

  const approvalComments = (key: string) =>
    a.w.jira.getIssue(key).comments.filter((c) => c.properties.some((p) => p.key === APPROVAL_COMMENT_MARKER));

  it('adds an internal comment for an approval, after answering PRA', async () => {
    const before = approvalComments('SD-1').length;
    const { calls } = await a.jiraCallsDuring(() => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }));
    expect(calls).toEqual(['GET /rest/api/3/issue/SD-1']); // the comment is not on the approval path
    await a.w.host.queue.idle();
    const comments = approvalComments('SD-1');
    expect(comments).toHaveLength(before + 1);
    const comment = comments.at(-1)!;
    expect(comment.author).toBe('557058:f2b8c3d1-7a4e-4c2b-9e6f-0d1c2b3a4f5e');
    expect(comment.properties).toContainEqual({ key: 'sd.public.comment', value: { internal: true } });
    const text = JSON.stringify(comment.body);
    expect(text).toContain('BeyondTrust PRA access approved');
    expect(text).toContain('Alex Rivera (arivera)');
    expect(text).toContain('WORKSTATION-01 (workstation-01.corp.example.com)');
    const [latest] = (await list({ limit: 1 })).decisions;
    expect(comment.properties).toContainEqual({ key: APPROVAL_COMMENT_MARKER, value: { decisionId: latest.id, result: 'approved' } });
  });

  it('adds one for a denial on an existing ticket, none for a ticket that does not exist', async () => {
    const before = approvalComments('SD-6').length;
    await a.enter('SD-6', 'arivera', { name: 'WEB01' });
    await a.enter('SD-4040', 'arivera', { name: 'WEB01' });
    await a.w.host.queue.idle();
    const comments = approvalComments('SD-6');
    expect(comments).toHaveLength(before + 1);
    expect(JSON.stringify(comments.at(-1)!.body)).toContain('The specified ticket, [SD-6], is not active (status: Closed).');
  });

  it('comments once when Jira wrote the comment but the acknowledgement was lost', async () => {
    const before = approvalComments('SD-1').length;
    a.w.jira.addFault({ path: '^/rest/api/3/issue/SD-1/comment$', method: 'POST', dropResponse: true, count: 1 });
    await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
    await a.w.host.queue.idle();
    expect(approvalComments('SD-1')).toHaveLength(before + 1);
  });

  it('retries a comment Jira refused for a while (HTTP 503)', async () => {
    const before = approvalComments('SD-1').length;
    a.w.jira.addFault({ path: '^/rest/api/3/issue/SD-1/comment$', method: 'POST', status: 503, count: 2 });
    await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
    await a.w.host.queue.idle();
    expect(approvalComments('SD-1')).toHaveLength(before + 1);
  });
});

describe('keeping the log bounded', () => {
  it('trims the log to the newest entries (the queued trim job)', async () => {
    const total = async () => {
      let n = 0;
      let cursor: string | undefined;
      do {
        const page = await list({ limit: 100, ...(cursor ? { cursor } : {}) });
        n += page.decisions.length;
        cursor = page.nextCursor;
      } while (cursor);
      return n;
    };
    expect(await total()).toBeGreaterThan(3);
    const newest = (await list({ limit: 3 })).decisions.map((d: { id: string }) => d.id);
    await a.w.host.invoke({
      functionKey: 'approval-follow-up-fn',
      moduleType: 'consumer',
      moduleKey: 'approval-follow-up-consumer',
      args: [{ body: { kind: 'trim', keep: 3 }, queueName: 'approval-follow-up', jobId: 'job-trim', eventId: 'event-trim' }, { installContext: a.w.host.installContext }],
    });
    expect(await total()).toBe(3);
    expect((await list({ limit: 3 })).decisions.map((d: { id: string }) => d.id)).toEqual(newest);
  });
});
