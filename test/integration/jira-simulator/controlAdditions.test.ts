/**
 * The Jira simulator's control API for outside acceptance tests (issue 13 item 4, docs/jira-simulator.md
 * section 5): issues created with a chosen key; issues, users and Assets objects deleted; statuses of one
 * project and statuses moved to another category; the Assets workspace id chosen.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { doc, startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const control = (method: string, path: string, json?: unknown) => h.call(method, `/__sim/${path}`, { as: null, json });

describe('issues with a chosen key', () => {
  it('creates SD-1234 in an existing project; later issues continue after it; a taken or foreign key is refused', async () => {
    const created = await control('POST', 'issues', { key: 'SD-1234', summary: 'Zoë\'s "C:\\Temp" 日本語 😀', assignee: DEMO.users.technician, fields: { 'Asset Name': 'WEB01' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'SD-1234', project: 'SD', status: { name: 'Open' } });
    const rest = await h.call('GET', '/rest/api/3/issue/SD-1234?fields=summary,assignee');
    expect(rest.status).toBe(200);
    expect(rest.body.fields.summary).toBe('Zoë\'s "C:\\Temp" 日本語 😀');

    expect((await control('POST', 'issues', { project: 'SD', summary: 'next' })).body.key).toBe('SD-1235');
    // a free number below the highest is fine too
    expect((await control('POST', 'issues', { key: 'SD-100', summary: 'gap' })).body.key).toBe('SD-100');
    expect((await control('POST', 'issues', { key: 'SD-1234', summary: 'again' })).status).toBe(409);
    expect((await control('POST', 'issues', { key: 'NOPE-1', summary: 'x' })).status).toBe(400);
    expect((await control('POST', 'issues', { project: 'OPS', key: 'SD-5000', summary: 'x' })).status).toBe(400);
    expect((await control('POST', 'issues', { key: 'sd-1', summary: 'x' })).status).toBe(400);
    expect((await control('POST', 'issues', { summary: 'neither' })).status).toBe(400);
  });
});

describe('deleting', () => {
  it('deletes an issue with its attachments; its key is not reused', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('bytes')]), 'notes.txt');
    const upload = await fetch(`${h.url}/rest/api/3/issue/SD-7/attachments`, { method: 'POST', headers: { Authorization: 'Bearer sim-app', 'X-Atlassian-Token': 'no-check' }, body: form });
    const [attachment] = (await upload.json()) as Array<{ id: string }>;
    expect((await h.call('POST', '/rest/api/3/issue/SD-7/comment', { json: { body: doc('before') } })).status).toBe(201);

    expect((await control('DELETE', 'issues/sd-7')).status).toBe(204);
    expect((await h.call('GET', '/rest/api/3/issue/SD-7')).status).toBe(404);
    expect((await h.call('GET', `/rest/api/3/attachment/${attachment!.id}`)).status).toBe(404);
    expect((await control('GET', 'issues/SD-7')).status).toBe(404);
    expect((await control('DELETE', 'issues/SD-7')).status).toBe(404);
    expect((await control('POST', 'issues', { project: 'SD', summary: 'new' })).body.key).toBe('SD-9');
  });

  it('deletes a user (issues show them unset) but never the app user', async () => {
    expect((await control('DELETE', `users/${DEMO.users.technician}`)).status).toBe(204);
    expect((await h.call('GET', `/rest/api/3/user?accountId=${DEMO.users.technician}`)).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/user/search?query=alex')).body).toEqual([]);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1?fields=assignee')).body.fields.assignee).toBeNull();
    expect((await h.call('GET', '/rest/api/3/myself', { as: DEMO.users.technician })).status).toBe(401);
    expect((await control('DELETE', `users/${DEMO.users.technician}`)).status).toBe(404);
    expect((await control('DELETE', `users/${h.sim.state.appUser.accountId}`)).status).toBe(400);
  });

  it('deletes an Assets object: REST answers 404 and AQL no longer finds it', async () => {
    const ws = DEMO.assets.workspaceId;
    expect((await control('DELETE', 'assets/objects/2')).status).toBe(204);
    expect((await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/2`)).status).toBe(404);
    const aql = await h.call('POST', `/jsm/assets/workspace/${ws}/v1/object/aql`, { json: { qlQuery: 'Name = "WEB01"' } });
    expect(aql.body.total).toBe(0);
    expect((await control('DELETE', 'assets/objects/2')).status).toBe(404);
  });
});

describe('statuses', () => {
  it('moves a status to another category: issues in it change category', async () => {
    const changed = await control('PATCH', 'statuses/Waiting for support', { category: 'done', name: 'Waiting (done)' });
    expect(changed.body).toMatchObject({ id: '10000', name: 'Waiting (done)', category: 'done' });
    const sd3 = await h.call('GET', '/rest/api/3/issue/SD-3?fields=status');
    expect(sd3.body.fields.status).toMatchObject({ name: 'Waiting (done)', statusCategory: { key: 'done' } });
    expect((await control('PATCH', 'statuses/Open', { name: 'Closed' })).status).toBe(409);
    expect((await control('PATCH', 'statuses/nope', { category: 'new' })).status).toBe(404);
    expect((await control('PATCH', 'statuses/Open', { category: 'finished' })).status).toBe(400);
  });

  it('keeps a project status to that project and shows its scope', async () => {
    const own = await control('POST', 'statuses', { name: 'Awaiting vendor', category: 'indeterminate', project: 'OPS' });
    expect(own.status).toBe(201);
    const list = (await h.call('GET', '/rest/api/3/status')).body as Array<{ id: string; scope?: unknown }>;
    expect(list.find((s) => s.id === own.body.id)?.scope).toEqual({ type: 'PROJECT', project: { id: DEMO.projects.operations.id } });
    expect(list.find((s) => s.id === '1')?.scope).toBeUndefined();
    expect((await control('PATCH', 'issues/OPS-1', { status: 'Awaiting vendor' })).status).toBe(200);
    expect((await control('PATCH', 'issues/SD-1', { status: 'Awaiting vendor' })).status).toBe(400);
    expect((await control('POST', 'issues', { project: 'SD', summary: 'x', status: 'Awaiting vendor' })).status).toBe(400);
  });
});

describe('the Assets workspace', () => {
  it('answers under the chosen workspace id only, and issue values carry it', async () => {
    const ws = 'c0ffee00-1234-4abc-9def-0123456789ab';
    expect((await control('PUT', 'assets/workspace', { workspaceId: ws })).body).toEqual({ workspaceId: ws });
    expect((await h.call('GET', '/rest/servicedeskapi/assets/workspace')).body.values).toEqual([{ workspaceId: ws }]);
    expect((await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/1`)).status).toBe(200);
    expect((await h.call('GET', `/jsm/assets/workspace/${DEMO.assets.workspaceId}/v1/object/1`)).status).toBe(404);
    const sd1 = await h.call('GET', `/rest/api/3/issue/SD-1?fields=${DEMO.fields.assets}`);
    expect(sd1.body.fields[DEMO.fields.assets]).toEqual([{ workspaceId: ws, id: `${ws}:1`, objectId: '1' }]);
    expect((await control('PUT', 'assets/workspace', { workspaceId: '../x' })).status).toBe(400);
  });
});

describe('fault rules', () => {
  it('can match the query string', async () => {
    expect((await control('POST', 'faults', { path: '/rest/api/3/issue/SD-1', query: { fields: 'attachment' }, status: 503, count: 1 })).status).toBe(201);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1?fields=summary')).status).toBe(200);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1?fields=attachment')).status).toBe(503);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1?fields=attachment')).status).toBe(200);
    const log = (await control('GET', 'requests')).body.entries as Array<{ query: string; status: number }>;
    expect(log.map((e) => [e.query, e.status])).toEqual([
      ['fields=summary', 200],
      ['fields=attachment', 503],
      ['fields=attachment', 200],
    ]);
  });
});
