/**
 * The issue's BeyondTrust PRA panel: rendered through the real @forge/react reconciler, its resolver run
 * in the local Forge host as the viewing user, over sessions imported end to end from the PRA simulator.
 */
import { renderUiKit, type UiKitView } from '../../helpers/uiKit'; // first: installs the fake bridge
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionsPanelApp } from '../../../src/frontend/sessionsPanel/SessionsPanelApp';
import { DEMO, PRA_DEMO, startImportWorld, type ImportWorld } from '../import/importFixture';

const PANEL = 'pra-sessions-panel';
let w: ImportWorld;
let view: UiKitView | undefined;
let sd1Session: string;

beforeAll(async () => {
  w = await startImportWorld();
  sd1Session = await w.endSession({ externalKey: 'SD-1', jumpItem: { name: 'WORKSTATION-01' }, recording: { size: 1000 } });
  await w.endSession({ externalKey: 'SD-2', rep: PRA_DEMO.users.sam.username, jumpItem: { name: 'WEB01' } });
  await w.settle();
  await w.pra.sendTicketRequest({ ticketId: 'sd-1', user: PRA_DEMO.users.alex.username, jumpItem: { name: 'WORKSTATION-01' } });
  await w.pra.sendTicketRequest({ ticketId: 'SD-1', user: PRA_DEMO.users.casey.username, jumpItem: { name: 'WORKSTATION-01' } });
  await w.settle();
});
afterAll(() => w.close());
afterEach(() => {
  view?.dispose();
  view = undefined;
});

async function openPanel(issueKey: string, accountId: string) {
  view = await renderUiKit(<SessionsPanelApp />, { host: w.host, moduleKey: PANEL, accountId, extension: { issue: { key: issueKey, id: '1' } } });
  return view;
}

