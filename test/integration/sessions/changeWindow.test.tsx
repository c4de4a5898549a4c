/**
 * Change windows in the session import and the ticket panel (issue 15), end to end: PRA sessions on
 * change tickets imported through the outbound event, the first comment part stating the window and
 * flagging a session outside it, and the panel showing the window and where each session and decision fell.
 */
import { renderUiKit, type UiKitView } from '../../helpers/uiKit'; // first: installs the fake bridge
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionsPanelApp } from '../../../src/frontend/sessionsPanel/SessionsPanelApp';
import { adfText, DEMO, PRA_DEMO, startImportWorld, type ImportWorld } from '../import/importFixture';

const PANEL = 'pra-sessions-panel';
const HOUR = 3_600_000;
let w: ImportWorld;
let view: UiKitView | undefined;
let past = '';

beforeAll(async () => {
  w = await startImportWorld({ requireChangeWindow: true });
  // CHG-1 (seeded) is open now; this one closed yesterday.
  const yesterday = Date.now() - 24 * HOUR;
  past = w.jira.createIssue({
    project: 'CHG',
    issueType: 'Change',
    summary: 'Restart DB-SERVER-02 «変更» 🚀',
    status: 'Implementing',
    assignee: DEMO.users.technician,
    fields: { 'Asset Name': 'DB-SERVER-02', 'Planned start': new Date(yesterday).toISOString(), 'Planned end': new Date(yesterday + HOUR).toISOString() },
  }).key;
  await w.pra.sendTicketRequest({ ticketId: 'CHG-1', user: PRA_DEMO.users.alex.username, jumpItem: { name: 'DB-SERVER-02' } });
  await w.pra.sendTicketRequest({ ticketId: past, user: PRA_DEMO.users.alex.username, jumpItem: { name: 'DB-SERVER-02' } });
  await w.endSession({ externalKey: 'CHG-1', jumpItem: { name: 'DB-SERVER-02' } });
  await w.endSession({ externalKey: past, jumpItem: { name: 'DB-SERVER-02' } });
  await w.endSession({ externalKey: 'SD-1', jumpItem: { name: 'WORKSTATION-01' } });
  await w.settle();
});
afterAll(() => w.close());
afterEach(() => {
  view?.dispose();
  view = undefined;
});

const firstPartText = async (key: string) => {
  const comments = await w.comments(key);
  expect(comments.length).toBeGreaterThan(0);
  return adfText(comments[0]!.body);
};

describe('the imported comment', () => {
  it('states the window and that the session was inside it', async () => {
    const text = await firstPartText('CHG-1');
    expect(text).toMatch(/Inside the change window\. +Change window \d{4}-\d{2}-\d{2} \d{2}:00[–\s]/);
    expect(text).toMatch(/started \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC, inside the change window, and ended .* UTC, inside the change window\./);
  });

  it('flags a session outside the window at the top of the first part', async () => {
    const comments = await w.comments(past);
    const first = comments[0]!.body as { content: unknown[] };
    // heading, the session line, then the flag before any section
    expect(adfText(first.content[2])).toMatch(/^⚠ Outside the change window\. .*after the change window\.$/);
  });

  it('says nothing about windows on other issue types', async () => {
    expect(await firstPartText('SD-1')).not.toContain('change window');
  });
});

describe('the ticket panel', () => {
  const open = async (key: string) => {
    view = await renderUiKit(<SessionsPanelApp />, { host: w.host, moduleKey: PANEL, accountId: DEMO.users.technician, extension: { issue: { key, id: '1' } } });
    return view.texts();
  };

  it('shows the window, and the session and decision inside it', async () => {
    const texts = await open('CHG-1');
    expect(texts.some((t) => /^Change window: \d{4}-\d{2}-\d{2} \d{2}:00.* UTC \(grace 15 minutes\)$/.test(t))).toBe(true);
    expect(texts.some((t) => /^Ended .* UTC · inside the change window$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d{4}-\d{2}-\d{2} .* UTC · inside the change window$/.test(t))).toBe(true);
    expect(texts).toContain('Approved');
  });

  it('shows a session and a denial outside the window', async () => {
    const texts = await open(past);
    expect(texts.some((t) => /^Ended .* UTC · outside the change window$/.test(t))).toBe(true);
    expect(texts.some((t) => /UTC · outside the change window$/.test(t) && !t.startsWith('Ended'))).toBe(true);
    expect(texts.some((t) => /^The change window of ticket \[CHG-\d+\] is .* UTC; access is allowed only within it\.$/.test(t))).toBe(true);
  });

  it('shows no window line on other issue types', async () => {
    const texts = await open('SD-1');
    expect(texts.some((t) => t.startsWith('Change window'))).toBe(false);
  });
});
