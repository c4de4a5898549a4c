/**
 * Bundles the app the way `forge deploy` does, offline, and fails on anything that would stop a deploy.
 *
 * The Forge CLI's packager (`@forge/cli` out/deploy/packager) does two things with `@forge/bundler`:
 *  1. the Node runtime bundle: every handler module that manifest.yml's `function` entries name
 *     (`ConfigFile.getAppHandlers` → `getEntryPoints`), compiled by `getNodeBundler(...).bundle(...)` with
 *     the bundler's own webpack configuration (ts-loader with the app's tsconfig.json, target node);
 *  2. the UI Kit bundles: every resource that a `render: native` module uses
 *     (`ConfigFile.getResources(['nativeUI'])`), compiled by `NativeUIBundler.bundleResources(...)`.
 * This script calls the same functions from the installed packages, with the same inputs. Custom UI
 * resources (static/config/build) are not bundled by the CLI; `npm run build:static` builds them.
 *
 * What differs from a deploy, on purpose:
 *  - the Node runtime wrapper and loader (`__forge_wrapper__.cjs`, `__forge__.cjs`) are Atlassian's code,
 *    downloaded from a CDN at deploy time; the check does not download them (no network) and reports
 *    which files the deploy would add;
 *  - stricter: every webpack warning fails the check (the CLI prints them and carries on), so a
 *    warning is looked at rather than scrolled past.
 * Output goes to a temporary directory that is removed at the end, never into the repository.
 *
 * Usage: npm run check:bundle [-- --app <dir>]   (--app bundles another app directory, e.g. a broken
 * copy, to show the check fails; defaults to the repository root)
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// The CLI helpers come from the very copy of @forge/cli-shared that @forge/bundler depends on.
const bundler = require('@forge/bundler') as typeof import('@forge/bundler');
const cliShared = createRequire(require.resolve('@forge/bundler'))('@forge/cli-shared') as typeof import('@forge/cli-shared');

const ROOT = path.resolve(__dirname, '..');

interface Finding {
  stage: string;
  level: 'error' | 'warning';
  message: string;
}

/** A logger in the shape the bundler expects; webpack warnings arrive through `warn`. */
function collectingLogger(stage: () => string, findings: Finding[]): import('@forge/cli-shared').Logger {
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace() {},
    debug() {},
    info() {},
    warn(message: string) {
      findings.push({ stage: stage(), level: 'warning', message });
    },
    error(error: Error) {
      findings.push({ stage: stage(), level: 'error', message: error.message });
    },
  };
}

/**
 * Stands in for the CDN download of the Forge runtime wrapper (Atlassian's code, not the app's): the
 * deploy adds these files to the bundle; offline there is nothing to check in them.
 */
const offlineWrapperProvider = {
  async getNodeRuntimeWrapper() {
    return { script: '/* Forge runtime wrapper: downloaded from Atlassian at deploy time */', source: 'offline', version: 'offline' };
  },
  async getNodeRuntimeLoader() {
    return { script: '/* Forge runtime loader: downloaded from Atlassian at deploy time */', source: 'offline', version: 'offline' };
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full).map((f) => path.join(name, f)) : [name];
  });
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/** Wall time and this process's CPU time (webpack and ts-loader run in it), which load on the machine does not inflate. */
function timing(since: number): string {
  const cpu = process.cpuUsage();
  return `${seconds(since)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const appDirectory = path.resolve(argValue('--app') ?? ROOT);
  // The bundler's temporary directories (cli-shared tmpDir → os.tmpdir()) go under one directory we remove.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'check-bundle-'));
  process.env.TMPDIR = scratch;
  process.chdir(appDirectory); // the CLI runs in the app directory: manifest.yml and src/ are relative to it

  const findings: Finding[] = [];
  let stage = 'manifest';
  const logger = collectingLogger(() => stage, findings);
  const started = Date.now();
  /** Runs one stage; an error is recorded and the next stage still runs, so one run reports both. */
  const runStage = async (name: string, body: () => Promise<void>): Promise<void> => {
    stage = name;
    try {
      await body();
    } catch (error) {
      findings.push({ stage: name, level: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  try {
    const config = new cliShared.ConfigFile(new cliShared.FileSystemReader(), new cliShared.FileSystemWriter());
    let manifest: Awaited<ReturnType<typeof config.readConfig>> | undefined;
    await runStage('manifest', async () => {
      manifest = await config.readConfig();
    });

    if (manifest) {
      await runStage('node runtime (function handlers)', async () => {
        const handlers = await config.getAppHandlers();
        const entryPoints = bundler.getEntryPoints(handlers);
        const stageStarted = Date.now();
        const nodeBundler = bundler.getNodeBundler(logger, offlineWrapperProvider as never, config);
        const output = await nodeBundler.bundle({ appDirectory, entryPoints, i18nConfig: manifest!.translations });
        const files = filesUnder(output.outputDir);
        for (const entry of entryPoints) {
          if (!files.includes(`${entry.name}.cjs`)) {
            findings.push({ stage, level: 'error', message: `no ${entry.name}.cjs in the bundle for src/${entry.name}` });
          }
        }
        console.log(
          `node runtime: ${entryPoints.map((e) => `src/${e.name}`).join(', ')} → ${files.filter((f) => f.endsWith('.cjs')).join(', ')} ` +
            `for ${handlers.length} handler(s); a deploy adds ${[...(output.additionalOutputs?.keys() ?? [])].join(', ')} ` +
            `(${seconds(stageStarted)} s)`,
        );
      });

      await runStage('UI Kit (render: native resources)', async () => {
        const resources = await config.getResources(['nativeUI']);
        const stageStarted = Date.now();
        const output = await new bundler.NativeUIBundler(logger).bundleResources(resources, manifest!.translations);
        for (const resource of output.nativeUiBundlesDetails) {
          const files = filesUnder(resource.path);
          if (!files.includes('index.html') || !files.includes(`${resource.key}.js`)) {
            findings.push({ stage, level: 'error', message: `resource ${resource.key}: its bundle lacks index.html or ${resource.key}.js` });
          }
        }
        console.log(`UI Kit: ${resources.map((r) => `${r.key} (${r.path})`).join(', ') || 'no render: native resources'} (${seconds(stageStarted)} s)`);
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  for (const f of findings) console.log(`${f.level.toUpperCase()} [${f.stage}] ${f.message}`);
  if (findings.length > 0) {
    console.log(`bundle check FAILED: ${findings.length} finding(s) above would stop or taint \`forge deploy\` (${timing(started)})`);
    return 1;
  }
  console.log(`bundle check passed: @forge/bundler bundled every function handler and UI Kit resource (${timing(started)})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
