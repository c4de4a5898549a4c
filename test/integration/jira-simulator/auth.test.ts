import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

describe('authentication', () => {
  it('answers 401 with Jira’s body without credentials, with a bad token and for an unknown or inactive user', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: 'Basic dXNlcjpwYXNz' }] as Record<string, string>[]) {
      const res = await h.call('GET', '/rest/api/3/myself', { as: null, headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
        errors: {},
      });
    }
    expect((await h.call('GET', '/rest/api/3/myself', { as: 'no-such-account' })).status).toBe(401);
    h.sim.updateUser(DEMO.users.technician, { active: false });
    expect((await h.call('GET', '/rest/api/3/myself', { as: DEMO.users.technician })).status).toBe(401);
  });

  it('identifies the app and users on /myself; users see their own hidden email', async () => {
    const app = await h.call('GET', '/rest/api/3/myself');
    expect(app.body).toMatchObject({ accountType: 'app', displayName: 'BeyondTrust Privileged Remote Access' });
    expect(app.body).not.toHaveProperty('emailAddress');
    const sam = await h.call('GET', '/rest/api/3/myself', { as: DEMO.users.technicianHiddenEmail });
    expect(sam.body).toMatchObject({ accountId: DEMO.users.technicianHiddenEmail, emailAddress: 'sam.patel@example.com' });
  });

  it('serves serverInfo and tenant_info anonymously but still rejects a bad credential', async () => {
    const info = await h.call('GET', '/rest/api/3/serverInfo', { as: null });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ baseUrl: 'https://sandbox.atlassian.net', deploymentType: 'Cloud' });
    expect((await h.call('GET', '/rest/api/3/serverInfo', { as: null, headers: { Authorization: 'Bearer x' } })).status).toBe(401);
    expect((await h.call('GET', '/_edge/tenant_info', { as: null })).body).toEqual({ cloudId: h.sim.state.cloudId });
  });

  it('records the principal, method, path, status and time of every REST request', async () => {
    const mark = h.sim.state.requestLog.mark();
    await h.call('GET', '/rest/api/3/issue/SD-1');
    await h.call('GET', '/rest/api/3/issue/SD-1?fields=summary', { as: DEMO.users.technician });
    await h.call('GET', '/rest/api/3/issue/SD-1', { as: null });
    await h.call('GET', '/rest/api/3/issue/SD-1', { as: null, headers: { Authorization: 'Bearer junk' } });
    await h.call('GET', '/__sim/issues/SD-1', { as: null }); // control requests are not logged
    const { entries } = h.sim.requests(mark);
    expect(entries.map((e) => [e.method, e.path, e.principal, e.status])).toEqual([
      ['GET', '/rest/api/3/issue/SD-1', 'app', 200],
      ['GET', '/rest/api/3/issue/SD-1', `user:${DEMO.users.technician}`, 200],
      ['GET', '/rest/api/3/issue/SD-1', 'anonymous', 401],
      ['GET', '/rest/api/3/issue/SD-1', 'invalid', 401],
    ]);
    expect(entries[1]!.query).toBe('fields=summary');
    expect(entries.every((e) => e.time === h.clock.now)).toBe(true);
  });
});
