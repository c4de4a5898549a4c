/**
 * Jump to Asset, backend: the real `jump-resolver` in the local Forge host, against the Jira and PRA
 * simulators. Both kinds of asset field, every message, permissions, awkward asset names, the Jump Items
 * from the Configuration API, and the Jump followed at the appliance to a session carrying the ticket.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';
import { followJump, getJumpInfo, jumpInfoOk } from './jumpFixture';

const ALEX = DEMO.users.technician;
const MORGAN = DEMO.users.admin;
const CUSTOMER = DEMO.users.customer;
const webLink = (asset: string, key: string) =>
  `https://pra.example.com/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=${asset}&session.custom.external_key=${key}`;

let w: Composition;
const praItem = (name: string) => w.pra.listJumpItems().find((i) => i.name === name)!;

beforeAll(async () => {
  w = await compose();
});
afterAll(() => w.close());
afterEach(async () => {
  w.pra.faults.clear();
  w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { configuration: true } });
  await w.configure();
});

/** Jira requests made while `fn` runs. */
async function jiraCallsDuring<T>(fn: () => Promise<T>) {
  const before = w.host.jiraCalls.length;
  const result = await fn();
  return { result, calls: w.host.jiraCalls.slice(before) };
}

describe('short text asset field ("Asset Name")', () => {
  it('gives the asset, a web console link with the issue key, and the Jump Item PRA has, reading the issue as the user', async () => {
    await w.configure();
    const { result, calls } = await jiraCallsDuring(() => getJumpInfo(w, 'SD-1', ALEX));
    const item = praItem('WORKSTATION-01');
    expect(result).toEqual({
      ok: true,
      info: {
        issueKey: 'SD-1',
        summary: 'Workstation cannot reach the file share',
        fieldName: 'Asset Name',
        appliance: 'pra.example.com',
        mode: 'web',
        assets: [
          {
            name: 'WORKSTATION-01',
            source: 'text',
            jumpUrl: webLink('WORKSTATION-01', 'SD-1'),
            jumpItems: [{ id: item.id, name: 'WORKSTATION-01', hostname: 'workstation-01.corp.example.com', type: 'remote-rdp' }],
          },
        ],
      },
    });
    const issueReads = calls.filter((c) => c.path.startsWith('/rest/api/3/issue/'));
    expect(issueReads.map((c) => `${c.principal} ${c.path}`)).toEqual([
      `sim-user:${ALEX} /rest/api/3/issue/SD-1?fields=summary%2Ccustomfield_10050&expand=names`,
    ]);
  });

  it('takes the issue from the dialog context, never from the payload', async () => {
    const result = await getJumpInfo(w, 'SD-1', ALEX, { issueKey: 'SD-2', issue: { key: 'SD-2' } });
    expect(result.ok && result.info.issueKey).toBe('SD-1');
  });

  it('uses the canonical key Jira answers as the external key', async () => {
    const info = await jumpInfoOk(w, 'sd-1', ALEX);
    expect(info.issueKey).toBe('SD-1');
    expect(info.assets[0]!.jumpUrl).toBe(webLink('WORKSTATION-01', 'SD-1'));
  });

  it('links to a session file for the Access Console when Use Web Rep Console is off', async () => {
    await w.configure({ useWebConsole: false });
    const info = await jumpInfoOk(w, 'SD-2', DEMO.users.technicianHiddenEmail);
    expect(info.mode).toBe('desktop');
    expect(info.assets[0]!.jumpUrl).toBe(
      'https://pra.example.com/api/client_script?type=rep&operation=generate&action=start_jump_item_session&search_string=WEB01&session.custom.external_key=SD-2',
    );
  });
});

