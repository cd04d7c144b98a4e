import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { loadConfig, startSopline } from '@sopline/server';

/**
 * The real product in this process (API, worker, dispatcher, demo seed) on the shared Temporal dev
 * server, with its own data dir and a free port.
 */
export async function startProduct(options: { seed?: boolean } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sopline-e2e-'));
  const config = loadConfig({
    SOPLINE_DATA_DIR: dataDir,
    PORT: '0',
    TEMPORAL_ADDRESS: inject('temporalDevAddress'),
    SOPLINE_SEED: options.seed === false ? 'off' : 'on',
  });
  const running = await startSopline(config, pino({ level: 'warn' }));
  return {
    ...running,
    dataDir,
    async close() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
