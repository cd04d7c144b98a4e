import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests in tests/ that share one
// real Temporal dev server and one time-skipping test server, started once per run in globalSetup.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'workflows/**/src/**/*.test.ts', 'apps/**/src/**/*.test.ts'],
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          pool: 'forks',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
