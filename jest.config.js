// jest, as the product's design card names it. TypeScript and TSX go through @swc/jest (no type check
// here: `npm run typecheck` does that); every dependency ships CommonJS, so nothing in node_modules is
// transformed. The setup file installs the local Forge host's globals before any @forge/* package loads.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Fixture apps are inputs to tests (the bundle check runs on them), not tests or modules of this one.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/fixtures/'],
  modulePathIgnorePatterns: ['<rootDir>/test/fixtures/bundle-app/'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup/forge-host.ts'],
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 30_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/setup/summaryReporter.js'],
};
