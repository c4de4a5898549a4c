/**
 * Jump to Asset, the dialog: the UI Kit module rendered offline through the real @forge/react reconciler
 * (test/helpers/uiKit.ts), its `invoke` answered by the real resolver in the local Forge host as the
 * technician. Asserts what the technician sees, the link, and that the link works at the appliance.
 */
import { renderUiKit, textOf, type UiKitView } from '../../helpers/uiKit'; // first: installs the fake bridge
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';
import { JumpToAssetApp } from '../../../src/frontend/jumpToAsset/JumpToAssetApp';
import { followJump, JUMP_MODULE } from './jumpFixture';

const ALEX = DEMO.users.technician;

let w: Composition;
let view: UiKitView | undefined;

beforeAll(async () => {
  w = await compose();
  await w.configure();
});
afterAll(() => w.close());
afterEach(async () => {
  view?.dispose();
  view = undefined;
  w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { configuration: true } });
  await w.configure();
});

async function openDialog(issueKey: string, accountId: string = ALEX, target: React.ReactElement | (() => unknown) = <JumpToAssetApp />) {
  view = await renderUiKit(target, {
    host: w.host,
    moduleKey: JUMP_MODULE,
    accountId,
    extension: { issue: { key: issueKey, id: '10000' }, project: { key: issueKey.split('-')[0] } },
  });
  return view;
}

/** The dialog's main action: UI Kit's LinkButton, primary, opening a new tab. */
const jumpButton = (v: UiKitView) => v.find('LinkButton');
const jumpLink = (v: UiKitView) => jumpButton(v).props as { href: string; target?: string; appearance?: string };

