/**
 * The configuration page in headless Chromium, served by the local Forge host against the PRA and Jira
 * simulators (compose()): a fresh installation configured through the form, the client-side and
 * server-side validation messages, the two integration URLs read from the page and used as PRA would,
 * the Activity tab (imports, events not imported, approval decisions; Retry, Import again, Import), the
 * Health tab, and a non-administrator. With UPDATE_SCREENSHOTS=1, screenshots of the three tabs go to docs/screenshots/.
 *
 * Needs the built page: run `npm run build:static` first (CI does). The tests share one page and run in
 * order, each starting where the previous one stopped.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../helpers/eventually';
import type { Browser, Locator, Page } from 'playwright-core';
import { CONFIG_PAGE_MODULE, compose, type Composition } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { launchChromium, skipBrowserTests } from './browser';

const BUILT_PAGE = path.join(__dirname, '../../static/config/build/index.html');
const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots/');
const SESSION_MARKER = 'beyondtrust-pra-session';
/** How long to wait for something to appear on the page (each save checks the connection with PRA). */
const UI_TIMEOUT_MS = 15_000;
const poll = { timeout: UI_TIMEOUT_MS };

(skipBrowserTests ? describe.skip : describe)('the configuration page in a browser', () => {
  let w: Composition;
  let browser: Browser;
  let page: Page;
  /** Resolver functions the pages invoked, in order. */
  const invoked: string[] = [];
  /** Uncaught errors in the pages. */
  const pageErrors: string[] = [];
  let outboundUrl = '';
  let approvalUrl = '';
  /** Sessions imported along the way, by role. */
  const lsids: Record<'first' | 'whileDisabled' | 'unmatched', string> = { first: '', whileDisabled: '', unmatched: '' };

  beforeAll(async () => {
    if (!existsSync(BUILT_PAGE)) {
      throw new Error(`${BUILT_PAGE} is missing: run \`npm run build:static\` before the browser tests`);
    }
    [w, browser] = await Promise.all([compose({ host: { queueDelayScale: 0.001 } }), launchChromium()]);
    w.pra.setKnobs({ outboundRetryIntervalMs: 20 });
    page = await openAs(DEMO.users.admin);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** Opens the page as Jira's Apps > Manage apps would, for the user `accountId`, watching it from the start. */
  async function openAs(accountId: string): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    opened.setDefaultTimeout(UI_TIMEOUT_MS);
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    opened.on('request', (request) => {
      if (request.url().endsWith('/__forge/bridge')) {
        const call = request.postDataJSON() as { cmd?: string; data?: { functionKey?: string } };
        if (call.cmd === 'invoke') invoked.push(String(call.data?.functionKey));
      }
    });
    const query = new URLSearchParams({ moduleKey: CONFIG_PAGE_MODULE, accountId });
    await opened.goto(`${w.hostUrl}/__forge/resources/config-page/?${query}`);
    return opened;
  }

  /** Waits until PRA has delivered its events and the app's import queue is idle. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await w.pra.waitForOutboundIdle(10_000);
      await w.host.queue.idle(20_000);
    }
  }

  /** Creates a session in PRA (linked to `externalKey`) and ends it; PRA sends its outbound event only if `notify`. */
  function endedSession(externalKey: string, jumpItem = 'WORKSTATION-01', notify = false): string {
    const session = w.pra.createSession({ externalKey, jumpItem: { name: jumpItem }, rep: PRA_DEMO.users.alex.username, notify: false });
    w.pra.endSession(session.lsid, { notify });
    return session.lsid;
  }

  /** Posts an outbound event as PRA does: an HTML form body. */
  function postEvent(fields: Record<string, string>): Promise<Response> {
    return fetch(outboundUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async function sessionComments(issueKey: string, lsid: string): Promise<number> {
    const issue = (await (await fetch(`${w.jiraUrl}/__sim/issues/${issueKey}`)).json()) as {
      comments: Array<{ properties?: Array<{ key: string; value: { lsid?: string } }> }>;
    };
    return issue.comments.filter((c) => c.properties?.some((p) => p.key === SESSION_MARKER && p.value.lsid === lsid)).length;
  }

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const table = (name: string) => page.getByRole('table', { name });
  /** The row of a table that shows the session (by its short ID). */
  const rowOf = (tableName: string, lsid: string): Locator => table(tableName).getByRole('row').filter({ hasText: lsid.slice(0, 8) });
  /** The section message (e.g. the validation result) whose heading is `title`. */
  const messageUnder = (title: string) => page.locator('section', { has: heading(title) });

  async function save(): Promise<void> {
    await button('Save').click();
    await eventually(() => button('Save').isEnabled(), poll).toBe(true);
  }

  async function showTab(name: string): Promise<void> {
    await tab(name).click();
    await eventually(() => tab(name).getAttribute('aria-selected'), poll).toBe('true');
  }

  async function refreshActivity(): Promise<void> {
    await button('Refresh').click();
    await eventually(() => button('Refresh').isEnabled(), poll).toBe(true);
    await table('Recent imports').waitFor();
  }

  /** Screenshots for the docs, refreshed only on request (UPDATE_SCREENSHOTS=1), so test runs leave docs/ alone. */
  async function screenshot(name: string): Promise<void> {
    if (!process.env.UPDATE_SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: true, animations: 'disabled' });
  }

  it('a fresh installation: fill in the form, Save, "Configuration Valid" and the two URLs', async () => {
    await heading('BeyondTrust Privileged Remote Access').waitFor();
    await eventually(() => tab('Settings').getAttribute('aria-selected'), poll).toBe('true');
    await page.getByText('Save the configuration to get the Outbound Event URL').waitFor();
    expect(await page.getByLabel('Outbound Event URL').count()).toBe(0);

    await page.getByLabel('Enable Integration').check();
    await page.getByLabel('Host Name').fill(PRA_DEMO.host);
    await page.getByLabel('Client ID').fill(PRA_DEMO.account.clientId);
    await page.getByLabel('Client Secret').fill(PRA_DEMO.account.clientSecret);
    await page.getByLabel('Asset Field Name').fill('Asset Name');
    await save();

    await heading('Configuration Valid').waitFor();
    outboundUrl = await page.getByLabel('Outbound Event URL').inputValue();
    approvalUrl = await page.getByLabel('Endpoint Approval URL').inputValue();
    expect(outboundUrl).toMatch(new RegExp(`^${w.hostUrl}/public/[0-9a-f-]+\\?token=[A-Za-z0-9_-]+$`));
    expect(approvalUrl).toMatch(new RegExp(`^${w.hostUrl}/public/[0-9a-f-]+\\?token=[A-Za-z0-9_-]+$`));
    expect(approvalUrl).not.toBe(outboundUrl);
    expect(await page.getByLabel('Client Secret').getAttribute('placeholder')).toBe('Stored (leave blank to keep)');
  });

  it('refuses a host name with https:// in the page, and saves nothing', async () => {
    const before = invoked.length;
    await page.getByLabel('Host Name').fill(`https://${PRA_DEMO.host}`);
    await button('Save').click();

    await page.getByText('Enter the host name only, without https://').waitFor();
    await heading('Configuration not saved').waitFor();
    expect(await page.getByLabel('Host Name').evaluate((input) => input === document.activeElement)).toBe(true);
    expect(invoked.slice(before)).toEqual([]);
    const stored = await w.configCall('getConfiguration');
    expect(stored.view.settings.hostName).toBe(PRA_DEMO.host);

    await page.getByLabel('Host Name').fill(PRA_DEMO.host);
    await eventually(() => page.getByText('Enter the host name only, without https://').count(), poll).toBe(0);
  });

  it('reports a wrong client secret as "Configuration Invalid: Invalid client …", then valid again', async () => {
    await page.getByLabel('Client Secret').fill('not-the-secret');
    await save();
    await heading('Configuration Invalid').waitFor();
    expect(await messageUnder('Configuration Invalid').locator('p').first().textContent()).toMatch(/^Invalid client/);

    await page.getByLabel('Client Secret').fill(PRA_DEMO.account.clientSecret);
    await save();
    await heading('Configuration Valid').waitFor();
    expect(await messageUnder('Configuration Valid').locator('p').first().textContent()).toMatch(
      /^Connected to pra\.example\.com \(API 1\.25\.0\)/,
    );
    // saving again keeps the URLs: what PRA was given still works
    expect(await page.getByLabel('Outbound Event URL').inputValue()).toBe(outboundUrl);
    expect(await page.getByLabel('Endpoint Approval URL').inputValue()).toBe(approvalUrl);
    await screenshot('config-settings.png');
  });

  it('the Outbound Event URL from the page imports a session; Activity lists it done with its ticket', async () => {
    lsids.first = endedSession('SD-1');
    const reply = await postEvent({ event: 'support_conference_end', version: '3', lsid: lsids.first, external_key: 'SD-1' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'queued' });
    // an event the app does not import, and a session whose ticket does not exist
    expect((await postEvent({ event: 'support_conference_member_added', lsid: lsids.first })).status).toBe(200);
    lsids.unmatched = endedSession('SD-404', 'WEB01');
    expect((await postEvent({ event: 'support_conference_end', lsid: lsids.unmatched, external_key: 'SD-404' })).status).toBe(200);
    await settle();

    await showTab('Activity');
    const imported = rowOf('Recent imports', lsids.first);
    await imported.waitFor();
    expect(await imported.textContent()).toMatch(/SD-1.*WORKSTATION-01.*done.*1 comment/);
    expect(await imported.getByTitle(lsids.first).count()).toBe(1);
    expect(await imported.textContent()).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    const ignored = table('Events not imported').getByRole('row').filter({ hasText: 'support_conference_member_added' });
    expect(await ignored.textContent()).toMatch(/ignored.*is not imported: only Access Session End/);
    expect(await ignored.getByRole('button').count()).toBe(0);
    expect(await rowOf('Recent imports', lsids.unmatched).textContent()).toMatch(/SD-404.*unmatched.*Ticket SD-404 was not found/);
  });

  it('Retry queues an unmatched import again and says so next to the table', async () => {
    await page.getByRole('button', { name: `Retry session ${lsids.unmatched.slice(0, 8)}` }).click();
    await page.getByText(`Session ${lsids.unmatched} is queued for import again.`).waitFor();
    await settle();
    await refreshActivity();
    expect(await rowOf('Recent imports', lsids.unmatched).textContent()).toMatch(/unmatched/);
  });

  it('Import again asks first, then replaces the set of comments (no duplicate)', async () => {
    const short = lsids.first.slice(0, 8);
    await page.getByRole('button', { name: `Import again session ${short}` }).click();
    await heading(`Import session ${short} again?`).waitFor();
    await button('Cancel').click();
    expect(await heading(`Import session ${short} again?`).count()).toBe(0);
    expect(await sessionComments('SD-1', lsids.first)).toBe(1);

    await page.getByRole('button', { name: `Import again session ${short}` }).click();
    await button('Yes, import again').click();
    await page.getByText(`Session ${lsids.first} is queued for import.`).waitFor();
    await settle();
    await refreshActivity();
    expect(await rowOf('Recent imports', lsids.first).textContent()).toMatch(/done.*Requested by Morgan Lee \(administrator\)\./);
    // the new set replaced the earlier one (test/integration/import/reimport.test.ts covers every interruption)
    expect(await sessionComments('SD-1', lsids.first)).toBe(1);
  });

  it('a session end ignored while the integration was off can be imported from "Events not imported"', async () => {
    // PRA itself delivers the event, to the URL read from the page
    w.pra.addRecipient({ id: 'jira', name: 'Jira Session End', url: outboundUrl, events: ['support_conference_end'] });
    await showTab('Settings');
    await page.getByLabel('Enable Integration').uncheck();
    await save();
    lsids.whileDisabled = endedSession('SD-2', 'WEB01', true);
    await settle();
    await page.getByLabel('Enable Integration').check();
    await save();
    await heading('Configuration Valid').waitFor();

    await showTab('Activity');
    await refreshActivity();
    const event = rowOf('Events not imported', lsids.whileDisabled);
    expect(await event.textContent()).toMatch(/ignored.*support_conference_end.*SD-2.*The integration is disabled/);
    expect(await rowOf('Recent imports', lsids.whileDisabled).count()).toBe(0);

    await event.getByRole('button', { name: `Import session ${lsids.whileDisabled.slice(0, 8)}` }).click();
    await page.getByText(`Session ${lsids.whileDisabled} is queued for import.`).waitFor();
    await settle();
    await refreshActivity();
    expect(await rowOf('Recent imports', lsids.whileDisabled).textContent()).toMatch(/SD-2.*WEB01.*done/);
    // imported now: no Import button any more
    expect(await rowOf('Events not imported', lsids.whileDisabled).getByRole('button').count()).toBe(0);
    expect(await sessionComments('SD-2', lsids.whileDisabled)).toBe(1);
  });

  it('the Endpoint Approval URL from the page decides; Activity lists the decisions', async () => {
    w.pra.configureTicketSystem({ url: approvalUrl });
    const approved = await w.pra.sendTicketRequest({ ticketId: 'SD-1', user: PRA_DEMO.users.alex.username, jumpItem: { name: 'WORKSTATION-01' } });
    const denied = await w.pra.sendTicketRequest({ ticketId: 'SD-3', user: PRA_DEMO.users.alex.username, jumpItem: { name: 'DB-SERVER-02' } });
    expect(approved.allowed).toBe(true);
    expect(denied.allowed).toBe(false);

    await refreshActivity();
    const decisions = table('Recent approval decisions');
    const approvedRow = decisions.getByRole('row').filter({ hasText: 'SD-1' });
    const deniedRow = decisions.getByRole('row').filter({ hasText: 'SD-3' });
    expect(await approvedRow.textContent()).toMatch(/Alex Rivera.*WORKSTATION-01.*approved/);
    expect(await deniedRow.textContent()).toMatch(/DB-SERVER-02.*denied.*is not assigned to anyone/);
    await screenshot('config-activity.png');
  });

  it('Health shows no problem with PRA, its API version, and the Jira permissions granted', async () => {
    await showTab('Health');
    await heading('No problems found').waitFor();
    const summary = page.locator('dl');
    expect(await summary.textContent()).toMatch(/PRA appliance\s*reachable.*API version: 1\.25\.0.*Token valid/);
    expect(await summary.textContent()).toMatch(/Last outbound event\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC: support_conference_end/);
    expect(await summary.textContent()).toMatch(/Imports waiting \/ failed\s*0 waiting, 0 failed/);
    expect(await summary.textContent()).not.toMatch(/missing/);

    const checks = invoked.filter((name) => name === 'getHealth').length;
    await button('Check again').click();
    await eventually(() => invoked.filter((name) => name === 'getHealth').length, poll).toBe(checks + 1);
    await heading('No problems found').waitFor();
    await screenshot('config-health.png');
  });

  it('Health warns when PRA refuses the app, and offers "Try again" when the check itself fails', async () => {
    w.pra.setKnobs({ xmlApiEnabled: false });
    try {
      await button('Check again').click();
      // the warning, before the summary that says the same under "PRA appliance"
      await page.getByRole('paragraph').filter({ hasText: /^XML API disabled: / }).waitFor();
      expect(await heading('No problems found').count()).toBe(0);
      expect(await page.locator('dl').textContent()).toMatch(/PRA appliance\s*problem/);
    } finally {
      w.pra.setKnobs({ xmlApiEnabled: true });
    }

    w.jira.addFault({ path: '^/rest/api/3/mypermissions', status: 500, count: 20 });
    try {
      await button('Check again').click();
      await heading('Could not load the integration health').waitFor();
    } finally {
      w.jira.clearFaults();
    }
    await button('Try again').click();
    await heading('No problems found').waitFor();
  });

  it('reports a missing Assets role for an Assets asset field: "Configuration Invalid" and a line on Health', async () => {
    const step = 'In Jira Assets, give the app "BeyondTrust Privileged Remote Access" an Assets role that can view objects (for example Users) on the object schemas that hold your assets.';
    w.jira.setAppAssetsRole({ role: null });
    const admin = await openAs(DEMO.users.admin);
    try {
      await w.configure({ assetFieldName: 'Assets' });
      await admin.reload();
      const invalid = admin.locator('section', { has: admin.getByRole('heading', { name: 'Configuration Invalid', exact: true }) });
      await invalid.waitFor();
      expect(await invalid.locator('p').first().textContent()).toBe(
        `Missing Assets role: the app cannot read Jira Assets, so endpoint approval denies every Jump on a ticket whose asset is in an Assets field. ${step}`,
      );
      await admin.getByRole('tab', { name: 'Health', exact: true }).click();
      const summary = admin.locator('dl');
      await summary.getByText('Jira Assets (as the app)', { exact: true }).waitFor();
      expect(await summary.textContent()).toContain('Jira Assets (as the app)✗No: Missing Assets role: the app cannot read Jira Assets');
      await admin.getByRole('paragraph').filter({ hasText: /^Missing Assets role: / }).first().waitFor();
      expect(await admin.getByRole('heading', { name: 'No problems found', exact: true }).count()).toBe(0);
    } finally {
      await admin.close();
      w.jira.setAppAssetsRole({ role: 'Users' });
      await w.configure();
    }
  });

  it('shows a non-administrator only "Jira administrators only", with no form and no tabs', async () => {
    const technician = await openAs(DEMO.users.technician);
    try {
      await technician.getByRole('heading', { name: 'Jira administrators only' }).waitFor();
      expect(await technician.getByText('Only Jira administrators can view or change').count()).toBe(1);
      expect(await technician.getByRole('form').count()).toBe(0);
      expect(await technician.getByRole('tab').count()).toBe(0);
      expect(await technician.getByLabel('Host Name').count()).toBe(0);
    } finally {
      await technician.close();
    }
  });
});
