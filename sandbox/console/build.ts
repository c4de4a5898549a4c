/**
 * Builds the web console with Vite (sandbox/console/vite.config.mts). `npm start` builds it on every
 * start (about two seconds), so a fresh clone needs no separate step and a UI Kit module just added to
 * manifest.yml is included; the browser test builds into a temporary folder.
 */
import path from 'node:path';

export const CONSOLE_DIR = __dirname;
export const DEFAULT_CONSOLE_BUILD = path.join(__dirname, 'build');

export async function buildConsole(outDir: string = DEFAULT_CONSOLE_BUILD): Promise<string> {
  // Vite is an ES module; a dynamic import works from the CommonJS that tsx and vitest run this file as.
  const { build } = await import('vite');
  await build({ configFile: path.join(CONSOLE_DIR, 'vite.config.mts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