describe('the dialog on a ticket with an asset', () => {
  it('shows the session information and a "Jump to <asset>" link that opens the web console in a new tab', async () => {
    const v = await openDialog('SD-1');
    expect(v.texts()).toEqual([
      'Ticket:',
      'SD-1 · Workstation cannot reach the file share',
      'Asset:',
      'WORKSTATION-01',
      'Asset Name',
      'Appliance:',
      'pra.example.com',
      'Mode:',
      'Web access console: Opens the PRA web access console in a new tab',
      'Jump Item in PRA:',
      'WORKSTATION-01 · workstation-01.corp.example.com · RDP',
      'The session is linked to SD-1: when it ends, its details are added to this ticket.',
      'Close',
      'Jump to WORKSTATION-01',
    ]);
    expect(jumpLink(v)).toEqual({
      href: 'https://pra.example.com/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=SD-1',
      target: '_blank',
      appearance: 'primary',
    });
    // One resolver call; the issue comes from the context, so nothing is sent.
    expect(v.calls.filter((c) => c.cmd === 'invoke').map((c) => c.data)).toEqual([{ functionKey: 'getJumpInfo', payload: undefined, metadata: undefined }]);
  });

  it('shows a spinner until the answer arrives', async () => {
    const v = await openDialog('SD-1');
    const [first, ...later] = v.history();
    expect(first!.children.map((c) => [c.type, c.props.label])).toEqual([['Spinner', "Loading the ticket's asset"]]);
    expect(v.calls.findIndex((c) => c.cmd === 'reconcile')).toBeLessThan(v.calls.findIndex((c) => c.cmd === 'invoke'));
    expect(later.length).toBeGreaterThan(0);
    expect(v.findAll('Spinner')).toHaveLength(0);
  });

  it('closes on Close', async () => {
    const v = await openDialog('SD-1');
    await v.interact(() => v.find('Button', (b) => textOf(b) === 'Close').props.onClick());
    expect(v.calls.at(-1)?.cmd).toBe('close');
  });

  it('says a session file opens the Access Console when Use Web Rep Console is off, and the link downloads one', async () => {
    await w.configure({ useWebConsole: false });
    const v = await openDialog('SD-1');
    expect(v.texts()).toContain('Access Console: Downloads a session file that opens the PRA Access Console');
    const { href } = jumpLink(v);
    expect(href).toBe(
      'https://pra.example.com/api/client_script?type=rep&operation=generate&action=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=SD-1',
    );
    const { response, body } = await followJump(w, href);
    expect(response.status).toBe(200);
    expect(body).toBe('BRCS1.0\naction=login\naction=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=SD-1\n');
  });

  it('lets the technician choose among several Jira Assets objects, and the link follows the choice', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    const v = await openDialog('SD-8');
    const radio = v.find('RadioGroup');
    expect(radio.props.options).toEqual([
      { label: 'WORKSTATION-01 (ITSM-1)', value: '0' },
      { label: 'WEB01 (ITSM-2)', value: '1' },
    ]);
    expect(v.texts()).toContain('This ticket has 2 assets. Choose the one to connect to:');
    expect(v.texts()).toContain('Jira Assets ITSM-1');
    expect(textOf(jumpButton(v))).toBe('Jump to WORKSTATION-01');

    await v.interact(() => v.find('RadioGroup').props.onChange({ target: { value: '1' } }));
    expect(v.find('RadioGroup').props.value).toBe('1');
    expect(textOf(jumpButton(v))).toBe('Jump to WEB01');
    expect(jumpLink(v).href).toBe(
      'https://pra.example.com/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WEB01&session.custom.external_key=SD-8',
    );
    expect(v.texts()).toContain('WEB01 · web01.corp.example.com · Shell Jump');
    expect(v.texts()).toContain('Jira Assets ITSM-2');
  });

  const COULD_NOT_ASK =
    "BeyondTrust PRA did not say which Jump Items match WORKSTATION-01 (it did not answer in time, refused the app's credentials, or the API account has no Configuration API access). The Jump link still works: PRA looks for the asset when you jump.";

  /** The dialog says PRA could not be asked, lists no Jump Item, and still offers the Jump. */
  function expectCouldNotAsk(v: UiKitView) {
    const note = v.find('SectionMessage');
    expect(note.props).toMatchObject({ appearance: 'information', title: 'PRA could not be asked about Jump Items' });
    expect(textOf(note)).toBe(COULD_NOT_ASK);
    expect(v.texts()).not.toContain('Jump Item in PRA:');
    expect(textOf(jumpButton(v))).toBe('Jump to WORKSTATION-01');
  }

  it('says PRA could not be asked when the API account may not list Jump Items, and the link still works', async () => {
    w.pra.updateAccount(PRA_DEMO.account.clientId, { permissions: { configuration: false } });
    expectCouldNotAsk(await openDialog('SD-1'));
  });

  it('says PRA could not be asked when the appliance is unreachable', async () => {
    w.pra.faults.add({ path: '/api/config', destroy: true });
    try {
      expectCouldNotAsk(await openDialog('SD-1'));
    } finally {
      w.pra.faults.clear();
    }
  });

  it('says PRA could not be asked when the client secret no longer works (rotated in PRA)', async () => {
    w.pra.rotateSecret(PRA_DEMO.account.clientId, 'rotated-in-pra');
    try {
      expectCouldNotAsk(await openDialog('SD-1'));
    } finally {
      w.pra.rotateSecret(PRA_DEMO.account.clientId, PRA_DEMO.account.clientSecret);
    }
  });

  it('warns before jumping when PRA has no Jump Item for the asset', async () => {
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'New laptop', assignee: ALEX, fields: { 'Asset Name': 'Laptop 42 & Dock #3' } });
    const v = await openDialog(issue.key);
    const warning = v.find('SectionMessage');
    expect(warning.props).toMatchObject({ appearance: 'warning', title: 'No matching Jump Item in PRA' });
    expect(textOf(warning)).toBe(
      'No Jump Item in BeyondTrust PRA is named "Laptop 42 & Dock #3" or has it as host name. The Jump also searches parts of host names and comments, so it may still find one.',
    );
    expect(jumpLink(v).href).toContain('&search_string=Laptop%2042%20%26%20Dock%20%233&');
  });

  it('shows why there is no link for an asset name longer than 255 characters', async () => {
    await w.configure({ assetFieldName: 'Assets' });
    const long = w.jira.createAssetObject({ objectType: 'Servers', name: 'L'.repeat(256) }) as { objectKey: string };
    const issue = w.jira.createIssue({ project: 'SD', issueType: 'Incident', summary: 'Long', assignee: ALEX, fields: { Assets: [long.objectKey] } });
    const v = await openDialog(issue.key);
    expect(v.findAll('LinkButton')).toHaveLength(0);
    const error = v.find('SectionMessage', (s) => s.props.appearance === 'error');
    expect(error.props.title).toBe(`No Jump link for ${'L'.repeat(60)}…`);
    expect(textOf(error)).toMatch(/^The asset name is 256 characters long, but a BeyondTrust PRA Jump search accepts at most 255 characters/);
  });
});

