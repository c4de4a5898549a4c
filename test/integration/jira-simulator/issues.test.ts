import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const NOT_FOUND = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };

describe('GET /rest/api/3/issue/{key}', () => {
  it('returns the requested fields with expand=names, a Jira-shaped status, assignee and Assets value', async () => {
    const { fields: f } = DEMO;
    const res = await h.call('GET', `/rest/api/3/issue/SD-1?fields=summary,status,assignee,resolution,${f.assetName},${f.assets}&expand=names`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: '10000', key: 'SD-1', self: 'https://sandbox.atlassian.net/rest/api/3/issue/10000' });
    expect(Object.keys(res.body.fields).sort()).toEqual(['assignee', f.assetName, f.assets, 'resolution', 'status', 'summary'].sort());
    expect(res.body.names).toEqual({
      summary: 'Summary',
      status: 'Status',
      assignee: 'Assignee',
      resolution: 'Resolution',
      [f.assetName]: 'Asset Name',
      [f.assets]: 'Assets',
    });
    expect(res.body.fields.status).toMatchObject({
      id: '1',
      name: 'Open',
      statusCategory: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
    });
    expect(res.body.fields.resolution).toBeNull();
    expect(res.body.fields.assignee).toMatchObject({
      accountId: DEMO.users.technician,
      displayName: 'Alex Rivera',
      emailAddress: 'alex.rivera@example.com',
      active: true,
      accountType: 'atlassian',
      timeZone: 'America/New_York',
    });
    expect(res.body.fields.assignee.avatarUrls).toHaveProperty('48x48');
    expect(res.body.fields[f.assetName]).toBe('WORKSTATION-01');
    expect(res.body.fields[f.assets]).toEqual([
      { workspaceId: DEMO.assets.workspaceId, id: `${DEMO.assets.workspaceId}:1`, objectId: '1' },
    ]);
  });

  it('renders resolved issues with a done category and a resolution object', async () => {
    const res = await h.call('GET', '/rest/api/3/issue/SD-5?fields=status,resolution,resolutiondate');
    expect(res.body.fields.status).toMatchObject({ name: 'Cancelled', statusCategory: { key: 'done', id: 3 } });
    expect(res.body.fields.resolution).toMatchObject({ id: DEMO.resolutions.wontDo, name: "Won't Do" });
    expect(res.body.fields.resolutiondate).toBe('2026-01-15T10:00:00.000+0000');
  });

  it('omits the hidden email of an assignee', async () => {
    const res = await h.call('GET', '/rest/api/3/issue/SD-2?fields=assignee');
    expect(res.body.fields.assignee.displayName).toBe('Sam Patel');
    expect(res.body.fields.assignee).not.toHaveProperty('emailAddress');
  });

  it('finds issues by key case-insensitively and by id', async () => {
    expect((await h.call('GET', '/rest/api/3/issue/sd-3?fields=summary')).body.key).toBe('SD-3');
    expect((await h.call('GET', '/rest/api/3/issue/10002?fields=summary')).body.key).toBe('SD-3');
    const missing = await h.call('GET', '/rest/api/3/issue/SD-999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(NOT_FOUND);
  });

  it('answers 404 to a user without browse permission and 200 to the app', async () => {
    expect((await h.call('GET', '/rest/api/3/issue/OPS-1', { as: DEMO.users.technician })).body).toEqual(NOT_FOUND);
    expect((await h.call('GET', '/rest/api/3/issue/OPS-1', { as: DEMO.users.technician })).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/issue/SD-1', { as: DEMO.users.customer })).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/issue/OPS-1', { as: DEMO.users.technician2 })).status).toBe(200);
    expect((await h.call('GET', '/rest/api/3/issue/OPS-1')).status).toBe(200);
  });

  it('leaves fields that are not on the issue type’s screen out of fields and names', async () => {
    const res = await h.call('GET', '/rest/api/3/issue/OPS-1?expand=names');
    expect(res.body.fields).not.toHaveProperty(DEMO.fields.assetName);
    expect(res.body.fields).not.toHaveProperty(DEMO.fields.assets);
    expect(Object.values(res.body.names)).not.toContain('Asset Name');
    const sd7 = await h.call('GET', `/rest/api/3/issue/SD-7?fields=${DEMO.fields.assetName},${DEMO.fields.assets}&expand=names`);
    expect(sd7.body.fields).toEqual({ [DEMO.fields.assetName]: null, [DEMO.fields.assets]: null });
  });

  it('supports *navigable, exclusions, expand=schema and properties=', async () => {
    h.sim.updateIssue('SD-1', { properties: { 'pra.import': { sessions: 2 }, other: true } });
    const res = await h.call('GET', '/rest/api/3/issue/SD-1?fields=*navigable,-description&expand=schema&properties=pra.import');
    expect(res.body.fields).not.toHaveProperty('comment');
    expect(res.body.fields).not.toHaveProperty('description');
    expect(res.body.fields).toHaveProperty('summary');
    expect(res.body.schema[DEMO.fields.assets]).toEqual({
      type: 'array',
      items: 'cmdb-object-field',
      custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype',
      customId: 10051,
    });
    expect(res.body.properties).toEqual({ 'pra.import': { sessions: 2 } });
    const all = await h.call('GET', '/rest/api/3/issue/SD-1?fields=comment,attachment');
    expect(all.body.fields.comment).toMatchObject({ comments: [], total: 0, startAt: 0 });
    expect(all.body.fields.attachment).toEqual([]);
  });
});

