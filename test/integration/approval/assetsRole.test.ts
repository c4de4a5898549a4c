/**
 * Assets as the app (forge-and-jira.md §10.3): the app account cannot read Jira Assets until a Jira admin
 * grants it an Assets role (the Jira simulator answers the app 403 without one). With the asset field an
 * Assets field, endpoint approval must fail closed saying the app cannot read Assets (its own reason in the
 * audit record, never "no asset on the ticket"), the configuration page's check must report the missing
 * role, and so must the Health tab. Once the role is granted, all three are fine.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { approvalWorld, type ApprovalWorld } from './helpers';

const NO_ACCESS = (key: string) =>
  `Unable to validate the ticket [${key}]: the BeyondTrust PRA app cannot read Jira Assets (it has no Assets role), so the ticket's assets cannot be checked. Ask a Jira administrator to grant the app an Assets role.`;
const ROLE_STEP =
  'In Jira Assets, give the app "BeyondTrust Privileged Remote Access" an Assets role that can view objects (for example Users) on the object schemas that hold your assets.';

let a: ApprovalWorld;
beforeAll(async () => {
  a = await approvalWorld({ assetFieldName: 'Assets' });
});
afterAll(() => a.close());
afterEach(async () => {
  a.w.jira.setAppAssetsRole({ role: 'Users' });
  await a.configure({ assetFieldName: 'Assets' });
});

const lastDecision = async () => (await a.w.configCall('listApprovalDecisions', { limit: 1 })).decisions[0];
const health = async () => (await a.w.configCall('getHealth')).health;

describe('without an Assets role for the app', () => {
  beforeEach(() => {
    a.w.jira.setAppAssetsRole({ role: null });
  });

  it('endpoint approval denies, telling the PRA user the app cannot read Jira Assets, with its own audit reason', async () => {
    const outcome = await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
    expect(outcome).toMatchObject({ allowed: false, message: NO_ACCESS('SD-1') });
    expect(await lastDecision()).toMatchObject({ ticket: 'SD-1', result: 'denied', reason: 'assets-no-access', message: NO_ACCESS('SD-1') });
    // Jira really said 403 to the app's Assets read (not "no asset", not a timeout).
    const assetsCalls = a.w.jira.requests().entries.filter((r) => r.path.startsWith('/jsm/assets/') && r.principal === 'app');
    expect(assetsCalls.at(-1)?.status).toBe(403);
  });

  it('a ticket whose Assets field is empty is still "no asset", and other denials come first', async () => {
    expect((await a.enter('SD-7', 'arivera', { name: 'WORKSTATION-01' })).message).toBe('The specified ticket, [SD-7], does not appear to be associated with an asset named [WORKSTATION-01]. Its [Assets] field has no asset.');
    expect((await lastDecision()).reason).toBe('no-asset-on-ticket');
    expect((await a.enter('SD-2', 'arivera', { name: 'WEB01' })).message).toBe('The user that initiated the PRA session does not match the assignee of ticket [SD-2].');
  });

  it('the configuration page says "Configuration Invalid" because of the missing Assets role', async () => {
    const saved = await a.w.configure({ assetFieldName: 'Assets' });
    expect(saved.view?.validation).toMatchObject({
      status: 'invalid',
      message: `Missing Assets role: the app cannot read Jira Assets, so endpoint approval denies every Jump on a ticket whose asset is in an Assets field. ${ROLE_STEP}`,
    });
  });

  it('the Health tab has a line and a warning about it', async () => {
    const h = await health();
    expect(h.assets).toEqual({
      status: 'missing',
      message: `Missing Assets role: the app cannot read Jira Assets, so endpoint approval denies every Jump on a ticket whose asset is in an Assets field. ${ROLE_STEP}`,
    });
    expect(h.warnings).toContain(h.assets.message);
  });

  it('when the check cannot tell (Jira fails the workspace list), says so without calling the configuration invalid', async () => {
    a.w.jira.addFault({ path: '^/rest/servicedeskapi/assets/workspace', status: 500, count: 5 });
    try {
      const saved = await a.w.configure({ assetFieldName: 'Assets' });
      expect(saved.view?.validation.status).toBe('valid');
      expect(saved.view?.validation.details).toEqual([expect.stringMatching(/^Whether the app can read Jira Assets could not be checked: Jira answered HTTP 500/)]);
    } finally {
      a.w.jira.clearFaults();
    }
  });

  it('does not matter with a text asset field, or with asset matching off', async () => {
    expect((await a.w.configure({ assetFieldName: 'Asset Name' })).view?.validation.status).toBe('valid');
    expect((await health()).assets.status).toBe('not-needed');
    expect(await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' })).toMatchObject({ allowed: true });

    expect((await a.w.configure({ assetFieldName: 'Assets', requireAssetMatch: false })).view?.validation.status).toBe('valid');
    expect((await health()).assets.status).toBe('not-needed');
  });
});

describe('once a Jira admin has granted the app an Assets role', () => {
  it('approves, validates and reports the role', async () => {
    a.w.jira.setAppAssetsRole({ role: 'Users' });
    const saved = await a.w.configure({ assetFieldName: 'Assets' });
    expect(saved.view?.validation).toMatchObject({ status: 'valid' });
    expect(saved.view?.validation.message).toContain('Asset field "Assets" (Jira Assets).');
    expect(await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' })).toMatchObject({ allowed: true });
    expect(await lastDecision()).toMatchObject({ reason: 'approved', matchedAsset: 'WORKSTATION-01' });
    const h = await health();
    expect(h.assets.status).toBe('ok');
    expect(h.warnings.some((w: string) => /Assets role/.test(w))).toBe(false);
  });

  it('the seeded demo site has granted it; the Assets check costs the configuration save two Jira requests', async () => {
    expect(a.w.jira.getAppAssetsRole()).toEqual({ role: 'Users' });
    const before = a.w.host.jiraCalls.length;
    await a.w.configure({ assetFieldName: 'Assets' });
    const assetsChecks = a.w.host.jiraCalls.slice(before).filter((c) => /assets/.test(c.path)).map((c) => `${c.method} ${c.path.split('?')[0]}`);
    expect(assetsChecks).toEqual(['GET /rest/servicedeskapi/assets/workspace', `POST /jsm/assets/workspace/${DEMO.assets.workspaceId}/v1/object/aql`]);
  });
});
