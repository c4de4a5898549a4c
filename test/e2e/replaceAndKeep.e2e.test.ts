/**
 * Issue 14, items 1–3, as people use them in headless Chromium against a fresh sandbox:
 *  - the assignee re-imports a session from the ticket's panel: asked first, listed as a re-import while
 *    it runs, and the ticket ends with one set of the app's comments and files (no duplicate), while the
 *    admin's Activity names who asked;
 *  - the admin saves a wrong client secret (the working one stays in use, and the page says which), then
 *    a host with https:// (the older failure is cleared), then a wrong asset field (advice for that
 *    cause only), then the right secret; the activity tables keep "WORKSTATION-01" on one line at 1280 px;
 *  - the Jump dialog with PRA unreachable says PRA could not be asked and still offers the primary Jump
 *    button; the no-asset dialog closes with Close.
 *
 * Needs the configuration page's build (`npm run build:static`, which `npm test` runs first).
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { skipBrowserTests } from './browser';
import { openSandboxInBrowser, type SandboxInBrowser } from './sandboxInBrowser';

const UI_TIMEOUT_MS = 20_000;
const SESSION_MARKER = 'beyondtrust-pra-session';
const CONFIG_FRAME = 'iframe[title="BeyondTrust Privileged Remote Access"]';

/** Waits until `read` returns something `accept` takes (the browser updates by itself). */
async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** Lines the text of an element is laid out on (distinct tops of its text's boxes). */
async function renderedLines(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

(skipBrowserTests ? describe.skip : describe)('re-import, the configuration page and the Jump dialog in a browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext;
  let opened: SandboxInBrowser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openSandboxInBrowser({ width: 1280, timeoutMs: UI_TIMEOUT_MS, pageErrors });
    ({ sandbox, browser, context } = opened);
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function open(pathAndQuery: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}${pathAndQuery}`);
    return page;
  }

  /** The app's comments and files for a session on SD-1, as Jira holds them. */
  function sd1Writes(lsid: string) {
    const issue = sandbox.world().jira.getIssue('SD-1');
    const comments = issue.comments.filter((c) => c.properties.some((p) => p.key === SESSION_MARKER && (p.value as { lsid?: string }).lsid === lsid));
    const generations = [...new Set(comments.map((c) => (c.properties.find((p) => p.key === SESSION_MARKER)!.value as { generation: number }).generation))];
    const files = issue.attachments.filter((a) => a.filename.startsWith(`pra-session-${lsid}-`));
    return { comments: comments.map((c) => c.id), generations, files: files.map((f) => `${f.id}:${f.filename}`) };
  }

  it('the assignee re-imports a session from the panel: asked first, listed meanwhile, replaced without a duplicate', async () => {
    const world = sandbox.world();
    const session = world.pra.createSession({ externalKey: 'SD-1', rep: PRA_DEMO.users.alex.username, jumpItem: { name: 'WORKSTATION-01' }, recording: { size: 4096, container: 'mp4' }, notify: false });
    world.pra.endSession(session.lsid);
    const first = await until(async () => sd1Writes(session.lsid), (s) => s.comments.length === 1 && s.files.length === 1, 'the first import');
    expect(first.files[0]).toMatch(new RegExp(`:pra-session-${session.lsid}-recording\\.mp4$`));

    const page = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    const panel: FrameLocator = page.frameLocator('iframe[title="BeyondTrust PRA"]');
    await panel.getByRole('button', { name: 'Re-import' }).first().waitFor();
    // the newest session is listed first
    await panel.getByRole('button', { name: 'Re-import' }).first().click();
    await panel.getByText('Re-import the session on WORKSTATION-01?').waitFor();
    await panel.getByText(/Once the new ones are all on the ticket, it deletes the comments and files it wrote for this session before\. Comments and files written by people are kept\./).waitFor();
    // nothing happens until confirmed
    expect(sd1Writes(session.lsid)).toEqual(first);

    world.pra.faults.add({ path: '/api/reporting', delayMs: 2500, count: 1 }); // the import takes a moment: see the panel meanwhile
    await panel.getByRole('button', { name: 'Re-import and replace' }).click();
    await panel.getByText(`Session ${session.lsid} is queued for import.`, { exact: false }).waitFor();
    await panel.getByText(/^Re-import(ing| queued)$/).waitFor();
    await panel.getByText('Requested by Alex Rivera (assignee).').waitFor();
    expect(await panel.getByText('No BeyondTrust PRA session has been imported to this ticket yet.').count()).toBe(0);

    const replaced = await until(async () => sd1Writes(session.lsid), (s) => s.generations.join() === '2' && s.files.length === 1, 'the re-import to replace the first set');
    expect(replaced.comments).toHaveLength(1);
    expect(replaced.comments[0]).not.toBe(first.comments[0]);
    expect(replaced.files[0]).not.toBe(first.files[0]);

    // the admin's Activity names who asked
    const admin = await open(`/admin?as=${DEMO.users.admin}`);
    const config = admin.frameLocator(CONFIG_FRAME);
    await config.getByRole('tab', { name: 'Activity' }).click();
    const imports = config.getByRole('table', { name: 'Recent imports' });
    await imports.getByText('Requested by Alex Rivera (assignee).', { exact: false }).first().waitFor();
    expect(await imports.getByText('Requested by an administrator.', { exact: false }).count()).toBe(0);
    // at 1280 px the page has Jira's width, and a Jump Item stays on one line
    const jumpItem = imports.getByRole('cell', { name: 'WORKSTATION-01', exact: true }).first().locator('span').first();
    expect(await renderedLines(jumpItem)).toBe(1);
    const frameWidth = await admin.locator(CONFIG_FRAME).evaluate((frame) => frame.getBoundingClientRect().width);
    expect(frameWidth).toBeGreaterThan(1100);
    await Promise.all([page.close(), admin.close()]);
  });

  it('the admin saves invalid settings: the working secret stays in use, stale results are cleared, advice fits the cause', async () => {
    const page = await open(`/admin?as=${DEMO.users.admin}`);
    const config = page.frameLocator(CONFIG_FRAME);
    const status = config.getByRole('status', { name: 'Result of the last save or test' });
    const secret = config.getByLabel('Client Secret');
    await secret.waitFor();

    // a wrong secret: invalid, but the last working connection stays in use, and the page says which
    await secret.fill('not-the-secret \\ "quoted" 🔑');
    await config.getByRole('button', { name: 'Save' }).click();
    await status.getByText('Configuration Invalid').waitFor();
    await status.getByText('Result of this save').waitFor();
    await status.getByText(/Check that the Client ID and Client Secret match the OAuth API account/).waitFor();
    const notice = config.getByRole('heading', { name: 'The last working connection is still in use' });
    await notice.waitFor();
    await config.getByText(/keeps using the connection that last did: Host Name pra\.example\.com, Client ID/).waitFor();

    // a session that ends now still imports, with the working secret
    const world = sandbox.world();
    const session = world.pra.createSession({ externalKey: 'SD-2', rep: PRA_DEMO.users.sam.username, notify: false });
    world.pra.endSession(session.lsid);
    await until(
      async () => world.jira.getIssue('SD-2').comments.filter((c) => c.properties.some((p) => p.key === SESSION_MARKER && (p.value as { lsid?: string }).lsid === session.lsid)).length,
      (n) => n === 1,
      'the session to import with the working secret',
    );

    // a host typed with https://: a field error, and the older failure no longer shown beside it
    const host = config.getByLabel('Host Name');
    await host.fill('https://pra.example.com');
    await config.getByRole('button', { name: 'Save' }).click();
    await config.getByText('Configuration not saved').waitFor();
    expect(await status.getByText('Configuration Invalid').count()).toBe(0);
    expect(await status.textContent()).toBe('');

    // the right secret but a wrong asset field: advice for the asset field only; the connection works again
    await host.fill('pra.example.com');
    await config.getByLabel('Client Secret').fill(PRA_DEMO.account.clientSecret);
    await config.getByLabel('Asset Field Name').fill('Asset Nmae');
    await config.getByRole('button', { name: 'Save' }).click();
    await status.getByText(/Asset field not found: Jira has no field named "Asset Nmae"/).waitFor();
    await status.getByText(/Enter the Asset Field Name exactly as Jira shows the field/).waitFor();
    expect(await status.getByText(/Client ID and Client Secret/).count()).toBe(0);
    expect(await notice.count()).toBe(0);

    // the right field: valid
    await config.getByLabel('Asset Field Name').fill('Asset Name');
    await config.getByRole('button', { name: 'Save' }).click();
    await status.getByText('Configuration Valid').waitFor();
    await page.close();
  });

  it('the Jump dialog says PRA could not be asked, keeps the primary Jump button, and the no-asset dialog closes', async () => {
    const world = sandbox.world();
    world.pra.faults.add({ path: '/api/config', destroy: true });
    try {
      const page = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Jump to Asset with BeyondTrust PRA' }).click();
      const dialog = page.frameLocator('iframe[title="Jump to Asset with BeyondTrust PRA"]');
      const jump = dialog.getByRole('link', { name: 'Jump to WORKSTATION-01' });
      await jump.waitFor();
      await dialog.getByText('PRA could not be asked about Jump Items').waitFor();
      await dialog.getByText(/The Jump link still works: PRA looks for the asset when you jump\./).waitFor();
      expect(await jump.getAttribute('class')).toContain('uk-button-primary');
      expect(await jump.getAttribute('target')).toBe('_blank');
      await page.close();
    } finally {
      world.pra.faults.clear();
    }

    const page = await open(`/browse/SD-7?as=${DEMO.users.technician}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Jump to Asset with BeyondTrust PRA' }).click();
    const frame = page.locator('iframe[title="Jump to Asset with BeyondTrust PRA"]');
    const dialog = page.frameLocator('iframe[title="Jump to Asset with BeyondTrust PRA"]');
    await dialog.getByText('No asset on this ticket').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await until(() => frame.count(), (n) => n === 0, 'the dialog to close');
    await page.close();
  });
});