describe('the BeyondTrust PRA panel', () => {
  it("lists the ticket's sessions with status, PRA links and Re-import for the assignee, and its approval decisions", async () => {
    const v = await openPanel('SD-1', DEMO.users.technician);
    const texts = v.texts();
    expect(texts).toContain('PRA sessions');
    expect(texts).toContain('WORKSTATION-01 · Alex Rivera');
    expect(texts).toContain('Imported');
    expect(texts.some((t) => /^Ended \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/.test(t))).toBe(true);
    expect(texts).toContain('Recording');
    expect(texts).toContain('Chat transcript');
    const hrefs = v.findAll('Link').map((l) => l.props.href as string);
    expect(hrefs).toHaveLength(2);
    expect(hrefs.every((href) => href.startsWith('https://pra.example.com/session_download?'))).toBe(true);
    expect(v.findAll('Link').every((l) => l.props.openNewTab === true)).toBe(true);
    expect(v.findAll('Button').map((b) => b.children.map((c) => c.props.text).join(''))).toContain('Re-import');

    expect(texts).toContain('Approval decisions');
    expect(texts).toContain('Approved');
    expect(texts).toContain('Denied');
    expect(texts).toContain('The user that initiated the PRA session does not match the assignee of ticket [SD-1].');
  });

  it('shows only the sessions of its own ticket', async () => {
    const v = await openPanel('SD-2', DEMO.users.technicianHiddenEmail);
    expect(v.texts()).toContain('WEB01 · Sam Patel');
    expect(v.texts().join('\n')).not.toContain('WORKSTATION-01');
  });

  it('tells someone who cannot see the ticket nothing about it', async () => {
    const v = await openPanel('OPS-1', DEMO.users.technician);
    expect(v.texts()).toEqual(['PRA sessions unavailable', 'This ticket was not found, or you cannot see it.']);
  });

  it('asks before re-importing, then replaces the set, listing the session as a re-import meanwhile and naming the assignee', async () => {
    const v = await openPanel('SD-1', DEMO.users.technician);
    const ownComments = async () => (await w.comments('SD-1')).filter((c) => c.properties?.some((p) => p.value?.lsid === sd1Session));
    const before = await ownComments();
    const buttonText = (b: { children: Array<{ props: { text?: string } }> }) => b.children.map((c) => c.props.text).join('');
    const button = (text: string) => v.findAll('Button').find((b) => buttonText(b) === text);
    await v.interact(() => button('Re-import')!.props.onClick());
    // nothing queued yet: the panel says what will happen
    expect(v.texts()).toContain('Re-import the session on WORKSTATION-01?');
    expect(v.texts().join('\n')).toContain('it deletes the comments and files it wrote for this session before. Comments and files written by people are kept.');
    expect(button('Re-import')).toBeUndefined();
    await v.interact(() => button('Cancel')!.props.onClick());
    expect(v.texts()).not.toContain('Re-import the session on WORKSTATION-01?');

    await v.interact(() => button('Re-import')!.props.onClick());
    w.pra.faults.add({ path: '/api/reporting', delayMs: 1500, count: 1 }); // holds the import before it writes
    await v.interact(() => button('Re-import and replace')!.props.onClick());
    expect(v.texts().some((t) => t.startsWith(`Session ${sd1Session} is queued for import.`))).toBe(true);
    expect(v.texts()).toContain('WORKSTATION-01 · Alex Rivera');
    expect(v.texts().some((t) => t === 'Re-import queued' || t === 'Re-importing')).toBe(true);
    expect(v.texts()).toContain('Requested by Alex Rivera (assignee).');
    await w.settle();
    const after = await ownComments();
    expect(after).toHaveLength(before.length);
    expect(after.some((c) => before.some((b) => b.id === c.id))).toBe(false);
    const activity = await w.configCall('listImportActivity');
    expect(activity.imports.find((i: { lsid: string }) => i.lsid === sd1Session)).toMatchObject({ status: 'done', requestedBy: 'Alex Rivera (assignee)' });
  });

  it('shows the newest three decisions, and every one behind "Show all"', async () => {
    for (const user of [PRA_DEMO.users.sam, PRA_DEMO.users.alex, PRA_DEMO.users.casey]) {
      await w.pra.sendTicketRequest({ ticketId: 'SD-1', user: user.username, jumpItem: { name: 'WORKSTATION-01' } });
    }
    await w.settle();
    const v = await openPanel('SD-1', DEMO.users.technician);
    const decisions = () => v.findAll('Lozenge').filter((l) => ['Approved', 'Denied'].includes(l.children.map((c) => c.props.text).join('')));
    expect(decisions()).toHaveLength(3);
    const showAll = v.findAll('Button').find((b) => b.children.map((c) => c.props.text).join('') === 'Show all 5 decisions')!;
    // newest first: the last request (Casey, not the assignee) is the first one listed
    expect(v.texts().filter((t) => t.endsWith(' on WORKSTATION-01'))).toEqual(['Casey Nguyen on WORKSTATION-01', 'Alex Rivera on WORKSTATION-01', 'Sam Patel on WORKSTATION-01']);
    await v.interact(() => showAll.props.onClick());
    expect(decisions()).toHaveLength(5);
    expect(v.findAll('Button').some((b) => b.children.map((c) => c.props.text).join('') === 'Show the newest 3 only')).toBe(true);
  });

  it('offers no Re-import to someone who is neither admin nor assignee, and refuses it if asked directly', async () => {
    const v = await openPanel('SD-1', DEMO.users.technician2);
    expect(v.findAll('Button').filter((b) => b.children.map((c) => c.props.text).join('').startsWith('Re-import'))).toEqual([]);
    const answer = await w.host.invokeResolver({ moduleKey: PANEL, functionKey: 'reimport', payload: { lsid: sd1Session }, accountId: DEMO.users.technician2, extension: { issue: { key: 'SD-1' } } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = await w.host.invokeResolver({ moduleKey: PANEL, functionKey: 'reimport', payload: { lsid: 'f'.repeat(32) }, accountId: DEMO.users.admin, extension: { issue: { key: 'SD-1' } } });
    expect(admin).toMatchObject({ ok: false, error: { message: 'That session was not imported to this ticket.' } });
  });
});
