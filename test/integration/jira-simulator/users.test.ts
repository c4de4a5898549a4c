import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const ids = (users: { accountId: string }[]) => users.map((u) => u.accountId);

describe('user search', () => {
  it('matches a hidden email without returning it', async () => {
    const res = await h.call('GET', '/rest/api/3/user/search?query=sam.patel%40example.com');
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([DEMO.users.technicianHiddenEmail]);
    expect(res.body[0]).not.toHaveProperty('emailAddress');
    expect(res.body[0].displayName).toBe('Sam Patel');
    const visible = await h.call('GET', '/rest/api/3/user/search?query=alex.rivera@example.com');
    expect(visible.body[0].emailAddress).toBe('alex.rivera@example.com');
  });

  it('matches prefixes of the display name and its words, case-insensitively', async () => {
    expect(ids((await h.call('GET', '/rest/api/3/user/search?query=NGUY')).body)).toEqual([DEMO.users.technician2]);
    expect(ids((await h.call('GET', '/rest/api/3/user/search?query=guyen')).body)).toEqual([]);
    expect(ids((await h.call('GET', `/rest/api/3/user/search?accountId=${DEMO.users.admin}`)).body)).toEqual([DEMO.users.admin]);
    expect((await h.call('GET', '/rest/api/3/user/search')).status).toBe(400);
  });

  it('returns active users only, as documented ("Returns a list of active users")', async () => {
    h.sim.createUser({ displayName: 'Quinn Former', emailAddress: 'quinn.former@example.com', active: false });
    expect((await h.call('GET', '/rest/api/3/user/search?query=quinn')).body).toEqual([]);
  });

  it('matches a hidden email by prefix too: search is never an exact email lookup', async () => {
    const res = await h.call('GET', '/rest/api/3/user/search?query=sam.patel%40example.co');
    expect(ids(res.body)).toEqual([DEMO.users.technicianHiddenEmail]);
    expect(res.body[0]).not.toHaveProperty('emailAddress');
  });

  it('pages with startAt and maxResults', async () => {
    for (const n of [1, 2, 3]) h.sim.createUser({ displayName: `Pat Example ${n}` });
    const first = await h.call('GET', '/rest/api/3/user/search?query=pat&maxResults=2');
    const rest = await h.call('GET', '/rest/api/3/user/search?query=pat&startAt=2');
    expect(first.body).toHaveLength(2);
    expect(rest.body).toHaveLength(2); // Sam Patel + three Pats = 4
    const generated = ids([...first.body, ...rest.body]).filter((id) => id !== DEMO.users.technicianHiddenEmail);
    expect(generated).toHaveLength(3);
    for (const id of generated) expect(id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('gets one user by accountId, 404 for unknown', async () => {
    const res = await h.call('GET', `/rest/api/3/user?accountId=${encodeURIComponent(DEMO.users.technicianHiddenEmail)}`);
    expect(res.body).toMatchObject({ displayName: 'Sam Patel', timeZone: 'Europe/London', locale: 'en_US' });
    expect(res.body).not.toHaveProperty('emailAddress');
    expect((await h.call('GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
  });

  it('lists only assignable users for an issue', async () => {
    const res = await h.call('GET', '/rest/api/3/user/assignable/search?issueKey=SD-1');
    expect(ids(res.body).sort()).toEqual(
      [DEMO.users.technician, DEMO.users.technicianHiddenEmail, DEMO.users.admin, DEMO.users.technician2].sort(),
    );
    const ops = await h.call('GET', '/rest/api/3/user/assignable/search?issueKey=OPS-1');
    expect(ids(ops.body).sort()).toEqual([DEMO.users.admin, DEMO.users.technician2].sort());
    const query = await h.call('GET', '/rest/api/3/user/assignable/search?project=SD&query=sam');
    expect(ids(query.body)).toEqual([DEMO.users.technicianHiddenEmail]);
    expect((await h.call('GET', '/rest/api/3/user/assignable/search?issueKey=OPS-1', { as: DEMO.users.technician })).status).toBe(404);
  });
});

describe('email lookup for apps (GET /rest/api/3/user/email)', () => {
  const path = (accountId: string) => `/rest/api/3/user/email?accountId=${encodeURIComponent(accountId)}`;

  it('gives the app the address of any user, hidden or not', async () => {
    expect(await h.call('GET', path(DEMO.users.technicianHiddenEmail))).toMatchObject({
      status: 200,
      body: { accountId: DEMO.users.technicianHiddenEmail, email: 'sam.patel@example.com' },
    });
    expect((await h.call('GET', path(DEMO.users.technician))).body.email).toBe('alex.rivera@example.com');
  });

  it('answers 404 for an unknown user or one without an address, 400 without accountId', async () => {
    expect((await h.call('GET', path('5f00000000000000000000ff'))).status).toBe(404);
    expect((await h.call('GET', path('557058:f2b8c3d1-7a4e-4c2b-9e6f-0d1c2b3a4f5e'))).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/user/email')).status).toBe(400);
  });

  it('is for apps only: a user token is refused, and so is an anonymous call', async () => {
    const asUser = await h.call('GET', path(DEMO.users.technicianHiddenEmail), { as: DEMO.users.admin });
    expect(asUser).toMatchObject({ status: 401, body: { message: 'Unauthorized; scope does not match' } });
    expect(JSON.stringify(asUser.body)).not.toContain('sam.patel');
    expect((await h.call('GET', path(DEMO.users.technicianHiddenEmail), { as: null })).status).toBe(401);
  });

  it('refuses with 400 when the site does not let the app use it (knob appMayReadEmails)', async () => {
    h.sim.setKnobs({ appMayReadEmails: false });
    const res = await h.call('GET', path(DEMO.users.technicianHiddenEmail));
    expect(res.status).toBe(400);
    expect(res.body.errorMessages[0]).toMatch(/not allowed to read user email addresses/);
    expect(JSON.stringify(res.body)).not.toContain('sam.patel');
    expect(h.sim.exportState().knobs.appMayReadEmails).toBe(false);
  });
});
