/**
 * The configuration resolvers through the local Forge host, against the PRA and Jira simulators:
 * validation against the appliance, the integration URLs and their tokens, admin-only access, and the
 * client secret never leaving the backend.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';

let w: Composition;
beforeAll(async () => {
  w = await compose();
});
afterAll(() => w.close());
afterEach(() => {
  w.pra.setKnobs({ xmlApiEnabled: true, healthy: true });
  w.host.egress.setAllowList(w.host.manifest.backendEgress);
});

describe('configuration validation against PRA', () => {
  it('saves a correct configuration and reports it valid, with the two integration URLs', async () => {
    const result = await w.configure();
    expect(result.ok).toBe(true);
    const view = result.view!;
    expect(view.validation.status).toBe('valid');
    expect(view.validation.message).toMatch(/^Connected to pra\.example\.com \(API 1\.25\.0\): Command API full access, Reporting API allowed\. Asset field "Asset Name" \(text\)\.$/);
    expect(view.urls!.outboundEventUrl).toMatch(new RegExp(`^${w.hostUrl}/public/[0-9a-f-]{36}\\?token=[A-Za-z0-9_-]{43}$`));
    expect(view.urls!.endpointApprovalUrl).toMatch(/\?token=[A-Za-z0-9_-]{43}$/);
    expect(view.urls!.outboundEventUrl).not.toBe(view.urls!.endpointApprovalUrl);
    expect(view.customLinkUrl).toBe('https://sandbox.atlassian.net/browse/%SESSION.CUSTOM.EXTERNAL_KEY%');
    expect(view.clientSecretSet).toBe(true);
    expect(view.eventTypeOptions).toContain('Chat Message');
  });

  it('says "Invalid client" for a wrong client secret', async () => {
    const result = await w.configure({}, 'not-the-secret');
    expect(result.view!.validation).toMatchObject({ status: 'invalid' });
    expect(result.view!.validation.message).toMatch(/^Invalid client: The appliance pra\.example\.com rejected the Client ID and Client Secret \(invalid_client\)/);
  });

  it('says "Host unreachable" for a host that does not resolve', async () => {
    const result = await w.configure({ hostName: 'pra.unreachable.example' });
    expect(result.view!.validation.message).toMatch(/^Host unreachable: Could not connect to pra\.unreachable\.example: the host name was not found \(DNS\)\./);
  });

  it('says which permission is missing when the API account cannot read reports', async () => {
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: false } });
    try {
      const result = await w.configure();
      expect(result.view!.validation.status).toBe('invalid');
      expect(result.view!.validation.message).toMatch(/^Missing Reporting API permission: .*"Allow Access to Access Session Reports and Recordings"/);
    } finally {
      w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { reporting: true } });
    }
  });

  it('says when the API account has no Command API access', async () => {
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { command: 'deny' } });
    try {
      const result = await w.configure();
      expect(result.view!.validation.message).toMatch(/^Missing Command API permission/);
    } finally {
      w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { command: 'full_access' } });
    }
  });

  it('says when the XML API is disabled', async () => {
    w.pra.setKnobs({ xmlApiEnabled: false });
    const result = await w.configure();
    expect(result.view!.validation.message).toMatch(/^XML API disabled: .*Enable XML API/);
  });

  it('says when egress to the host is not allowed by the app', async () => {
    w.host.egress.setAllowList(['*.beyondtrustcloud.com']);
    const result = await w.configure();
    expect(result.view!.validation.message).toMatch(/^Egress not allowed: This app is not allowed to connect to pra\.example\.com/);
  });

  it('says when the asset field does not exist, suggesting a name that differs only by case', async () => {
    const result = await w.configure({ assetFieldName: 'asset name' });
    expect(result.view!.validation.message).toBe(
      'Asset field not found: Jira has no field named "asset name". The Asset Field Name must match the field\'s name exactly, as Jira shows it (case-sensitive). Did you mean "Asset Name"?',
    );
  });

  it('recognises a Jira Assets field', async () => {
    const result = await w.configure({ assetFieldName: 'Assets' });
    expect(result.view!.validation.message).toMatch(/Asset field "Assets" \(Jira Assets\)\.$/);
  });

  it('re-validates without saving on request', async () => {
    await w.configure();
    w.pra.updateAccount(PRA_DEMO.account.clientId, { enabled: false });
    try {
      const result = await w.configCall('validateConfiguration');
      expect(result.view.validation.message).toMatch(/^Invalid client/);
    } finally {
      w.pra.updateAccount(PRA_DEMO.account.clientId, { enabled: true });
    }
  });
});

describe('input checks', () => {
  it('rejects a host name with a protocol, and required fields, with field errors and nothing saved', async () => {
    await w.configure();
    const result = await w.configCall('saveConfiguration', { settings: { enabled: true, hostName: 'https://pra.example.com', clientId: '', assetFieldName: 'Asset Name' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.fieldErrors.hostName).toBe('Enter the host name only, without https:// (for example pra.yourcompany.com).');
    expect(result.fieldErrors.clientId).toBe('Enter the OAuth Client ID of the PRA API account.');
    const view = (await w.configCall('getConfiguration')).view;
    expect(view.settings.hostName).toBe('pra.example.com');
  });

  it('keeps the stored secret when the secret is left blank', async () => {
    await w.configure();
    const result = await w.configCall('saveConfiguration', { settings: { ...(await w.configCall('getConfiguration')).view.settings }, clientSecret: '' });
    expect(result.view.validation.status).toBe('valid');
    expect(result.view.clientSecretSet).toBe(true);
  });

  it('requires a secret when enabling without one stored', async () => {
    const fresh = await compose();
    try {
      const result = await fresh.configCall('saveConfiguration', { settings: { enabled: true, hostName: 'pra.example.com', clientId: 'x', assetFieldName: 'Asset Name' } });
      expect(result.fieldErrors).toEqual({ clientSecret: 'Enter the OAuth Client Secret of the PRA API account.' });
    } finally {
      await fresh.close();
    }
  });
});

describe('access and secrecy', () => {
  it('refuses every configuration call from a user who is not a Jira administrator', async () => {
    for (const fn of ['getConfiguration', 'saveConfiguration', 'validateConfiguration', 'regenerateUrl']) {
      const result = await w.configCall(fn, { which: 'outboundEvent' }, DEMO.users.technician);
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira administrators can view or change the BeyondTrust PRA configuration.' } });
    }
    expect(await w.host.invokeResolver({ moduleKey: 'pra-config-page', functionKey: 'getConfiguration' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('never returns or logs the client secret or the URL tokens', async () => {
    w.host.logs.length = 0;
    const saved = await w.configure();
    await w.configure({}, 'wrong-secret-value-xyz');
    await w.configure();
    await w.configCall('validateConfiguration');
    const responses = JSON.stringify([saved, await w.configCall('getConfiguration')]);
    expect(responses).not.toContain(PRA_DEMO.account.clientSecret);
    const logs = JSON.stringify(w.host.logs);
    expect(logs).not.toContain(PRA_DEMO.account.clientSecret);
    expect(logs).not.toContain('wrong-secret-value-xyz');
    const token = new URL(saved.view!.urls!.outboundEventUrl).searchParams.get('token')!;
    expect(logs).not.toContain(token);
  });

  it('regenerates a URL token: the new URL works, the old one is refused', async () => {
    const before = (await w.configure()).view!.urls!;
    const after = (await w.configCall('regenerateUrl', { which: 'outboundEvent' })).view.urls;
    expect(after.outboundEventUrl).not.toBe(before.outboundEventUrl);
    expect(after.endpointApprovalUrl).toBe(before.endpointApprovalUrl);
    const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'event=support_conference_begin' });
    expect((await post(before.outboundEventUrl)).status).toBe(403);
    expect((await post(after.outboundEventUrl)).status).toBe(200);
    expect((await w.configCall('regenerateUrl', { which: 'bogus' })).error.code).toBe('INVALID_INPUT');
  });
});

describe('when the site refuses the app the email lookup', () => {
  const REFUSED = /^Jira does not let the app read users' email addresses \(GET \/rest\/api\/3\/user\/email, scope read:email-address:jira\): endpoint approval cannot match a PRA user by email to an assignee who hides their email; display name and username still match\.$/;

  it('the configuration check and the Health tab say so; with the lookup allowed, neither does', async () => {
    const allowed = await w.configure();
    expect(allowed.view!.validation.details ?? []).not.toContainEqual(expect.stringMatching(REFUSED));
    const healthy = (await w.configCall('getHealth')).health;
    expect(healthy.jiraPermissions).toContainEqual({ key: 'READ_EMAIL_ADDRESSES', label: "Read users' email addresses (hidden emails in endpoint approval)", granted: true });
    expect(healthy.warnings).not.toContainEqual(expect.stringMatching(REFUSED));

    w.jira.setKnobs({ appMayReadEmails: false });
    try {
      const refused = await w.configure();
      expect(refused.view!.validation.status).toBe('valid');
      expect(refused.view!.validation.details).toContainEqual(expect.stringMatching(REFUSED));
      const health = (await w.configCall('getHealth')).health;
      expect(health.jiraPermissions).toContainEqual(expect.objectContaining({ key: 'READ_EMAIL_ADDRESSES', granted: false }));
      expect(health.warnings).toContainEqual(expect.stringMatching(REFUSED));
    } finally {
      w.jira.setKnobs({ appMayReadEmails: true });
    }
  });
});