describe('the dialog when it cannot offer a Jump', () => {
  const problem = (v: UiKitView) => {
    const message = v.find('SectionMessage');
    return { appearance: message.props.appearance, title: message.props.title, text: textOf(message), links: v.findAll('LinkButton').length + v.findAll('Link').length };
  };

  it('integration disabled', async () => {
    await w.configure({ enabled: false });
    expect(problem(await openDialog('SD-1'))).toEqual({
      appearance: 'warning',
      title: 'The BeyondTrust PRA integration is disabled',
      text: 'The BeyondTrust PRA integration is disabled. Ask a Jira administrator to enable it under Apps > Manage apps > BeyondTrust Privileged Remote Access.',
      links: 0,
    });
  });

  it('asset field not on this issue (names the configured field)', async () => {
    await w.configure({ assetFieldName: 'Configuration Items' });
    expect(problem(await openDialog('SD-1'))).toEqual({
      appearance: 'warning',
      title: 'Asset field not found on this issue',
      text: 'The field "Configuration Items" is not on this issue. The Asset Field Name in the app configuration must match the Jira field name exactly.',
      links: 0,
    });
  });

  it('asset field empty', async () => {
    expect(problem(await openDialog('SD-7'))).toEqual({
      appearance: 'information',
      title: 'No asset on this ticket',
      text: 'The field "Asset Name" is empty on SD-7. Enter the asset\'s name, as it is known in BeyondTrust PRA, in "Asset Name", then open Jump to Asset again.',
      links: 0,
    });
  });

  it('a user without permission to view the issue sees only that', async () => {
    const v = await openDialog('OPS-1', ALEX);
    expect(problem(v)).toEqual({
      appearance: 'error',
      title: 'Issue not available',
      text: 'Issue OPS-1 does not exist, or you do not have permission to view it.',
      links: 0,
    });
    expect(v.texts()).toEqual(['Issue not available', 'Issue OPS-1 does not exist, or you do not have permission to view it.', 'Close']);
  });

  it('has a Close button when there is no asset, which closes the dialog', async () => {
    const v = await openDialog('SD-7');
    await v.interact(() => v.find('Button', (b) => textOf(b) === 'Close').props.onClick());
    expect(v.calls.at(-1)?.cmd).toBe('close');
  });

  it('not configured (a new installation)', async () => {
    const fresh = await compose();
    try {
      view = await renderUiKit(<JumpToAssetApp />, { host: fresh.host, moduleKey: JUMP_MODULE, accountId: ALEX, extension: { issue: { key: 'SD-1', id: '10000' } } });
      expect(problem(view)).toMatchObject({ appearance: 'warning', title: 'The BeyondTrust PRA integration is not configured', links: 0 });
    } finally {
      view?.dispose();
      view = undefined;
      await fresh.close();
    }
  });
});

describe('the manifest resource', () => {
  it('src/frontend/jumpToAsset.tsx renders the dialog itself (ForgeReconciler.render at load)', async () => {
    const v = await openDialog('SD-1', ALEX, () => import('../../../src/frontend/jumpToAsset'));
    expect(textOf(jumpButton(v))).toBe('Jump to WORKSTATION-01');
  });
});