describe('Jira Assets field ("Assets")', () => {
  it('names the asset by its Assets object label, looked up as the user', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    const { result, calls } = await jiraCallsDuring(() => getJumpInfo(w, 'SD-1', ALEX));
    expect(result).toMatchObject({
      ok: true,
      info: {
        fieldName: 'Assets',
        assets: [{ name: 'WORKSTATION-01', source: 'assets', objectKey: 'ITSM-1', objectType: 'Workstations', jumpUrl: webLink('WORKSTATION-01', 'SD-1') }],
      },
    });
    const assetReads = calls.filter((c) => c.path.startsWith('/jsm/assets/'));
    expect(assetReads).toHaveLength(1);
    expect(assetReads[0]!.principal).toBe(`sim-user:${ALEX}`);
  });

  it('offers every asset of a ticket with several, each with its own link', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    const info = await jumpInfoOk(w, 'SD-8', ALEX);
    expect(info.assets.map((a) => [a.name, a.objectKey, a.jumpUrl, a.jumpItems?.map((i) => i.type)])).toEqual([
      ['WORKSTATION-01', 'ITSM-1', webLink('WORKSTATION-01', 'SD-8'), ['remote-rdp']],
      ['WEB01', 'ITSM-2', webLink('WEB01', 'SD-8'), ['shell-jump']],
    ]);
  });

  it('says so when the Assets objects cannot be read by the user', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    w.jira.setKnobs({ assetsAccessGroups: ['jira-administrators'] });
    try {
      expect(await getJumpInfo(w, 'SD-1', ALEX)).toEqual({
        ok: false,
        error: {
          code: 'ASSETS_UNAVAILABLE',
          message: 'The field "Assets" refers to a Jira Assets object that could not be read: it may have been deleted, or you may not have access to Assets.',
        },
      });
    } finally {
      w.jira.setKnobs({ assetsAccessGroups: ['jira-administrators', 'jira-servicemanagement-users'] });
    }
  });

  it('refuses to build a link for an asset name longer than 255 characters, saying why', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    const long = w.jira.createAssetObject({ objectType: 'Servers', name: `SRV-${'x'.repeat(296)}` }) as { objectKey: string };
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'Long asset name', assignee: ALEX, fields: { Assets: [long.objectKey] } });
    const info = await jumpInfoOk(w, issue.key, ALEX);
    expect(info.assets).toEqual([
      {
        name: `SRV-${'x'.repeat(296)}`,
        source: 'assets',
        objectKey: long.objectKey,
        objectType: 'Servers',
        problem:
          'The asset name is 300 characters long, but a BeyondTrust PRA Jump search accepts at most 255 characters, so no Jump link was created. Shorten the asset name on the ticket.',
      },
    ]);
  });
});

