/**
 * The whole sandbox (`startSandbox`, in memory, with its console built into a temporary folder) and a
 * headless Chromium context on it: what every browser test of the sandbox starts from. Page errors in any
 * page of the context are collected in `pageErrors` (each suite expects none after every test).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildConsole } from '../../sandbox/console/build';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { launchChromium } from './browser';

export const CONFIG_PAGE_BUILD = path.join(__dirname, '../../static/config/build/index.html');

export interface SandboxInBrowser {
  sandbox: Sandbox;
  browser: Browser;
  context: BrowserContext;
  /** `<page url>: <message>` for every uncaught error in a page of the context. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** `pageErrors`, when given, is the array the errors are collected in (a suite's own, declared before it starts). */
export async function openSandboxInBrowser(options: { width: number; height?: number; timeoutMs: number; pageErrors?: string[] }): Promise<SandboxInBrowser> {
  if (!existsSync(CONFIG_PAGE_BUILD)) throw new Error(`${CONFIG_PAGE_BUILD} is missing: run \`npm run build:static\` before the browser tests`);
  const consoleDir = await buildConsole(mkdtempSync(path.join(tmpdir(), 'sandbox-console-build-')));
  const [sandbox, browser] = await Promise.all([startSandbox({ port: 0, dataDir: null, consoleDir, queueDelayScale: 0.001 }), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height ?? 900 } });
  context.setDefaultTimeout(options.timeoutMs);
  const pageErrors = options.pageErrors ?? [];
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  return {
    sandbox,
    browser,
    context,
    pageErrors,
    async close() {
      await browser.close();
      await sandbox.close();
      rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}