describe('GET /rest/api/3/field', () => {
  it('lists system and custom fields with Jira schemas', async () => {
    const res = await h.call('GET', '/rest/api/3/field');
    const byId = new Map<string, any>(res.body.map((f: any) => [f.id, f]));
    expect(byId.get('summary')).toMatchObject({ custom: false, navigable: true, schema: { type: 'string', system: 'summary' } });
    expect(byId.get(DEMO.fields.assetName)).toMatchObject({
      key: DEMO.fields.assetName,
      name: 'Asset Name',
      custom: true,
      clauseNames: expect.arrayContaining(['cf[10050]']),
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: 10050 },
    });
    expect(byId.get(DEMO.fields.assets).schema).toMatchObject({ items: 'cmdb-object-field' });
  });
});

describe('PUT /rest/api/3/issue/{key}/assignee', () => {
  it('assigns, unassigns and uses the project default with -1', async () => {
    const put = (accountId: unknown, as?: string) => h.call('PUT', '/rest/api/3/issue/SD-3/assignee', { json: { accountId }, as });
    h.clock.now += 60_000;
    expect((await put(DEMO.users.technician2)).status).toBe(204);
    expect(h.sim.getIssue('SD-3')).toMatchObject({ assignee: DEMO.users.technician2, updated: '2026-01-15T10:01:00.000+0000' });
    expect((await put(null)).status).toBe(204);
    expect(h.sim.getIssue('SD-3').assignee).toBeNull();
    expect((await put('-1')).status).toBe(204);
    expect(h.sim.getIssue('SD-3').assignee).toBe(DEMO.users.admin); // the project lead
  });

  it('answers 400 for unknown or unassignable users and a missing accountId', async () => {
    const unknown = await h.call('PUT', '/rest/api/3/issue/SD-3/assignee', { json: { accountId: 'nobody' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.assignee).toMatch(/nobody/);
    const customer = await h.call('PUT', '/rest/api/3/issue/SD-3/assignee', { json: { accountId: DEMO.users.customer } });
    expect(customer.status).toBe(400);
    expect(customer.body.errors.assignee).toBe("User 'Taylor Brooks' cannot be assigned issues.");
    expect((await h.call('PUT', '/rest/api/3/issue/SD-3/assignee', { json: {} })).status).toBe(400);
  });

  it('answers 403 without Assign Issues and 404 without browse', async () => {
    h.sim.createUser({ accountId: 'viewer-only', displayName: 'Viewer', groups: ['viewers'] });
    h.sim.createProject({
      key: 'VIEW',
      name: 'Viewable',
      issueTypes: ['Incident'],
      permissions: { browse: { groups: ['viewers'] }, assign: { groups: [] } },
    });
    h.sim.createIssue({ project: 'VIEW', summary: 'Read me' });
    const denied = await h.call('PUT', '/rest/api/3/issue/VIEW-1/assignee', { json: { accountId: null }, as: 'viewer-only' });
    expect(denied.status).toBe(403);
    expect(denied.body.errorMessages).toEqual(['You do not have permission to assign issues.']);
    expect((await h.call('PUT', '/rest/api/3/issue/OPS-1/assignee', { json: { accountId: null }, as: DEMO.users.technician })).status).toBe(404);
  });
});