describe('when there is nothing to jump to', () => {
  it('says the integration is not configured', async () => {
    const fresh = await compose();
    try {
      expect(await getJumpInfo(fresh, 'SD-1', ALEX)).toEqual({
        ok: false,
        error: {
          code: 'NOT_CONFIGURED',
          message:
            'The BeyondTrust PRA integration has not been configured yet. Ask a Jira administrator to configure it under Apps > Manage apps > BeyondTrust Privileged Remote Access.',
        },
      });
    } finally {
      await fresh.close();
    }
  });

  it('says the integration is disabled', async () => {
    await w.configure({ enabled: false });
    expect(await getJumpInfo(w, 'SD-1', ALEX)).toEqual({
      ok: false,
      error: {
        code: 'DISABLED',
        message: 'The BeyondTrust PRA integration is disabled. Ask a Jira administrator to enable it under Apps > Manage apps > BeyondTrust Privileged Remote Access.',
      },
    });
  });

  it('names the configured field when it is not on the issue type', async () => {
    expect(await getJumpInfo(w, 'OPS-1', MORGAN)).toEqual({
      ok: false,
      error: {
        code: 'FIELD_MISSING',
        message: 'The field "Asset Name" is not on this issue. The Asset Field Name in the app configuration must match the Jira field name exactly.',
      },
    });
  });

  it('names the configured field when its name does not match exactly, and the near miss', async () => {
    await w.configure({ assetFieldName: 'asset name' });
    expect(await getJumpInfo(w, 'SD-1', ALEX)).toEqual({
      ok: false,
      error: {
        code: 'FIELD_MISSING',
        message:
          'The field "asset name" is not on this issue. The Asset Field Name in the app configuration must match the Jira field name exactly. This issue has a field named "Asset Name".',
      },
    });
  });

  it('finds a field of that name that is not the one cached (e.g. a team-managed project’s own field)', async () => {
    const own = w.jira.createField({ name: 'Asset Name', type: 'text', issueTypes: ['Task'] });
    const issue = w.jira.createIssue({ project: 'OPS', issueType: 'Task', summary: 'Own field', fields: { [own.id]: 'WEB01' } });
    const { result, calls } = await jiraCallsDuring(() => getJumpInfo(w, issue.key, MORGAN));
    expect(result.ok && result.info.assets.map((a) => a.jumpUrl)).toEqual([webLink('WEB01', issue.key)]);
    expect(calls.filter((c) => c.path.startsWith('/rest/api/3/issue/')).map((c) => `${c.principal} ${c.path}`)).toEqual([
      `sim-user:${MORGAN} /rest/api/3/issue/${issue.key}?fields=summary%2Ccustomfield_10050&expand=names`,
      `sim-user:${MORGAN} /rest/api/3/issue/${issue.key}?fields=*navigable&expand=names`,
    ]);
  });

  it('says the field is empty, in the words of each kind of field', async () => {
    expect(await getJumpInfo(w, 'SD-7', ALEX)).toEqual({
      ok: false,
      error: {
        code: 'FIELD_EMPTY',
        message:
          'The field "Asset Name" is empty on SD-7. Enter the asset\'s name, as it is known in BeyondTrust PRA, in "Asset Name", then open Jump to Asset again.',
      },
    });
    await w.configure({ assetFieldName: 'Assets' });
    expect(await getJumpInfo(w, 'SD-7', ALEX)).toMatchObject({
      ok: false,
      error: { code: 'FIELD_EMPTY', message: 'The field "Assets" is empty on SD-7. Add the asset to "Assets", then open Jump to Asset again.' },
    });
  });

  it('says when the configured field does not hold an asset name', async () => {
    w.jira.createField({ name: 'Asset Number', type: 'number', issueTypes: ['Incident'] });
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'Numbered', assignee: ALEX, fields: { 'Asset Number': 42 } });
    await w.configure({ assetFieldName: 'Asset Number' });
    expect(await getJumpInfo(w, issue.key, ALEX)).toEqual({
      ok: false,
      error: {
        code: 'FIELD_UNSUPPORTED',
        message:
          'The field "Asset Number" does not hold an asset name (its value is a number). The Asset Field Name must name a short text field or a Jira Assets field.',
      },
    });
  });

  it('says when Jira cannot be read', async () => {
    w.jira.addFault({ path: '/rest/api/3/issue/', status: 503, count: 1 });
    const result = await getJumpInfo(w, 'SD-1', ALEX);
    expect(result).toEqual({ ok: false, error: { code: 'ERROR', message: expect.stringMatching(/^The issue could not be read from Jira: Jira answered HTTP 503/) } });
  });

  it('gives a user who cannot view the issue nothing but "not found", and reads it only as that user', async () => {
    for (const [key, user] of [
      ['OPS-1', ALEX],
      ['SD-1', CUSTOMER],
      ['SD-999', ALEX],
    ] as const) {
      const { result, calls } = await jiraCallsDuring(() => getJumpInfo(w, key, user));
      expectAs(`${key} as ${user}`, result).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: `Issue ${key} does not exist, or you do not have permission to view it.` },
      });
      const issueReads = calls.filter((c) => c.path.startsWith('/rest/api/3/issue') || c.path.startsWith('/jsm/'));
      expect(issueReads.map((c) => [c.principal, c.status])).toEqual([[`sim-user:${user}`, 404]]);
    }
  });

  it('needs a signed-in user', async () => {
    expect(await getJumpInfo(w, 'SD-1', undefined)).toEqual({ ok: false, error: { code: 'ERROR', message: 'Jump to Asset needs a signed-in Jira user.' } });
  });
});

describe('Jump Items from the PRA Configuration API', () => {
  it('are marked unavailable (the link kept) when the API account may not use the Configuration API', async () => {
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { configuration: false } });
    const info = await jumpInfoOk(w, 'SD-1', ALEX);
    expect(info.assets[0]).toEqual({ name: 'WORKSTATION-01', source: 'text', jumpUrl: webLink('WORKSTATION-01', 'SD-1'), jumpItemsUnavailable: true });
  });

  it('are marked unavailable (the link kept) when the appliance fails', async () => {
    w.pra.faults.add({ path: '/api/config/', status: 503 });
    const info = await jumpInfoOk(w, 'SD-1', ALEX);
    expect(info.assets[0]!.jumpItems).toBeUndefined();
    expect(info.assets[0]!.jumpItemsUnavailable).toBe(true);
    expect(info.assets[0]!.jumpUrl).toBe(webLink('WORKSTATION-01', 'SD-1'));
  });

  it('are an empty list when PRA has no Jump Item for the asset', async () => {
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'Unknown PC', assignee: ALEX, fields: { 'Asset Name': 'PC-NOT-IN-PRA' } });
    const info = await jumpInfoOk(w, issue.key, ALEX);
    expect(info.assets[0]!.jumpItems).toEqual([]);
  });
});

