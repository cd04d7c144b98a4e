import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests in tests/ that share one
// real Temporal dev server and one time-skipping test server, started once per run in globalSetup;
// then both again on PostgreSQL. The four run one after another (groupOrder): side by side on a
// 2-core CI machine they starved each other's Temporal servers into timeouts.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/src/**/*.test.ts', 'workflows/**/src/**/*.test.ts', 'apps/**/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts'],
          // `*.pg.test.ts`: PostgreSQL only (unit-pg runs them), rather than tests skipped on SQLite.
          exclude: [...configDefaults.exclude, '**/*.pg.test.ts'],
          pool: 'forks',
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 1 },
        },
      },
      // The same tests on PostgreSQL (tests/support/postgres-setup.ts: the server SOPLINE_TEST_POSTGRES
      // names, else a throwaway one), each test in its own schema; after the SQLite projects.
      {
        test: {
          name: 'unit-pg',
          // The unit tests that open a database (through @sopline/db/testing).
          include: ['packages/{db,domain,api}/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
          pool: 'forks',
          globalSetup: ['tests/support/postgres-setup.ts'],
          setupFiles: ['tests/support/postgres-env.ts'],
          // Every query is a round trip to a server rather than a call into SQLite in the same process.
          testTimeout: 30_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          // ./sopline itself and the SDK's packing open no database: once is enough.
          exclude: [...configDefaults.exclude, 'tests/integration/sopline-command.test.ts', 'tests/integration/plugin-sdk-pack.test.ts'],
          pool: 'forks',
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/postgres-setup.ts'],
          setupFiles: ['tests/support/postgres-env.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
