/**
 * User consent (forge-and-jira.md §10.2): a user who has not allowed the app gets, from their first
 * `asUser()` request, the REAL @forge/api NeedsAuthenticationError (the local Forge host answers like the
 * platform's proxy, `forge-proxy-error: NEEDS_AUTHENTICATION_ERR`). The Jump dialog's and the ticket
 * panel's resolvers must let it through unchanged, so that Jira shows its *Allow access* prompt instead
 * of the app (test/helpers/uiKit.ts models that); after the user allows the app, both work.
 */
import { renderUiKit, type UiKitView } from '../../helpers/uiKit'; // first: installs the fake bridge
import React from 'react';
import { NeedsAuthenticationError } from '@forge/api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { JumpToAssetApp } from '../../../src/frontend/jumpToAsset/JumpToAssetApp';
import { SessionsPanelApp } from '../../../src/frontend/sessionsPanel/SessionsPanelApp';
import { getJumpInfo, JUMP_MODULE } from '../jump/jumpFixture';

const ALEX = DEMO.users.technician;
const PANEL_MODULE = 'pra-sessions-panel';
const SD1 = { issue: { key: 'SD-1', id: '10000' }, project: { key: 'SD' } };

let w: Composition;
let view: UiKitView | undefined;

beforeAll(async () => {
  w = await compose();
  await w.configure();
});
afterAll(() => w.close());
beforeEach(() => {
  w.host.userConsent.revoke(ALEX);
});
afterEach(() => {
  view?.dispose();
  view = undefined;
  w.host.userConsent.grant(ALEX);
});

const getPanel = (accountId: string) =>
  w.host.invokeResolver({ moduleKey: PANEL_MODULE, functionKey: 'getPanel', accountId, extension: SD1 });

/** Jira requests sent as this user from now on (the consent check happens before anything reaches Jira). */
function userCallsSince(accountId: string): () => number {
  const before = w.host.jiraCalls.length;
  return () => w.host.jiraCalls.slice(before).filter((c) => c.principal === `sim-user:${accountId}`).length;
}

describe('resolvers of a user who has not allowed the app', () => {
  it.each([
    ['the Jump dialog (getJumpInfo)', () => getJumpInfo(w, 'SD-1', ALEX)],
    ['the ticket panel (getPanel)', () => getPanel(ALEX)],
  ])('%s throws @forge/api NeedsAuthenticationError unchanged, and logs no failure', async (_name, call) => {
    const userCalls = userCallsSince(ALEX);
    const logsBefore = w.host.logs.length;
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NeedsAuthenticationError);
    expect(error).toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required', status: 401 });
    expect(userCalls()).toBe(0);
    expect(w.host.logs.slice(logsBefore).filter((l) => l.level === 'error')).toEqual([]);
  });

  it('works once the user has allowed the app, as the user', async () => {
    w.host.userConsent.grant(ALEX);
    const userCalls = userCallsSince(ALEX);
    const jump = (await getJumpInfo(w, 'SD-1', ALEX)) as { ok: boolean; info?: { assets: { name: string }[] } };
    expect(jump.ok).toBe(true);
    expect(jump.info?.assets.map((a) => a.name)).toEqual(['WORKSTATION-01']);
    expect(await getPanel(ALEX)).toMatchObject({ ok: true, view: { issueKey: 'SD-1' } });
    expect(userCalls()).toBeGreaterThan(0);
  });

  it('only asks the user who has not allowed it: another user and the app itself are not affected', async () => {
    expect(await getPanel(DEMO.users.admin)).toMatchObject({ ok: true });
    // The configuration page works as the app: an admin without consent still uses it.
    w.host.userConsent.revoke(DEMO.users.admin);
    try {
      expect((await w.configCall('getConfiguration')).ok).toBe(true);
    } finally {
      w.host.userConsent.grant(DEMO.users.admin);
    }
  });
});

describe('what the user sees', () => {
  it('the Jump dialog: the "Allow access" prompt instead of an error, then, once allowed, the Jump link', async () => {
    view = await renderUiKit(<JumpToAssetApp />, { host: w.host, moduleKey: JUMP_MODULE, accountId: ALEX, extension: SD1 });
    expect(view.consentPrompt()).toEqual({ moduleKey: JUMP_MODULE, error: { name: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required', status: 401 } });
    // The app never got an answer: it shows no error of its own (the product shows the prompt).
    expect(view.findAll('SectionMessage')).toHaveLength(0);
    expect(view.findAll('Link')).toHaveLength(0);

    const allowed = await view.allowAccess();
    view.dispose();
    view = allowed;
    expect(w.host.userConsent.has(ALEX)).toBe(true);
    expect(allowed.consentPrompt()).toBeUndefined();
    expect(allowed.texts()).toContain('Jump to WORKSTATION-01');
  });

  it('the ticket panel: the "Allow access" prompt instead of "PRA sessions unavailable", then the panel', async () => {
    view = await renderUiKit(<SessionsPanelApp />, { host: w.host, moduleKey: PANEL_MODULE, accountId: ALEX, extension: SD1 });
    expect(view.consentPrompt()?.moduleKey).toBe(PANEL_MODULE);
    expect(view.texts()).not.toContain('PRA sessions unavailable');

    const allowed = await view.allowAccess();
    view.dispose();
    view = allowed;
    expect(allowed.consentPrompt()).toBeUndefined();
    expect(allowed.texts()).not.toContain('PRA sessions unavailable');
    expect(allowed.findAll('Spinner')).toHaveLength(0);
  });
});

describe('the local Forge host', () => {
  it('keeps consent per user, and needs none when consentRequired is false (simplified user consent)', async () => {
    expect(w.host.userConsent.has(ALEX)).toBe(false);
    expect(w.host.userConsent.has(DEMO.users.admin)).toBe(true);
    expect(w.host.userConsent.list().map((c) => c.accountId)).not.toContain(ALEX);
    const relaxed = await compose({ host: { consentRequired: false } });
    try {
      relaxed.host.userConsent.revoke(ALEX);
      await relaxed.configure();
      expect(((await getJumpInfo(relaxed, 'SD-1', ALEX)) as { ok: boolean }).ok).toBe(true);
    } finally {
      await relaxed.close();
    }
  });
});
