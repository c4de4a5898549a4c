import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

const SD1 = 10000;
const OPS1 = 10008;

describe('POST /rest/api/3/permissions/check', () => {
  it('lets the app check a user’s global and project permissions', async () => {
    const res = await h.call('POST', '/rest/api/3/permissions/check', {
      json: {
        accountId: DEMO.users.technician,
        globalPermissions: ['ADMINISTER', 'USER_PICKER'],
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'ASSIGN_ISSUES'], issues: [SD1, OPS1], projects: [10000, 10001] }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', issues: [SD1], projects: [10000] },
        { permission: 'ASSIGN_ISSUES', issues: [SD1], projects: [10000] },
      ],
    });
  });

  it('reports Jira administrators and the app (which is not an administrator)', async () => {
    const admin = await h.call('POST', '/rest/api/3/permissions/check', { json: { globalPermissions: ['ADMINISTER'] }, as: DEMO.users.admin });
    expect(admin.body.globalPermissions).toEqual(['ADMINISTER']);
    const app = await h.call('POST', '/rest/api/3/permissions/check', {
      json: { globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [OPS1] }] },
    });
    expect(app.body).toEqual({ globalPermissions: [], projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [OPS1], projects: [] }] });
  });

  it('forbids non-admins from checking other users and rejects unknown keys', async () => {
    const other = await h.call('POST', '/rest/api/3/permissions/check', {
      json: { accountId: DEMO.users.admin, globalPermissions: ['ADMINISTER'] },
      as: DEMO.users.technician,
    });
    expect(other.status).toBe(403);
    expect((await h.call('POST', '/rest/api/3/permissions/check', { json: { globalPermissions: ['FLY'] } })).status).toBe(400);
  });
});

describe('GET /rest/api/3/mypermissions', () => {
  it('answers havePermission per key for an issue', async () => {
    const res = await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,ASSIGN_ISSUES,ADMINISTER&issueKey=SD-1', {
      as: DEMO.users.technician,
    });
    expect(res.body.permissions.BROWSE_PROJECTS).toMatchObject({ key: 'BROWSE_PROJECTS', type: 'PROJECT', havePermission: true });
    expect(res.body.permissions.ASSIGN_ISSUES.havePermission).toBe(true);
    expect(res.body.permissions.ADMINISTER).toMatchObject({ type: 'GLOBAL', havePermission: false });
    expect((await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&issueKey=OPS-1', { as: DEMO.users.technician })).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/mypermissions')).status).toBe(400);
  });
});