describe('asset names with spaces, unicode, &, # and %: the appliance gets exactly the name and the issue key', () => {
  it.each([
    ['Web Server 01', 'Web%20Server%2001'],
    ['Serveur-Données 東京', 'Serveur-Donn%C3%A9es%20%E6%9D%B1%E4%BA%AC'],
    ['R&D #1 100%', 'R%26D%20%231%20100%25'],
  ])('%s', async (name, encoded) => {
    const item = w.pra.createJumpItem({ name, hostname: `host-${w.pra.listJumpItems().length}.corp.example.com`, type: 'remote-rdp' });
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: `Asset ${name}`, assignee: ALEX, fields: { 'Asset Name': name } });
    const info = await jumpInfoOk(w, issue.key, ALEX);
    const asset = info.assets[0]!;
    expect(asset.jumpUrl).toBe(webLink(encoded, issue.key));
    expect(asset.jumpItems).toEqual([{ id: item.id, name, hostname: item.hostname, type: 'remote-rdp' }]);

    const { response, request } = await followJump(w, asset.jumpUrl!);
    expect(response.status).toBe(302);
    expect(request).toMatchObject({ type: 'web_console', action: 'start_jump_item_session', customAttributes: { external_key: issue.key }, matches: [item.id] });
    expect(request!.params.search_string).toBe(name);

    const session = w.pra.startSessionFromJump(request!.id, { user: PRA_DEMO.users.alex.username });
    expect(session).toMatchObject({ externalKey: issue.key, jumpItem: { id: item.id } });
    expect(w.pra.endSession(session.lsid).externalKey).toBe(issue.key);
  });

  it('in the session file too (Use Web Rep Console off)', async () => {
    await w.configure({ useWebConsole: false });
    const name = 'Lab R&D #2 50%';
    w.pra.createJumpItem({ name, hostname: 'lab-rd-2.corp.example.com', type: 'shell-jump' });
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'Lab', assignee: ALEX, fields: { 'Asset Name': name } });
    const { response, body, request } = await followJump(w, (await jumpInfoOk(w, issue.key, ALEX)).assets[0]!.jumpUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="start_jump_item_session.brcs-pra"');
    expect(body).toBe(
      `BRCS1.0\naction=login\naction=start_jump_item_session&search_string=Lab%20R%26D%20%232%2050%25&session.custom.external_key=${issue.key}\n`,
    );
    expect(request!.params.search_string).toBe(name);
  });
});

describe('done: from a ticket with an asset to a session whose import lands on the same ticket', () => {
  it('SD-1 → Jump link → accepted by the appliance → session with external key SD-1 → Session End event to the app', async () => {
    const configured = await w.configure();
    const info = await jumpInfoOk(w, 'SD-1', ALEX);
    const { response, request } = await followJump(w, info.assets[0]!.jumpUrl!);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`https://pra.example.com/console?jump=${request!.id}`);

    w.pra.pauseOutbound(); // hold the event: what it carries is asserted, not what the import (built separately) does with it
    const session = w.pra.startSessionFromJump(request!.id, { user: PRA_DEMO.users.alex.username });
    expect(session).toMatchObject({ externalKey: 'SD-1', jumpItem: { name: 'WORKSTATION-01' } });
    w.pra.addEvent(session.lsid, { eventType: 'Chat Message', performedBy: 'rep', body: 'Connected from Jira' });
    w.pra.endSession(session.lsid);

    const [recipient] = w.pra.listRecipients();
    expect(recipient!.url).toBe(configured.view!.urls!.outboundEventUrl);
    const ended = w.pra.outboundQueue(recipient!.id).find((e) => e.lsid === session.lsid && e.event === 'support_conference_end');
    expect(Object.fromEntries(ended!.fields)).toMatchObject({ event: 'support_conference_end', lsid: session.lsid, external_key: 'SD-1' });
  });
});
