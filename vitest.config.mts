import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup/forge-host.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
