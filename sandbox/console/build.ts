/**
 * Builds the web console with Vite (sandbox/console/vite.config.mts). `npm start` builds it on every
 * start (about two seconds), so a fresh clone needs no separate step and a UI Kit module just added to
 * manifest.yml is included; the browser test builds into a temporary folder.
 *
 * Vite is an ES module only, and jest runs this file as CommonJS without native `import()`, so the build
 * runs as Vite's own command line in a child process: the same from tsx, jest or a shell.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const CONSOLE_DIR = __dirname;
export const DEFAULT_CONSOLE_BUILD = path.join(__dirname, 'build');

const VITE_CLI = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

export async function buildConsole(outDir: string = DEFAULT_CONSOLE_BUILD): Promise<string> {
  await promisify(execFile)(
    process.execPath,
    [VITE_CLI, 'build', '--config', path.join(CONSOLE_DIR, 'vite.config.mts'), '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { cwd: path.join(CONSOLE_DIR, '..', '..'), maxBuffer: 16 * 1024 * 1024 },
  );
  return outDir;
}
