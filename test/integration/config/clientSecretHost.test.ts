/**
 * The stored client secret belongs to the host it was saved with (issue 12.1). A capture server stands
 * at a new host name (the local Forge host's egress map points the name at it, like DNS): whatever the
 * app sends there is recorded, so a leaked `Authorization: Basic client_id:stored_secret` would show.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { compose, type Composition } from '../../../sandbox/compose';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';
import { validateSettings } from '../../../static/config/src/validation';
import { DEMO_SETTINGS } from '../../../sandbox/compose';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';

const NEW_HOST = 'pra-new.example.org';
const TYPO_HOST = 'pra.exarnple.com';

interface Captured {
  host: string;
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

let w: Composition;
let capture: http.Server;
const captured: Captured[] = [];

beforeAll(async () => {
  w = await compose();
  capture = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      captured.push({ host: String(req.headers.host), method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  w.host.egress.mapHost(NEW_HOST, url);
  w.host.egress.mapHost(TYPO_HOST, url);
});
afterAll(async () => {
  await new Promise<void>((resolve) => capture.close(() => resolve()));
  await w.close();
});
beforeEach(async () => {
  const saved = await w.configure();
  expect(saved.view!.validation.status).toBe('valid');
  captured.length = 0;
});

const storedSecretSeen = () =>
  captured.filter((c) => JSON.stringify(c).includes(PRA_DEMO.account.clientSecret) || (c.authorization ?? '').includes(Buffer.from(`${PRA_DEMO.account.clientId}:${PRA_DEMO.account.clientSecret}`).toString('base64')));

describe('the stored client secret stays with its host', () => {
  it.each([
    ['a new host', NEW_HOST, true],
    ['a typo in the host name', TYPO_HOST, true],
    ['a new host while the integration is disabled', NEW_HOST, false],
  ])('refuses to save %s without the secret, with a field message, and sends nothing there', async (_what, hostName, enabled) => {
    const result = await w.configCall('saveConfiguration', { settings: { ...DEMO_SETTINGS, enabled, hostName } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(result.fieldErrors).toEqual({
      clientSecret: `The Host Name changed: enter the Client Secret again for ${hostName}. The stored secret is only ever sent to the host it was saved with.`,
    });
    expect(captured).toEqual([]);
    const view = (await w.configCall('getConfiguration')).view;
    expect(view.settings.hostName).toBe(PRA_DEMO.host);
    expect(view.clientSecretSet).toBe(true);
  });

  it('sends the newly typed secret to the new host, never the stored one, and then keeps it for that host only', async () => {
    const typed = 'n3w-s3cret-for-the-new-host';
    const result = await w.configCall('saveConfiguration', { settings: { ...DEMO_SETTINGS, hostName: NEW_HOST }, clientSecret: typed });
    expect(result.ok).toBe(true);
    expect(result.view.validation.message).toMatch(/^Invalid client/);
    expect(captured.length).toBeGreaterThan(0);
    expect(captured.every((c) => c.host.startsWith('127.0.0.1'))).toBe(true);
    expect(captured.some((c) => (c.authorization ?? '').includes(Buffer.from(`${PRA_DEMO.account.clientId}:${typed}`).toString('base64')) || c.body.includes(typed))).toBe(true);
    expect(storedSecretSeen()).toEqual([]);

    // Back to the original host: the secret stored now belongs to the new host, so it must be typed again.
    captured.length = 0;
    const back = await w.configCall('saveConfiguration', { settings: { ...DEMO_SETTINGS, hostName: PRA_DEMO.host } });
    expect(back.fieldErrors?.clientSecret).toMatch(/^The Host Name changed: enter the Client Secret again for pra\.example\.com\./);
    expect(captured).toEqual([]);
  });

  it('keeps the stored secret when the host is unchanged (letter case and a trailing dot are the same host)', async () => {
    const result = await w.configCall('saveConfiguration', { settings: { ...DEMO_SETTINGS, hostName: `${PRA_DEMO.host.toUpperCase()}.` } });
    expect(result.ok).toBe(true);
    expect(result.view.validation.status).toBe('valid');
    expect(captured).toEqual([]);
  });
});

describe('the page says so before saving', () => {
  const settings = { ...DEFAULT_SETTINGS, ...DEMO_SETTINGS, inactiveStatusNames: [], inactiveResolutionNames: [] };
  it('asks for the secret again when the Host Name differs from the saved one', () => {
    expect(validateSettings({ ...settings, hostName: NEW_HOST }, '', true, PRA_DEMO.host).clientSecret).toMatch(/^The Host Name changed: enter the Client Secret again for pra-new\.example\.org\./);
    expect(validateSettings({ ...settings, hostName: NEW_HOST }, 'typed', true, PRA_DEMO.host).clientSecret).toBeUndefined();
    expect(validateSettings({ ...settings, hostName: PRA_DEMO.host }, '', true, PRA_DEMO.host).clientSecret).toBeUndefined();
  });
});
