/**
 * Builds the sandbox's web console into sandbox/console/build (`buildConsole()` can choose another folder):
 *   index.html  the console (Jira issue view, configuration page frame, PRA access console and /login)
 *   uikit.html  the UI Kit host page: runs one UI Kit module of manifest.yml through the real
 *               @forge/react reconciler and renders the forgeDoc it produces
 * The UI Kit resources are read from manifest.yml at build time (`virtual:uikit-resources`), so a
 * module added to the manifest appears after the next build (`npm start` builds every time).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { parse } from 'yaml';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = path.resolve(here, '../..');
const VIRTUAL_ID = 'virtual:uikit-resources';

/** `resources:` entries that are UI Kit files (render: native modules point at a .tsx/.ts/.jsx/.js file). */
function uiKitResources(): Array<{ key: string; file: string }> {
  const manifest = parse(readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')) as { resources?: Array<{ key?: string; path?: string }> };
  return (manifest.resources ?? [])
    .filter((r): r is { key: string; path: string } => typeof r.key === 'string' && typeof r.path === 'string' && /\.[cm]?[jt]sx?$/.test(r.path))
    .map((r) => ({ key: r.key, file: path.join(repoRoot, r.path) }))
    .filter((r) => existsSync(r.file));
}

/** `import resources from 'virtual:uikit-resources'` → { [resourceKey]: () => import(<file>) }. */
function uiKitResourcesPlugin(): Plugin {
  return {
    name: 'sandbox-uikit-resources',
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return undefined;
      const entries = uiKitResources().map((r) => `  ${JSON.stringify(r.key)}: () => import(${JSON.stringify(r.file)}),`);
      return `export default {\n${entries.join('\n')}\n};\n`;
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  plugins: [react(), uiKitResourcesPlugin()],
  build: {
    outDir: path.join(here, 'build'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: { index: path.join(here, 'index.html'), uikit: path.join(here, 'uikit.html') },
    },
  },
});
