/**
 * Endpoint approval fails closed: whatever goes wrong with Jira (down, throttling, a dropped
 * connection, an answer that makes no sense, slowness beyond the time budget) the PRA user is denied
 * with "unable to validate the ticket right now", and the answer still comes in time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ALEX, approvalWorld, praBody, type ApprovalWorld } from './helpers';

let a: ApprovalWorld;
beforeAll(async () => {
  a = await approvalWorld();
  await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' }); // warm the field cache
});
afterAll(() => a.close());
afterEach(() => {
  a.w.jira.clearFaults();
  a.w.host.options.timeLimitScale = undefined;
});

const UNAVAILABLE = (key: string) => `Unable to validate the ticket [${key}] right now. Please try again in a few minutes.`;
const approve = () => a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });

describe('Jira failures deny', () => {
  it('Jira down (HTTP 503), as the PRA user sees it', async () => {
    a.w.jira.addFault({ path: '/rest/api/3/issue/', status: 503, count: 1 });
    expect(await approve()).toMatchObject({ allowed: false, httpStatus: 200, message: UNAVAILABLE('SD-1') });
    expect((await approve()).allowed).toBe(true); // and recovers at once
  });

  it('throttled (HTTP 429 with Retry-After): no waiting, no retry inside the request', async () => {
    a.w.jira.addRateLimitFault({ path: '/rest/api/3/issue/', retryAfterSeconds: 30, count: 1 });
    const { result, calls } = await a.jiraCallsDuring(() => a.post(praBody('SD-1', ALEX, { name: 'WORKSTATION-01' })));
    expect(result.body).toEqual({ is_valid: false, error_message: UNAVAILABLE('SD-1'), message: UNAVAILABLE('SD-1') });
    expect(calls).toEqual(['GET /rest/api/3/issue/SD-1']);
  });

  it('a dropped connection', async () => {
    a.w.jira.addFault({ path: '/rest/api/3/issue/', destroy: true, count: 1 });
    expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
  });

  it('Jira refusing the app (HTTP 401)', async () => {
    a.w.jira.addFault({ path: '/rest/api/3/issue/', status: 401, count: 1 });
    expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
  });

  it('an answer that is not JSON, or an issue without a status', async () => {
    a.w.jira.addFault({ path: '/rest/api/3/issue/', status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' }, count: 1 });
    expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
    a.w.jira.addFault({ path: '/rest/api/3/issue/', status: 200, body: { id: '10000', key: 'SD-1', fields: { assignee: null } }, count: 1 });
    expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
  });

  it('the email lookup throttled or failing while matching a hidden email', async () => {
    a.w.jira.addRateLimitFault({ path: '/rest/api/3/user/email', count: 1 });
    const sam = { username: 'sam.p', displayName: 'S. Patel', privateDisplayName: 'S. Patel', publicDisplayName: 'SP', email: 'sam.patel@example.com' };
    expect((await a.enter('SD-2', sam, { name: 'WEB01' })).message).toBe(UNAVAILABLE('SD-2'));
    a.w.jira.addFault({ path: '/rest/api/3/user/email', status: 503, count: 1 });
    expect((await a.enter('SD-2', sam, { name: 'WEB01' })).message).toBe(UNAVAILABLE('SD-2'));
    a.w.jira.addFault({ path: '/rest/api/3/user/email', status: 200, body: { accountId: 'someone-else', email: 'sam.patel@example.com' }, count: 1 });
    expect((await a.enter('SD-2', sam, { name: 'WEB01' })).message).toBe(UNAVAILABLE('SD-2'));
    expect((await a.enter('SD-2', sam, { name: 'WEB01' })).allowed).toBe(true);
  });

  it('the field lookup failing (cold cache) and an Assets object failing', async () => {
    await a.configure({ assetFieldName: 'Assets' });
    try {
      // saving the configuration cached the field; forget it to exercise the cold path
      a.w.host.database.db.prepare("DELETE FROM kvs WHERE key LIKE 'cache:field:%'").run();
      a.w.jira.addFault({ path: '/rest/api/3/field', status: 500, count: 1 });
      expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
      a.w.jira.addFault({ path: '/jsm/assets/', status: 500, count: 1 });
      expect((await approve()).message).toBe(UNAVAILABLE('SD-1'));
      expect((await approve()).allowed).toBe(true);
    } finally {
      await a.configure();
    }
  });
});

describe('slowness', () => {
  it('approves when Jira is slow but within the budget', async () => {
    a.w.jira.setLatency(150);
    const outcome = await approve();
    expect(outcome.allowed).toBe(true);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(150);
  });

  it('denies when Jira does not answer within the budget, and still answers before the invocation limit', async () => {
    // Scale the invocation limits down (55 s → 1.1 s): the budget is half of what is left (≈ 0.55 s).
    a.w.host.options.timeLimitScale = 0.02;
    a.w.jira.addFault({ path: '/rest/api/3/issue/', delayMs: 5_000, count: 1 });
    const started = Date.now();
    const outcome = await approve();
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ allowed: false, httpStatus: 200, message: UNAVAILABLE('SD-1') });
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1_100);
  });
});
