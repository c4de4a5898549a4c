import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createJiraSimulator, DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator({ seed: false });
});
afterEach(() => h.close());

const ctl = (method: string, path: string, json?: unknown) => h.call(method, `/__sim/${path}`, { as: null, json });

describe('control API over HTTP', () => {
  it('builds a site from scratch and reads an issue’s full state', async () => {
    expect((await ctl('POST', 'users', { accountId: 'tech-1', displayName: 'Jo Tech', emailAddress: 'jo@example.com', emailVisible: false, groups: ['jira-servicemanagement-users'] })).status).toBe(201);
    expect((await ctl('POST', 'statuses', { name: 'Waiting', category: 'new' })).body).toMatchObject({ id: '10000', category: 'new' });
    expect((await ctl('POST', 'statuses', { name: 'Fixed', category: 'done' })).status).toBe(201);
    expect((await ctl('POST', 'resolutions', { name: 'Fixed' })).status).toBe(201);
    const project = await ctl('POST', 'projects', { key: 'HELP', name: 'Help', issueTypes: ['Incident', 'Change'] });
    expect(project.body).toMatchObject({ key: 'HELP', projectTypeKey: 'service_desk', issueTypes: [{ name: 'Incident' }, { name: 'Change' }] });
    const field = await ctl('POST', 'fields', { name: 'Host', type: 'text', issueTypes: ['Incident'] });
    expect(field.body.id).toBe('customfield_10000');

    const created = await ctl('POST', 'issues', {
      project: 'HELP',
      issueType: 'Incident',
      summary: 'Server down',
      assignee: 'tech-1',
      labels: ['pra'],
      description: 'Needs a jump',
      fields: { Host: 'srv-1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'HELP-1',
      status: { name: 'Waiting', category: 'new' },
      assignee: 'tech-1',
      customFields: { customfield_10000: { name: 'Host', type: 'text', value: 'srv-1' } },
      description: { type: 'doc', version: 1 },
    });
    expect((await ctl('POST', 'issues', { project: 'HELP', issueType: 'Change', summary: 'x', fields: { Host: 'srv' } })).body.error).toMatch(
      /not on the appropriate screen/,
    );

    h.clock.now += 1000;
    const patched = await ctl('PATCH', 'issues/help-1', { status: 'Fixed', resolution: 'Fixed' });
    expect(patched.body).toMatchObject({ status: { category: 'done' }, resolution: { name: 'Fixed' }, resolutionDate: '2026-01-15T10:00:01.000+0000' });

    const rest = await h.call('GET', '/rest/api/3/issue/HELP-1?fields=status,resolution,customfield_10000,labels');
    expect(rest.body.fields).toMatchObject({ status: { statusCategory: { key: 'done' } }, resolution: { name: 'Fixed' }, customfield_10000: 'srv-1', labels: ['pra'] });

    await h.call('POST', '/rest/api/3/issue/HELP-1/comment', { json: { body: { type: 'doc', version: 1, content: [] } } });
    const state = await ctl('GET', 'issues/HELP-1');
    expect(state.body.comments).toEqual([
      expect.objectContaining({ author: h.sim.state.appUser.accountId, body: { type: 'doc', version: 1, content: [] }, length: '{"type":"doc","version":1,"content":[]}'.length }),
    ]);
    expect((await ctl('GET', 'issues/NOPE-1')).status).toBe(404);
  });

  it('validates control input with readable errors and 409 on duplicates', async () => {
    const bad = await ctl('POST', 'users', { displayName: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/displayName/);
    expect((await ctl('POST', 'users', { displayName: 'A', accountType: 'robot' })).status).toBe(400);
    expect((await ctl('POST', 'users', { accountId: 'dup', displayName: 'A' })).status).toBe(201);
    expect((await ctl('POST', 'users', { accountId: 'dup', displayName: 'B' })).status).toBe(409);
    expect((await ctl('PATCH', 'users/dup', { emailVisible: false, emailAddress: 'a@example.com' })).body).toMatchObject({ emailVisible: false, displayName: 'A' });
    expect((await ctl('PATCH', 'users/ghost', { active: false })).status).toBe(404);
    expect((await ctl('POST', 'issues', { project: 'NONE', summary: 'x' })).status).toBe(400);
    expect(() => h.sim.createProject({ key: 'lower', name: 'x' })).toThrow(/key/);
  });

  it('seeds the demo site, resets, and exposes knobs', async () => {
    const seeded = await ctl('POST', 'seed');
    expect(seeded.body).toEqual(JSON.parse(JSON.stringify(DEMO)));
    expect((await ctl('GET', 'issues/SD-1')).body).toMatchObject({ summary: 'Workstation cannot reach the file share', assignee: DEMO.users.technician });
    expect((await ctl('GET', `users/${DEMO.users.technicianHiddenEmail}`)).body).toMatchObject({ emailVisible: false, emailAddress: 'sam.patel@example.com' });
    expect((await ctl('PATCH', 'knobs', { uploadLimitBytes: 5 })).body.uploadLimitBytes).toBe(5);
    expect((await ctl('PATCH', 'knobs', { uploadLimitBytes: -1 })).status).toBe(400);
    expect((await ctl('PATCH', 'knobs', { noSuchKnob: 1 })).status).toBe(400);
    expect((await ctl('POST', 'reset')).body).toEqual({ ok: true });
    expect((await ctl('GET', 'knobs')).body.uploadLimitBytes).toBe(10 * 1024 * 1024);
    expect((await ctl('GET', 'issues/SD-1')).status).toBe(404);
    expect(h.sim.state.users.size).toBe(1); // the app user
  });

  it('serves the request log with since and counters, and clears it', async () => {
    h.sim.seedDemo();
    await h.call('GET', '/rest/api/3/issue/SD-1');
    const { body: first } = await ctl('GET', 'requests');
    expect(first.entries).toHaveLength(1);
    await h.call('GET', '/rest/api/3/issue/SD-2', { as: DEMO.users.technician });
    await h.call('GET', '/rest/api/3/issue/SD-404');
    const since = await ctl('GET', `requests?since=${first.lastSeq}`);
    expect(since.body.entries.map((e: any) => [e.path, e.principal, e.status])).toEqual([
      ['/rest/api/3/issue/SD-2', `user:${DEMO.users.technician}`, 200],
      ['/rest/api/3/issue/SD-404', 'app', 404],
    ]);
    const counters = await ctl('GET', 'requests/counters');
    expect(counters.body).toMatchObject({ total: 3, byStatus: { '200': 2, '404': 1 }, byPrincipal: { app: 2 } });
    expect(counters.body.byRoute['GET /rest/api/3/issue/SD-1']).toBe(1);
    expect((await ctl('DELETE', 'requests')).status).toBe(204);
    expect((await ctl('GET', 'requests')).body.entries).toEqual([]);
  });
});

describe('mounting', () => {
  it('serves REST and control routes under a prefix via the handler’s path argument', async () => {
    const sim = createJiraSimulator({ siteUrl: 'https://acme.atlassian.net/' });
    sim.seedDemo();
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/jira/')) sim.handler(req, res, url.pathname.slice('/jira'.length));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jira`;
    try {
      const issue = await fetch(`${base}/rest/api/3/issue/SD-1?fields=summary`, { headers: { Authorization: 'Bearer sim-app' } });
      expect(await issue.json()).toMatchObject({ key: 'SD-1', self: 'https://acme.atlassian.net/rest/api/3/issue/10000' });
      const control = await fetch(`${base}/__sim/issues/SD-1`);
      expect(control.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
