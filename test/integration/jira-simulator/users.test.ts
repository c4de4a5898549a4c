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
