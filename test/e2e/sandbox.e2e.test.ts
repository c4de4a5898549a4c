/**
 * The sandbox in headless Chromium, as a newcomer uses it after `npm start`: the console built with Vite
 * (into a temporary folder), a fresh in-memory sandbox on a free port. A technician opens SD-1, runs
 * "Jump to Asset with BeyondTrust PRA" (the app's UI Kit module through the real @forge/react reconciler),
 * follows the Jump link into the PRA access console, works in the session and ends it, and sees the
 * imported comment and attachment on the ticket; the Jira admin saves the configuration page; a PRA user
 * gets the denial for a ticket assigned to someone else. With UPDATE_SCREENSHOTS=1 the pages are saved
 * to docs/screenshots/sandbox-*.png.
 *
 * Needs the configuration page's build (`npm run build:static`, which `npm test` runs first).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../helpers/eventually';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { skipBrowserTests } from './browser';
import { openSandboxInBrowser, type SandboxInBrowser } from './sandboxInBrowser';

const SCREENSHOTS = path.join(__dirname, '../../docs/screenshots/');
const UI_TIMEOUT_MS = 20_000;
const SESSION_MARKER = 'beyondtrust-pra-session';

(skipBrowserTests ? describe.skip : describe)('the sandbox in a browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext;
  let opened: SandboxInBrowser | undefined;
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    opened = await openSandboxInBrowser({ width: 1400, timeoutMs: UI_TIMEOUT_MS, pageErrors });
    ({ sandbox, browser, context } = opened);
    context.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  async function open(pathAndQuery: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}${pathAndQuery}`);
    return page;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!process.env.UPDATE_SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `sandbox-${name}.png`), fullPage: true });
  }

  it('the home page lists the seeded tickets and what each one shows', async () => {
    const home = await open('/');
    const tickets = home.getByRole('region', { name: 'Tickets' });
    await tickets.getByRole('link', { name: 'OPS-1' }).waitFor();
    expect(await tickets.getByRole('row').count()).toBe(1 + 11);
    // The change tickets show their planned windows (issue 15).
    expect(await tickets.getByRole('row').filter({ hasText: 'CHG-2' }).textContent()).toMatch(/Change window: \d{4}-\d{2}-\d{2} 22:00 – \d{4}-\d{2}-\d{2} 23:00 UTC/);
    await eventually(() => home.getByRole('region', { name: 'Integration URLs' }).textContent()).toContain(`${sandbox.url}/forge/public/`);
    await screenshot(home, 'home');
    await home.close();
  });

  it('a technician jumps from SD-1, works in the PRA console, ends the session and sees it imported on the ticket', async () => {
    const issuePage = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    await eventually(() => issuePage.locator('h1').textContent()).toBe('Workstation cannot reach the file share');
    await issuePage.getByRole('button', { name: 'More actions' }).click();
    await issuePage.getByRole('menuitem', { name: 'Jump to Asset with BeyondTrust PRA' }).click();
    const dialog: FrameLocator = issuePage.frameLocator('iframe[title="Jump to Asset with BeyondTrust PRA"]');
    const jumpLink = dialog.getByRole('link', { name: 'Jump to WORKSTATION-01' });
    await jumpLink.waitFor();
    await eventually(() => dialog.getByText('The session is linked to SD-1: when it ends, its details are added to this ticket.').count()).toBe(1);
    expect(await jumpLink.getAttribute('href')).toBe(
      '/pra/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=SD-1',
    );
    expect(await jumpLink.getAttribute('target')).toBe('_blank');
    await screenshot(issuePage, 'jump-dialog');

    const [console] = await Promise.all([context.waitForEvent('page'), jumpLink.click()]);
    await console.waitForLoadState();
    expect(new URL(console.url()).pathname + new URL(console.url()).search).toMatch(/^\/pra\/console\?jump=csr-\d+$/);
    const request = console.getByRole('region', { name: 'Jump request' });
    await eventually(() => request.textContent()).toContain('SD-1');
    await request.getByRole('button', { name: 'Start session on WORKSTATION-01 as arivera' }).click();
    await console.getByText('Session active').waitFor();

    await console.getByLabel('Chat message', { exact: true }).fill('Re-mapping the file share now');
    await console.getByRole('button', { name: 'Send' }).click();
    await console.getByRole('list', { name: 'Chat messages' }).getByText('Re-mapping the file share now').waitFor();
    await console.getByLabel('File name').fill('C:\\Temp\\remap-share.ps1');
    await console.getByRole('button', { name: 'Transfer file' }).click();
    await console.getByRole('cell', { name: 'C:\\Temp\\remap-share.ps1 (12288 bytes)' }).waitFor();
    await console.getByLabel('Session note').fill('Share re-mapped; the user confirmed access');
    await console.getByRole('button', { name: 'Add note' }).click();
    await console.getByRole('cell', { name: 'Share re-mapped; the user confirmed access' }).waitFor();
    await screenshot(console, 'pra-session');
    await console.getByRole('button', { name: 'End session' }).click();
    await console.getByText('Session ended').waitFor();
    await console.getByText(/Access Session End → delivered \(HTTP 200\)/).waitFor();
    const lsid = /session ([0-9a-f]{32})/.exec((await console.locator('.pra-session-header').textContent()) ?? '')?.[1];
    expect(lsid).toMatch(/^[0-9a-f]{32}$/);

    // Back on the ticket: the issue view refreshes by itself.
    await issuePage.bringToFront();
    await issuePage.getByRole('button', { name: 'Close dialog' }).click();
    const activity = issuePage.getByRole('region', { name: 'Activity' });
    await activity.getByText('BeyondTrust PRA session: WORKSTATION-01').waitFor();
    for (const text of ['Re-mapping the file share now', 'C:\\Temp\\remap-share.ps1', 'Share re-mapped; the user confirmed access', lsid!]) {
      await eventually(() => activity.getByText(text, { exact: false }).count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    }
    const attachment = issuePage.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: `pra-session-${lsid}-recording.mp4` });
    await attachment.waitFor();
    const download = await issuePage.request.get(`${sandbox.url}${await attachment.getAttribute('href')}`);
    expect((await download.body()).length).toBe(256 * 1024);
    // The app's issue-context panel (UI Kit) lists the imported session.
    const panel = issuePage.frameLocator('iframe[title="BeyondTrust PRA"]');
    await panel.getByText('Imported').waitFor();
    await screenshot(issuePage, 'issue-imported');

    // What the page shows is what Jira holds.
    const comments = sandbox.world().jira.getIssue('SD-1').comments.filter((c) => c.properties.some((p) => p.key === SESSION_MARKER && (p.value as { lsid?: string }).lsid === lsid));
    expect(comments).toHaveLength(1);
    await Promise.all([issuePage.close(), console.close()]);
  });

  it('a user who has not allowed the app sees "Allow access" in the Jump dialog and the panel, then the app', async () => {
    const casey = DEMO.users.technician2; // seeded without consent (sandbox/server/demoSetup.ts)
    expect(sandbox.world().host.userConsent.has(casey)).toBe(false);
    const page = await open(`/browse/SD-8?as=${casey}`);
    const panel = page.frameLocator('iframe[title="BeyondTrust PRA"]');
    await panel.getByRole('region', { name: 'Allow access' }).waitFor();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Jump to Asset with BeyondTrust PRA' }).click();
    const dialog = page.frameLocator('iframe[title="Jump to Asset with BeyondTrust PRA"]');
    const prompt = dialog.getByRole('region', { name: 'Allow access' });
    await prompt.getByText('This app needs your permission to access Jira on your behalf.', { exact: false }).waitFor();
    expect(await prompt.getByText('read:jira-work', { exact: true }).count()).toBe(1);
    // The app itself shows nothing: no error of its own while Jira asks for access.
    expect(await dialog.getByText('could not be loaded', { exact: false }).count()).toBe(0);
    await screenshot(page, 'allow-access');

    await prompt.getByRole('button', { name: 'Allow access' }).click();
    await dialog.getByRole('link', { name: 'Jump to WORKSTATION-01' }).waitFor();
    expect(sandbox.world().host.userConsent.has(casey)).toBe(true);
    await page.getByRole('button', { name: 'Close dialog' }).click();
    // The panel asks until it is loaded again; then it shows the ticket's PRA data.
    await page.reload();
    await page.frameLocator('iframe[title="BeyondTrust PRA"]').getByText('PRA sessions', { exact: true }).waitFor();
    await page.close();
  });

  it('the Jira admin saves the configuration page, and a technician may not', async () => {
    const page = await open(`/admin?as=${DEMO.users.admin}`);
    const config = page.frameLocator('iframe[title="BeyondTrust Privileged Remote Access"]');
    const commentToggle = config.getByRole('checkbox', { name: 'Add a comment to the ticket for each approval decision' });
    await commentToggle.waitFor();
    expect(await commentToggle.isChecked()).toBe(false);
    await commentToggle.check({ force: true });
    await config.getByRole('button', { name: 'Save' }).click();
    await config.getByText('Configuration Valid').waitFor();
    const saved = (await sandbox.world().host.invokeResolver({ moduleKey: 'pra-config-page', functionKey: 'getConfiguration', accountId: DEMO.users.admin })) as {
      view: { settings: { commentOnApproval: boolean } };
    };
    expect(saved.view.settings.commentOnApproval).toBe(true);
    await screenshot(page, 'config-page');
    await page.close();

    const technician = await open(`/admin?as=${DEMO.users.technician}`);
    await technician.frameLocator('iframe[title="BeyondTrust Privileged Remote Access"]').getByText('Jira administrators only').waitFor();
    await technician.close();
  });

  it('a PRA user who enters a ticket assigned to someone else sees the denial', async () => {
    const page = await open('/pra/console?as=arivera');
    const panel = page.getByRole('region', { name: 'Enter ticket ID' });
    await panel.getByLabel('Jump Item for the ticket').selectOption({ label: 'WEB01' });
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-2');
    await panel.getByRole('button', { name: 'Submit' }).click();
    const denial = panel.getByRole('alert');
    await denial.waitFor();
    expect(await denial.textContent()).toBe('Access denied. The user that initiated the PRA session does not match the assignee of ticket [SD-2].');
    const decision = sandbox.world().pra.ticketLog().at(-1);
    expect(decision).toMatchObject({ ticketId: 'SD-2', username: 'arivera', outcome: { allowed: false } });

    // A Jump Item whose Jump Policy requires a ticket asks for one before any session.
    await page.getByRole('button', { name: 'Jump to DB-SERVER-02' }).click();
    const prompt = page.getByRole('form', { name: 'Ticket ID for DB-SERVER-02' });
    await prompt.getByLabel('Ticket ID', { exact: true }).fill('SD-3');
    await prompt.getByRole('button', { name: 'Submit' }).click();
    await prompt.getByText('The specified ticket, [SD-3], is not assigned to anyone.').waitFor();
    await screenshot(page, 'pra-console');
    await page.close();

    // PRA /login shows the decisions the ticket system made.
    const login = await open('/pra/login');
    const policies = login.getByRole('region', { name: 'Jump Policies' });
    await policies.getByText('Denied: The user that initiated the PRA session does not match the assignee of ticket [SD-2].').waitFor();
    await screenshot(login, 'pra-login');
    // The admin can paste another Ticket System URL there (after Regenerate on the configuration page).
    const appUrl = (await sandbox.urls())!.endpointApprovalUrl;
    await policies.getByRole('button', { name: 'Edit Ticket System URL' }).click();
    const field = policies.getByLabel('Ticket System URL', { exact: true });
    expect(await field.inputValue()).toBe(appUrl);
    await field.fill(`${sandbox.url}/forge/public/not-the-app`);
    await policies.getByRole('button', { name: 'Save' }).click();
    await policies.getByRole('button', { name: 'Edit Ticket System URL' }).waitFor();
    expect(sandbox.world().pra.state.ticketSystem.url).toBe(`${sandbox.url}/forge/public/not-the-app`);
    sandbox.world().pra.configureTicketSystem({ url: appUrl });
    await login.close();
  });
});
