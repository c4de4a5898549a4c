/**
 * The configuration page's "Change windows" section in headless Chromium (issue 15), served by the local
 * Forge host against the simulators: the page's own check (both field names or neither), the server's
 * check of the fields in Jira with "did you mean", and a valid save naming the fields found. Needs the
 * built page (`npm run build:static`). Without Chromium the suite reports itself skipped (browser.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { CONFIG_PAGE_MODULE, compose, type Composition } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { launchChromium, skipBrowserTests } from './browser';

const BUILT_PAGE = path.join(__dirname, '../../static/config/build/index.html');
const UI_TIMEOUT_MS = 15_000;

(skipBrowserTests ? describe.skip : describe)('the Change windows section of the configuration page', () => {
  let w: Composition;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run \`npm run build:static\` before the browser tests`);
    [w, browser] = await Promise.all([compose({ host: { queueDelayScale: 0.001 } }), launchChromium()]);
    await w.configure();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const query = new URLSearchParams({ moduleKey: CONFIG_PAGE_MODULE, accountId: DEMO.users.admin });
    await page.goto(`${w.hostUrl}/__forge/resources/config-page/?${query}`);
    await page.getByRole('heading', { name: 'Change windows', exact: true }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  const save = async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Save' && !b.disabled));
  };

  it('shows the defaults: off, Change, 15 minutes, any active status', async () => {
    expect(await page.getByLabel('Require change window').isChecked()).toBe(false);
    expect(await page.getByLabel('Issue types with a change window').inputValue()).toBe('Change');
    expect(await page.getByLabel('Grace period (minutes)').inputValue()).toBe('15');
    expect(await page.getByLabel('Statuses in which access is allowed').inputValue()).toBe('');
  });

  it('asks for both field names in the page, and sends nothing', async () => {
    await page.getByLabel('Require change window').check();
    await page.getByLabel('Planned start field').fill('Planned start');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter both window field names, or leave both empty').waitFor();
    expect((await w.configCall('getConfiguration')).view.settings.requireChangeWindow).toBe(false);
  });

  it('says on save when Jira has no such fields, suggesting the near names', async () => {
    await page.getByLabel('Planned start field').fill('planned start');
    await page.getByLabel('Planned end field').fill('planned end');
    await save();
    await page.getByRole('heading', { name: 'Configuration Invalid', exact: true }).waitFor();
    await page.getByText('Did you mean "Planned start" or "Planned end"?').waitFor();
  });

  it('saves a valid window configuration and names the fields found', async () => {
    await page.getByLabel('Planned start field').fill('');
    await page.getByLabel('Planned end field').fill('');
    await page.getByLabel('Grace period (minutes)').fill('30');
    await page.getByLabel('Statuses in which access is allowed').fill('Implementing, Peer review');
    await save();
    await page.getByRole('heading', { name: 'Configuration Valid', exact: true }).waitFor();
    await page.getByText('Change window fields "Planned start" and "Planned end".', { exact: false }).waitFor();
    const saved = (await w.configCall('getConfiguration')).view.settings;
    expect(saved).toMatchObject({ requireChangeWindow: true, changeWindowGraceMinutes: 30, changeWindowStatuses: ['Implementing', 'Peer review'], changeWindowStartField: '' });
    expect(PRA_DEMO.host).toBe(saved.hostName);
    expect(pageErrors).toEqual([]);
  });
});
