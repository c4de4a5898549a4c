/** The local Forge host accepts exactly the runtimes the installed @forge/manifest schema lists. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadManifest, supportedRuntimes } from '../../../sandbox/forge-host/manifest';

const ROOT = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The app's own manifest.yml with another runtime name (or none). */
function manifestWithRuntime(runtimeLine: string): string {
  const text = readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8').replace(/^ {4}name: nodejs\d+\.x$/m, runtimeLine);
  const file = path.join(dir, `manifest-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, text);
  return file;
}

describe('runtime', () => {
  it('runs the app on nodejs24.x, the runtime the Forge reference recommends', () => {
    expect(loadManifest(path.join(ROOT, 'manifest.yml')).runtimeName).toBe('nodejs24.x');
  });

  it('takes the list from the installed schema: 20.x, 22.x and 24.x', () => {
    expect(supportedRuntimes()).toEqual(['nodejs20.x', 'nodejs22.x', 'nodejs24.x']);
    for (const name of supportedRuntimes()) expect(loadManifest(manifestWithRuntime(`    name: ${name}`)).runtimeName).toBe(name);
  });

  it.each([
    ['a retired runtime', '    name: nodejs18.x', '"nodejs18.x"'],
    ['a misspelt one', '    name: "nodejs24.x "', '"nodejs24.x "'],
    ['none at all', '    architecture: arm64', '""'],
  ])('refuses %s, naming the runtimes it accepts', (_what, line, shown) => {
    expect(() => loadManifest(manifestWithRuntime(line))).toThrow(`app.runtime.name ${shown} is not a Forge runtime; use one of nodejs20.x, nodejs22.x, nodejs24.x`);
  });
});
