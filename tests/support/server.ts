import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '@sopline/db/testing';
import { loadConfig, startSopline } from '@sopline/server';

/**
 * The real product in this process (API, worker, dispatcher, demo seed) on the shared Temporal dev
 * server, with its own data dir (holding its SQLite file, or beside its own PostgreSQL schema when
 * SOPLINE_TEST_DATABASE names a server) and a free port. Given the `dataDir` of one stopped before, it
 * starts again on the same data (a restart, e.g. with other plugins).
 */
export async function startProduct(options: { seed?: boolean; env?: Record<string, string>; /** restart on this data dir (SQLite only), which close() then keeps */ dataDir?: string } = {}) {
  if (options.dataDir && testPostgresUrl()) throw new Error('startProduct: restarting on a data dir works on SQLite only');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sopline-e2e-'));
  const postgres = testPostgresUrl() ? await createTestDatabase('product') : null;
  const config = loadConfig({
    SOPLINE_DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    PORT: '0',
    TEMPORAL_ADDRESS: inject('temporalDevAddress'),
    SOPLINE_SEED: options.seed === false ? 'off' : 'on',
    ...options.env,
  });
  const running = await startSopline(config, pino({ level: 'warn' }));
  return {
    ...running,
    dataDir,
    async close() {
      await running.stop();
      await postgres?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
