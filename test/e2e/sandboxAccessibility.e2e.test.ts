/**
 * The sandbox as a new user meets it, in headless Chromium: axe-core finds no serious or critical
 * accessibility problem on the main pages (every frame checked, the app's included); the Jump dialog and
 * the "•••" menu work from the keyboard; text and buttons reach 4.5:1 contrast; at 800 px nothing is cut
 * off; the PRA console withdraws *Start session* after a denial; *Run reconcile-sessions now* says what
 * the pass did.
 *
 * Needs the configuration page's build (`npm run build:static`, which `npm test` runs first).
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { skipBrowserTests } from './browser';
import { openSandboxInBrowser, type SandboxInBrowser } from './sandboxInBrowser';

const AXE_SCRIPT = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');
const UI_TIMEOUT_MS = 20_000;
const JUMP_DIALOG = 'Jump to Asset with BeyondTrust PRA';

interface Violation {
  frame: string;
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core in every frame of the page (the app's frames are documents of their own). */
async function seriousViolations(page: Page): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const frame of page.frames()) {
    await frame.addScriptTag({ path: AXE_SCRIPT });
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
      const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
    });
    found.push(...violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ frame: frame.url(), ...v })));
  }
  return found;
}

/** The WCAG contrast ratio of an element's text colour on its (opaque) background, the nearest one set. */
async function contrastOf(frame: Page | Frame, selector: string): Promise<number> {
  return frame.locator(selector).first().evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    let node: Element | null = el;
    let background = 'rgba(0, 0, 0, 0)';
    while (node && (rgb(background)[3] ?? 1) === 0) {
      background = getComputedStyle(node).backgroundColor;
      node = node.parentElement;
    }
    if ((rgb(background)[3] ?? 1) === 0) background = 'rgb(255, 255, 255)';
    const luminance = (css: string) => {
      const [r, g, b] = rgb(css).slice(0, 3).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [a, b] = [luminance(getComputedStyle(el).color), luminance(background)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What has the keyboard focus: the element's text or label, and whether it sits in the open dialog. */
function focused(page: Page): Promise<{ label: string; role: string | null; inDialog: boolean; tag: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      role: el?.getAttribute('role') ?? null,
      inDialog: !!el?.closest('[role="dialog"]'),
      tag: el?.tagName.toLowerCase() ?? '',
    };
  });
}

