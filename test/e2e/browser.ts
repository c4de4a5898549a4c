/**
 * Headless Chromium for the browser tests, through playwright-core (which brings no browser of its
 * own). The browser is the system's: `CHROMIUM_PATH` when set, else /usr/bin/chromium or
 * /usr/bin/chromium-browser. When none is there the suites report themselves skipped, with the reason
 * printed, rather than passing:
 *
 *   (skipBrowserTests ? describe.skip : describe)('the configuration page', () => { ... launchChromium() ... });
 *
 * Where the browser tests are required (`REQUIRE_BROWSER=1`, set by .ci/run) a missing Chromium fails
 * them instead, and so does a `CHROMIUM_PATH` that names no executable file: it was asked for.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEFAULT_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findChromium(): { path?: string; skipReason?: string } {
  const requested = process.env.CHROMIUM_PATH;
  if (requested) return { path: requested };
  const found = DEFAULT_PATHS.find(isExecutableFile);
  if (found) return { path: found };
  return { skipReason: `no Chromium found (CHROMIUM_PATH is not set; tried ${DEFAULT_PATHS.join(', ')})` };
}

const found = findChromium();

const required = !!process.env.REQUIRE_BROWSER && process.env.REQUIRE_BROWSER !== '0';

/** The Chromium executable to use, or undefined when none was found. */
const chromiumPath: string | undefined = found.path;

/** Whether the browser suites are to be skipped: no Chromium, and not required. */
export const skipBrowserTests = !chromiumPath && !required;

if (skipBrowserTests) {
  console.warn(`Browser tests SKIPPED: ${found.skipReason}. Install Debian's chromium package or set CHROMIUM_PATH.`);
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(`The browser tests are required (REQUIRE_BROWSER) but ${found.skipReason}`);
  if (!isExecutableFile(chromiumPath)) throw new Error(`CHROMIUM_PATH=${chromiumPath} is not an executable file`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ARGS });
}
