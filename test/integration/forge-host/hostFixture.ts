/** Starts the local Forge host on the host test app, with a loopback server standing in for Jira and an external host. */
import http from 'node:http';
import path from 'node:path';
import { ForgeHost, listenHost, type ForgeHostOptions } from '../../../sandbox/forge-host';
import type { Listening } from '../../../sandbox/shared/http';
import { listen } from '../../../sandbox/shared/http';

export interface HostFixture {
  host: ForgeHost;
  hostUrl: string;
  /** Requests the stand-in servers received: method, url, authorization. */
  received: Array<{ method: string; url: string; authorization?: string; host?: string }>;
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export async function startHostFixture(overrides: Partial<ForgeHostOptions> = {}): Promise<HostFixture> {
  const received: HostFixture['received'] = [];
  const echo = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, host: req.headers['x-forwarded-host'] as string | undefined });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, authorization: req.headers.authorization ?? null }));
  });
  const clock = { offsetMs: 0 };
  const host = new ForgeHost({
    manifestPath: path.resolve(__dirname, '../../fixtures/host-app/manifest.yml'),
    jiraBaseUrl: echo.url,
    siteUrl: 'https://probe.atlassian.net',
    hostMap: { 'api.allowed.example': echo.url, 'denied.example.org': echo.url },
    queueDelayScale: 0.001,
    now: () => Date.now() + clock.offsetMs,
    ...overrides,
  });
  const listening: Listening = await listenHost(host);
  return {
    host,
    hostUrl: listening.url,
    received,
    clock,
    async close() {
      await host.close();
      await listening.close();
      await echo.close();
    },
  };
}
