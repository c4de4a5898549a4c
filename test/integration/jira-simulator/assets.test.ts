import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const ws = DEMO.assets.workspaceId;
const aql = (qlQuery: string, query = '', as?: string) =>
  h.call('POST', `/jsm/assets/workspace/${ws}/v1/object/aql${query}`, { json: { qlQuery }, as });
const labels = (values: { label: string }[]) => values.map((v) => v.label);

describe('JSM Assets', () => {
  it('reports the workspace, or none when Assets is off', async () => {
    const res = await h.call('GET', '/rest/servicedeskapi/assets/workspace');
    expect(res.body).toMatchObject({ size: 1, isLastPage: true, values: [{ workspaceId: ws }] });
    h.sim.setKnobs({ assetsEnabled: false });
    expect((await h.call('GET', '/rest/servicedeskapi/assets/workspace')).body.values).toEqual([]);
    expect((await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/1`)).status).toBe(404);
  });

  it('returns an object with label, objectKey, object type and a Name attribute', async () => {
    const res = await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/${DEMO.assets.objects.WEB01}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workspaceId: ws,
      globalId: `${ws}:2`,
      id: '2',
      label: 'WEB01',
      objectKey: 'ITSM-2',
      objectType: { id: DEMO.assets.objectTypes.servers, name: 'Servers', objectSchemaId: DEMO.assets.schemaId },
      _links: { self: `https://sandbox.atlassian.net/jira/servicedesk/assets/object-schema/1?typeId=2&objectId=2` },
    });
    const type = h.sim.state.assetObjectTypes.get(DEMO.assets.objectTypes.servers)!;
    const nameAttr = type.attributes.find((a) => a.name === 'Name')!;
    const name = res.body.attributes.find((a: any) => a.objectTypeAttributeId === nameAttr.id);
    expect(name.objectAttributeValues[0]).toMatchObject({ value: 'WEB01', displayValue: 'WEB01' });
    const trimmed = await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/2?includeAttributes=false`);
    expect(trimmed.body).not.toHaveProperty('attributes');
    expect((await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/999`)).status).toBe(404);
    expect((await h.call('GET', `/jsm/assets/workspace/other-ws/v1/object/2`)).status).toBe(404);
  });

  it('searches with AQL by Name, Label, objectType, Key and other attributes', async () => {
    expect(labels((await aql('Name = "web01"')).body.values)).toEqual(['WEB01']);
    expect(labels((await aql('Label = "WORKSTATION-01"')).body.values)).toEqual(['WORKSTATION-01']);
    expect(labels((await aql('objectType = "Servers"')).body.values)).toEqual(['WEB01', 'DB-SERVER-02']);
    expect(labels((await aql('Key = "ITSM-4"')).body.values)).toEqual(['LAPTOP-JDOE']);
    expect(labels((await aql('"IP Address" = "10.0.20.32"')).body.values)).toEqual(['DB-SERVER-02']);
    const page = await aql('objectType IN (Servers, Workstations)', '?startAt=1&maxResults=2');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 2, total: 4, isLast: false });
    expect(page.body.values).toHaveLength(2);
    const bad = await aql('Name = ');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.qlQuery).toMatch(/AQL/);
    expect((await aql('Colour = red')).status).toBe(400);
  });

  it('denies Assets to users outside the access groups; the app has the Users role on the demo site', async () => {
    expect((await aql('Name = WEB01', '', DEMO.users.customer)).status).toBe(403);
    expect((await aql('Name = WEB01', '', DEMO.users.technician)).status).toBe(200);
    h.sim.setKnobs({ assetsAccessGroups: [] });
    expect((await aql('Name = WEB01', '', DEMO.users.technician)).status).toBe(403);
    expect(h.sim.getAppAssetsRole()).toEqual({ role: 'Users' });
    expect((await aql('Name = WEB01')).status).toBe(200);
  });

  it('answers the app 403 until it has an Assets role: none on a fresh site, granted by PUT /__sim/assets/app-role', async () => {
    const denied = { errorMessages: ['The app does not have an Assets role that allows this operation. An admin must grant the app an Assets role.'], errors: {} };
    expect((await h.call('PUT', '/__sim/assets/app-role', { json: { role: null } })).body).toEqual({ role: null });
    expect(await aql('Name = WEB01')).toMatchObject({ status: 403, body: denied });
    expect(await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/2`)).toMatchObject({ status: 403, body: denied });
    // Users keep their own access; the workspace list is not Assets data.
    expect((await aql('Name = WEB01', '', DEMO.users.technician)).status).toBe(200);
    expect((await h.call('GET', '/rest/servicedeskapi/assets/workspace')).body.values).toEqual([{ workspaceId: ws }]);

    expect((await h.call('PUT', '/__sim/assets/app-role', { json: { role: 'Admins' } })).status).toBe(400);
    expect((await h.call('PUT', '/__sim/assets/app-role', { json: { role: 'Developers' } })).body).toEqual({ role: 'Developers' });
    expect((await h.call('GET', '/__sim/assets/app-role')).body).toEqual({ role: 'Developers' });
    expect((await h.call('GET', `/jsm/assets/workspace/${ws}/v1/object/2`)).status).toBe(200);

    h.sim.reset();
    expect(h.sim.getAppAssetsRole()).toEqual({ role: null });
  });

  it('creates objects through the control API and links them to issues', async () => {
    h.sim.createAssetObject({ objectType: 'Servers', name: 'APP02', attributes: { Hostname: 'app02.corp.example.com' } });
    const [created] = (await aql('Name = APP02')).body.values;
    expect(created).toMatchObject({ id: '5', objectKey: 'ITSM-5', label: 'APP02' });
    h.sim.updateIssue('SD-7', { fields: { Assets: ['ITSM-5'] } });
    const issue = await h.call('GET', `/rest/api/3/issue/SD-7?fields=${DEMO.fields.assets}`);
    expect(issue.body.fields[DEMO.fields.assets]).toEqual([{ workspaceId: ws, id: `${ws}:5`, objectId: '5' }]);
  });
});
