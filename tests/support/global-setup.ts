import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer, startTestServer } from '@sopline/temporal-dev';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalDevAddress: string;
    temporalTimeSkippingAddress: string;
  }
}

/**
 * One real Temporal dev server (persisted to a SQLite file, as in production on one machine) and
 * one time-skipping test server per test run, shared by every integration test file.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'sopline-temporal-'));
  const [dev, skipping] = await Promise.all([startDevServer({ dbFile: join(dir, 'temporal.db') }), startTestServer()]);
  project.provide('temporalDevAddress', dev.address);
  project.provide('temporalTimeSkippingAddress', skipping.address);
  return async () => {
    await Promise.all([dev.stop(), skipping.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