(skipBrowserTests ? describe.skip : describe)('the sandbox for a new user: accessibility, keyboard, narrow windows', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let context: BrowserContext;
  let opened: SandboxInBrowser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openSandboxInBrowser({ width: 1400, timeoutMs: UI_TIMEOUT_MS, pageErrors });
    ({ sandbox, browser, context } = opened);
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function open(pathAndQuery: string, on: BrowserContext = context): Promise<Page> {
    const page = await on.newPage();
    await page.goto(`${sandbox.url}${pathAndQuery}`);
    return page;
  }

  async function openJumpDialog(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: JUMP_DIALOG }).click();
    await page.frameLocator(`iframe[title="${JUMP_DIALOG}"]`).getByRole('link', { name: 'Jump to WORKSTATION-01' }).waitFor();
  }

  it('has no serious or critical axe-core violations on home, the issue with the Jump dialog open, the admin page and the PRA console', async () => {
    const home = await open('/');
    await home.getByRole('region', { name: 'Tickets' }).getByRole('link', { name: 'OPS-1' }).waitFor();
    const issue = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    await openJumpDialog(issue);
    await issue.frameLocator('iframe[title="BeyondTrust PRA"]').getByText('PRA sessions').waitFor();
    const admin = await open(`/admin?as=${DEMO.users.admin}`);
    await admin.frameLocator('iframe[title="BeyondTrust Privileged Remote Access"]').getByRole('button', { name: 'Save' }).waitFor();
    const pra = await open('/pra/console?as=arivera');
    await pra.getByRole('region', { name: 'Jump Items' }).getByRole('button', { name: 'Jump to WEB01' }).waitFor();
    const login = await open('/pra/login');
    await login.getByRole('region', { name: 'Jump Policies' }).waitFor();
    // The console's other states: a Jump request from a link (its orange Start session button), a session.
    const jumpAnswer = await fetch(`${sandbox.url}/pra/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WEB01`, { redirect: 'manual' });
    const jump = await open(jumpAnswer.headers.get('location')!);
    await jump.getByRole('button', { name: 'Start session on WEB01 as arivera' }).waitFor();
    const active = sandbox.world().pra.createSession({ jumpItem: { name: 'WEB01' }, rep: 'arivera', externalKey: 'SD-2' });
    const session = await open(`/pra/console?session=${active.lsid}`);
    await session.getByRole('button', { name: 'End session' }).waitFor();

    for (const page of [home, issue, admin, pra, login, jump, session]) {
      expect([page.url(), await seriousViolations(page)]).toEqual([page.url(), []]);
    }
    expect(issue.frames().map((f) => f.url()).filter((u) => u.includes('/uikit.html'))).toHaveLength(2);
    expect(admin.frames().some((f) => f.url().includes('/forge/__forge/resources/'))).toBe(true);
    sandbox.world().pra.endSession(active.lsid);
    await Promise.all([home, issue, admin, pra, login, jump, session].map((p) => p.close()));
  });

  it('gives text and buttons at least 4.5:1: the orange PRA buttons, the SANDBOX badges, links in text, the breadcrumb', async () => {
    const pra = await open('/pra/console?as=arivera');
    const panel = pra.getByRole('region', { name: 'Enter ticket ID' });
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-1');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await panel.getByRole('button', { name: 'Start session on WORKSTATION-01' }).waitFor();
    expect(await contrastOf(pra, '.shell-pra .button.primary:not(:disabled)')).toBeGreaterThanOrEqual(4.5);
    // The approval consumed here belongs to this test: withdraw it by asking again and being denied.
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-999');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await panel.getByRole('alert').waitFor();
    await pra.close();

    const issue = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    await issue.locator('.breadcrumbs a').waitFor();
    expect(await contrastOf(issue, '.breadcrumbs')).toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(issue, '.breadcrumbs a')).toBeGreaterThanOrEqual(4.5);
    expect(await issue.locator('.breadcrumbs a').evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('underline');
    expect(await contrastOf(issue, '.sandbox-badge')).toBeGreaterThanOrEqual(4.5);
    await issue.close();

    const home = await open('/');
    const stepLink = home.getByRole('region', { name: 'Try it' }).getByRole('link', { name: 'SD-1' }).first();
    await stepLink.waitFor();
    expect(await stepLink.evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('underline');
    expect(await contrastOf(home, '.steps a')).toBeGreaterThanOrEqual(4.5);
    await home.close();
  });

  it('opens the "•••" menu from the keyboard, moves with the arrow keys and closes on Escape', async () => {
    const page = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    const trigger = page.getByRole('button', { name: 'More actions' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    expect(await trigger.getAttribute('aria-expanded')).toBe('true');
    const items = await page.getByRole('menuitem').allTextContents();
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(await focused(page)).toMatchObject({ role: 'menuitem', label: JUMP_DIALOG });
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).label).toBe(items[1]!.trim());
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).label).toBe(items[2 % items.length]!.trim());
    await page.keyboard.press('End');
    expect((await focused(page)).label).toBe(items.at(-1)!.trim());
    await page.keyboard.press('ArrowDown'); // wraps
    expect((await focused(page)).label).toBe(JUMP_DIALOG);
    await page.keyboard.press('ArrowUp'); // wraps back
    expect((await focused(page)).label).toBe(items.at(-1)!.trim());
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focused(page)).toMatchObject({ label: 'More actions' });
    expect(await trigger.getAttribute('aria-expanded')).toBe('false');

    // Space opens it too (and only once); ArrowUp opens it on the last item; Enter on the first item opens the app's dialog.
    await page.keyboard.press(' ');
    await page.getByRole('menu').waitFor();
    expect((await focused(page)).label).toBe(JUMP_DIALOG);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    await page.keyboard.press('ArrowUp');
    await page.getByRole('menu').waitFor();
    expect((await focused(page)).label).toBe(items.at(-1)!.trim());
    await page.keyboard.press('Home');
    expect((await focused(page)).label).toBe(JUMP_DIALOG);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: JUMP_DIALOG }).waitFor();
    await page.close();
  });

  it('the Jump dialog takes the focus, keeps it, closes on Escape (also from inside the app) and gives it back to "•••"', async () => {
    const page = await open(`/browse/SD-1?as=${DEMO.users.technician}`);
    await openJumpDialog(page);
    const dialog = page.getByRole('dialog', { name: JUMP_DIALOG });
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await focused(page)).toMatchObject({ inDialog: true });

    // Tab and Shift+Tab go round the dialog (its close button and the app's frame), never behind it.
    const frame = page.frame({ url: /uikit\.html\?.*moduleKey=jump-to-asset/ })!;
    const innerFocus = () => frame.evaluate(() => (document.activeElement && document.activeElement !== document.body ? document.activeElement.textContent?.trim() ?? '' : null));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      expect(now.inDialog).toBe(true);
      seen.add(now.tag === 'iframe' ? `frame: ${await innerFocus()}` : now.label);
    }
    expect(seen).toContain('Close dialog');
    expect(seen).toContain('frame: Jump to WORKSTATION-01');
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }

    // Escape while the focus is on the app's Jump link (inside its frame) closes the dialog.
    await until(async () => {
      await page.keyboard.press('Tab');
      return (await focused(page)).tag === 'iframe' && (await innerFocus()) === 'Jump to WORKSTATION-01';
    }, 'the Jump link to take the focus', 5_000);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ label: 'More actions', inDialog: false });

    // Escape with the focus on the dialog's own controls, and the close button, do the same.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).label).toBe('More actions');
    await openJumpDialog(page);
    await page.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).label).toBe('More actions');
    await page.close();
  });

  it('at 800 px wide, the header navigation and the admin sidebar wrap or stack: nothing is cut off, no sideways scrolling', async () => {
    const narrow = await browser.newContext({ viewport: { width: 800, height: 900 } });
    narrow.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      const pages: Array<[string, (page: Page) => Promise<void>]> = [
        ['/', (p) => p.getByRole('region', { name: 'Tickets' }).getByRole('link', { name: 'OPS-1' }).waitFor()],
        [`/browse/SD-1?as=${DEMO.users.technician}`, (p) => p.locator('h1').filter({ hasText: 'Workstation' }).waitFor()],
        [`/admin?as=${DEMO.users.admin}`, (p) => p.frameLocator('iframe[title="BeyondTrust Privileged Remote Access"]').getByRole('button', { name: 'Save' }).waitFor()],
        ['/pra/console?as=arivera', (p) => p.getByRole('button', { name: 'Jump to WEB01' }).waitFor()],
        ['/pra/login', (p) => p.getByRole('region', { name: 'Jump Policies' }).waitFor()],
      ];
      for (const [where, ready] of pages) {
        const page = await open(where, narrow);
        await ready(page);
        const layout = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const cutOff = [...document.querySelectorAll<HTMLElement>('.topbar a, .topbar select, .topbar label, .admin-side *, main h1, main button')]
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => ({ text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40), right: el.getBoundingClientRect().right }))
            .filter((el) => el.right > width + 0.5);
          const bar = document.querySelector('.topbar')!.getBoundingClientRect();
          const outsideBar = [...document.querySelectorAll<HTMLElement>('.topbar a, .topbar select')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.top < bar.top - 0.5 || r.bottom > bar.bottom + 0.5;
          }).length;
          const side = document.querySelector('.admin-side')?.getBoundingClientRect();
          const main = document.querySelector('.admin-main')?.getBoundingClientRect();
          return {
            scrolls: document.documentElement.scrollWidth > width,
            cutOff,
            outsideBar,
            sidebarBelowMain: side && main ? side.top >= main.bottom - 0.5 : null,
          };
        });
        expect([where, layout.scrolls, layout.cutOff, layout.outsideBar]).toEqual([where, false, [], 0]);
        // Nor inside the app's frames (the configuration page, the ticket panel).
        for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
          const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect([frame.url(), overflow]).toEqual([frame.url(), 0]);
        }
        if (where.startsWith('/admin')) expect(layout.sidebarBelowMain).toBe(true);
        await page.close();
      }
    } finally {
      await narrow.close();
    }
  });

  it('PRA console: after an approval, a denial withdraws Start session, and PRA forgets the earlier ticket', async () => {
    const page = await open('/pra/console?as=arivera');
    const panel = page.getByRole('region', { name: 'Enter ticket ID' });
    const start = panel.getByRole('button', { name: 'Start session on WORKSTATION-01' });
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-1');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await start.waitFor();
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-2');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await panel.getByRole('alert').waitFor();
    expect(await panel.getByRole('alert').textContent()).toBe('Access denied. The user that initiated the PRA session does not match the assignee of ticket [SD-2].');
    expect(await start.count()).toBe(0);
    // PRA itself no longer holds the SD-1 grant: a session started now is linked to no ticket.
    const session = sandbox.world().pra.createSession({ jumpItem: { name: 'WORKSTATION-01' }, rep: 'arivera' });
    expect(session.externalKey ?? '').toBe('');
    sandbox.world().pra.endSession(session.lsid);

    // A new approval offers it again; asking again withdraws it at once, before the answer arrives.
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-1');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await start.waitFor();
    await panel.getByLabel('Ticket ID', { exact: true }).fill('SD-6');
    await panel.getByRole('button', { name: 'Submit' }).click();
    await panel.getByRole('alert').waitFor();
    expect(await start.count()).toBe(0);
    await page.close();
  });

  it('Run reconcile-sessions now says what the pass did: window, listed, queued, imported', async () => {
    const pra = sandbox.world().pra;
    pra.pauseOutbound();
    try {
      const now = Math.floor(Date.now() / 1000);
      const missed = pra.createSession({ jumpItem: { name: 'WORKSTATION-01' }, rep: 'arivera', externalKey: 'SD-1', startTime: now - 120 });
      pra.endSession(missed.lsid, { endTime: now - 60 });
      const page = await open('/pra/login');
      await page.getByRole('button', { name: 'Run reconcile-sessions now' }).click();
      const summary = page.getByRole('status', { name: 'What reconcile-sessions did' });
      await summary.getByText(/^Imported /).waitFor();
      const lines = await summary.getByRole('listitem').allTextContents();
      expect(lines[0]).toMatch(/^Sessions that ended \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(the window ends 5 s before the pass\)$/);
      expect(lines[1]).toMatch(/^\d+ listed by PRA, \d+ with a ticket: \d+ already imported, 1 queued for import, 0 failed import\(s\) retried$/);
      expect(lines[2]).toBe('Imported 1 of the 1 queued: SD-1 ← WORKSTATION-01');
      expect(lines.join('\n')).not.toContain('null');
      const imported = sandbox.world().jira.getIssue('SD-1').comments.filter((c) => c.properties.some((p) => (p.value as { lsid?: string }).lsid === missed.lsid));
      expect(imported).toHaveLength(1);
      await page.close();
    } finally {
      pra.resumeOutbound();
    }
  });
});
