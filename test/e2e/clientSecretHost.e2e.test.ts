/**
 * The stored client secret stays with its host, as an admin meets it on the configuration page (issue
 * 12.1): changing the Host Name without typing the secret again shows a message under Client Secret and
 * sends nothing — neither to the resolver nor to the new host, where a capture server records whatever
 * arrives. Typing the secret saves, and only the typed secret reaches the new host.
 *
 * Needs the built page (`npm run build:static`). Without Chromium it reports itself skipped.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { CONFIG_PAGE_MODULE, compose, type Composition } from '../../sandbox/compose';
import { PRA_DEMO } from '../../sandbox/demo/praSeed';
import { DEMO } from '../../sandbox/jira-simulator/seed';
import { launchChromium, skipBrowserTests } from './browser';

const BUILT_PAGE = path.join(__dirname, '../../static/config/build/index.html');
const NEW_HOST = 'pra-moved.example.net';
const MESSAGE = `The Host Name changed: enter the Client Secret again for ${NEW_HOST}. The stored secret is only ever sent to the host it was saved with.`;

const suite = skipBrowserTests ? describe.skip : describe;

suite('the client secret stays with its host, on the configuration page', () => {
  let w: Composition;
  let browser: Browser;
  let page: Page;
  let capture: http.Server;
  const captured: Array<{ authorization?: string; body: string }> = [];
  const invoked: string[] = [];

  beforeAll(async () => {
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run \`npm run build:static\` before the browser tests`);
    [w, browser] = await Promise.all([compose(), launchChromium()]);
    capture = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        captured.push({ authorization: req.headers.authorization, body });
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    w.host.egress.mapHost(NEW_HOST, `http://127.0.0.1:${(capture.address() as AddressInfo).port}`);
    expect((await w.configure()).view!.validation.status).toBe('valid');

    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('request', (request) => {
      if (request.url().endsWith('/__forge/bridge')) {
        const call = request.postDataJSON() as { cmd?: string; data?: { functionKey?: string } };
        if (call.cmd === 'invoke') invoked.push(String(call.data?.functionKey));
      }
    });
    await page.goto(`${w.hostUrl}/__forge/resources/config-page/?${new URLSearchParams({ moduleKey: CONFIG_PAGE_MODULE, accountId: DEMO.users.admin })}`);
    await page.getByLabel('Host Name').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (capture ? capture.close(() => resolve()) : resolve()));
    await w?.close();
  });

  const stored = Buffer.from(`${PRA_DEMO.account.clientId}:${PRA_DEMO.account.clientSecret}`).toString('base64');

  it('asks for the secret again under Client Secret, and sends nothing anywhere', async () => {
    const before = invoked.length;
    await page.getByLabel('Host Name').fill(NEW_HOST);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(MESSAGE).waitFor();
    expect(await page.getByLabel('Client Secret').evaluate((input) => input === document.activeElement)).toBe(true);
    expect(invoked.slice(before)).toEqual([]);
    expect(captured).toEqual([]);
    expect((await w.configCall('getConfiguration')).view.settings.hostName).toBe(PRA_DEMO.host);
  });

  it('saves with the typed secret, which is the only one the new host receives', async () => {
    const typed = 'typed-for-the-moved-host';
    await page.getByLabel('Client Secret').fill(typed);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Configuration Invalid', exact: true }).waitFor();
    expect(invoked).toContain('saveConfiguration');
    expect(captured.length).toBeGreaterThan(0);
    expect(captured.some((c) => (c.authorization ?? '').includes(Buffer.from(`${PRA_DEMO.account.clientId}:${typed}`).toString('base64')) || c.body.includes(typed))).toBe(true);
    expect(captured.filter((c) => (c.authorization ?? '').includes(stored) || c.body.includes(PRA_DEMO.account.clientSecret))).toEqual([]);
  });
});
