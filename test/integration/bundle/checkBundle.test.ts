/**
 * `npm run check:bundle` (scripts/check-bundle.ts) must fail whenever `forge deploy` would: it runs the
 * real @forge/bundler over a small fixture app (test/fixtures/bundle-app), copied to a temp directory
 * and broken in the ways that stop a deploy. The passing case is `npm run check:bundle` on the app itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/bundle-app');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** Each run is two webpack compilations; slow on a busy 2-core machine. */
const RUN_TIMEOUT_MS = 240_000;

const copies: string[] = [];

function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-app-'));
  copies.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Runs the check with a temp directory of its own, to see what it leaves behind. */
function checkBundle(appDir: string): { status: number | null; output: string; leftInTemp: string[] } {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'check-bundle-tmp-'));
  copies.push(tempDir);
  const run = spawnSync(TSX, [path.join(ROOT, 'scripts/check-bundle.ts'), '--app', appDir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
    env: { ...process.env, TMPDIR: tempDir },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, leftInTemp: readdirSync(tempDir) };
}

function findingLines(output: string): string[] {
  return output.split('\n').filter((line) => /^(ERROR|WARNING) \[/.test(line));
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('check:bundle fails where forge deploy would', () => {
  it(
    'fails both the function bundle and the UI Kit bundle when tsconfig.json says noEmit (issue 10)',
    () => {
      const app = brokenCopy((dir) => {
        const tsconfigPath = path.join(dir, 'tsconfig.json');
        const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as { compilerOptions: Record<string, unknown> };
        tsconfig.compilerOptions.noEmit = true;
        writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2));
      });
      const { status, output } = checkBundle(app);
      expect(status).toBe(1);
      const findings = findingLines(output);
      expect(findings).toHaveLength(2);
      expect(findings[0]).toMatch(/^ERROR \[node runtime \(function handlers\)\] Bundling failed: .*/);
      expect(output).toContain(`TypeScript emitted no output for ${path.join(app, 'src/index.ts')}`);
      expect(findings[1]).toMatch(/^ERROR \[UI Kit \(render: native resources\)\]/);
      expect(output).toContain(`TypeScript emitted no output for ${path.join(app, 'src/frontend/probe.tsx')}`);
      expect(output).toContain('bundle check FAILED: 2 finding(s)');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'fails on a webpack warning in a handler and on a type error in a UI Kit resource, reporting both',
    () => {
      const app = brokenCopy((dir) => {
        // A computed import: webpack warns "Critical dependency" and bundles nothing for it.
        writeFileSync(
          path.join(dir, 'src/index.ts'),
          "export async function probe(name: string): Promise<unknown> {\n  return import(name);\n}\n",
        );
        writeFileSync(path.join(dir, 'src/frontend/probe.tsx'), "export const count: number = 'many \u{1F600} \u4E2D\u6587';\n");
      });
      const { status, output } = checkBundle(app);
      expect(status).toBe(1);
      const findings = findingLines(output);
      expect(findings).toEqual([
        'WARNING [node runtime (function handlers)] Critical dependency: the request of a dependency is an expression',
        expect.stringMatching(/^ERROR \[UI Kit \(render: native resources\)\] TypeScript errors in the app caused the bundling to fail/),
      ]);
      expect(output).toContain("TS2322: Type 'string' is not assignable to type 'number'.");
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'fails when a handler manifest.yml names has no module, and leaves nothing in the temp directory',
    () => {
      const app = brokenCopy((dir) => {
        const manifestPath = path.join(dir, 'manifest.yml');
        writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('handler: index.probe', 'handler: missing.probe'));
      });
      const { status, output, leftInTemp } = checkBundle(app);
      expect(status).toBe(1);
      // tsx keeps its own compile cache there (tsx-<uid>); the bundler's output must be gone.
      expect(leftInTemp.filter((name) => !name.startsWith('tsx-'))).toEqual([]);
      const findings = findingLines(output);
      expect(findings[0]).toMatch(/^ERROR \[node runtime \(function handlers\)\] Bundling failed: .*Module not found/);
      expect(output).toContain('missing');
      // The UI Kit resource is fine and still bundled: one run reports every stage.
      expect(output).toMatch(/UI Kit: probe-ui \(src\/frontend\/probe\.tsx\)/);
      expect(findings).toHaveLength(1);
    },
    RUN_TIMEOUT_MS,
  );
});
