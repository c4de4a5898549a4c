/**
 * Builds the configuration page (Custom UI) into static/config/build, the directory the manifest's
 * `config-page` resource points at. Asset URLs are relative (`base: './'`) because Forge serves the
 * page from an app-specific path (the local Forge host: /__forge/resources/config-page/).
 *
 *   npx vite build --config static/config/vite.config.mts
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'build',
    emptyOutDir: true,
    // React + the Atlaskit components come to ~700 kB minified (~200 kB gzipped) in one chunk.
    chunkSizeWarningLimit: 1000,
  },
});
