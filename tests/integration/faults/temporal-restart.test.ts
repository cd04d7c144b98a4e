// Fault: the Temporal dev server (persisted to its SQLite file) is killed (-9) and started again on
// the same port while customers wait on a one-minute timer. The worker process stays up and
// reconnects; every customer resumes when its timer is due, not early and not much later.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { repos } from '@sopline/db';
import { startBulkEnrol } from '@sopline/domain';
import type { JourneyRunner } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import type { DevServer } from '@sopline/temporal-dev';
import { freePort, isPortOpen, startDevServer } from '@sopline/temporal-dev';
import { killStarted, report, startWorker, waitUntil } from './processes.ts';
import { createWorld, ONE_MINUTE_JOURNEY } from './world.ts';
import type { World } from './world.ts';

const CUSTOMERS = 40;
const DOWN_MS = 10_000;
/** How late a timer may fire on this (shared, loaded) machine and still count as on time. */
const TOLERANCE_MS = 30_000;

const queuedOnly: JourneyRunner = {
  start: () => Promise.reject(new Error('queued jobs are run by the worker')),
  signalEvent: () => Promise.reject(new Error('unused')),
  signalGoal: () => Promise.reject(new Error('unused')),
  cancel: () => Promise.reject(new Error('unused')),
  retry: () => Promise.reject(new Error('unused')),
};

describe('restart the Temporal dev server while customers wait', () => {
  let world: World;
  let temporal: DevServer | null = null;
  afterEach(async () => {
    await killStarted();
    await temporal?.stop();
  });
  afterAll(async () => world?.close());

  it('resumes every waiting customer on time once the server is back, from its own file', async () => {
    world = await createWorld();
    const dbFile = join(world.dir, 'temporal.db');
    const port = await freePort();
    temporal = await startDevServer({ dbFile, port });
    const journeyId = await world.journey('一分钟后问候', ONE_MINUTE_JOURNEY);
    await world.customers(CUSTOMERS, '等待');
    const worker = await startWorker('worker', { DATABASE_URL: world.databaseUrl, TEMPORAL_ADDRESS: temporal.address, SOPLINE_TASK_QUEUE: world.taskQueue, SOPLINE_LEASE_SECONDS: '3' });
    await startBulkEnrol({ db: world.db, registry: defaultRegistry, runner: queuedOnly, backgroundJobs: 'workers' }, { workspaceId: world.workspaceId, journeyId, filter: {}, userId: null });

    const waiting = await waitUntil('every customer to wait on its timer', async () => {
      const rows = await world.db.selectFrom('enrollments').select(['id', 'wait_until']).where('journey_id', '=', journeyId).where('status', '=', 'waiting').execute();
      return rows.length === CUSTOMERS ? rows : null;
    }, 120_000);
    const dueAt = new Map(waiting.map((e) => [e.id, Date.parse(e.wait_until!)]));
    const firstDue = Math.min(...dueAt.values());

    // kill -9: no clean shutdown of the server; what it committed to its SQLite file is all it keeps.
    const killedAt = Date.now();
    process.kill(temporal.pid, 'SIGKILL');
    await temporal.stop();
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    temporal = await startDevServer({ dbFile, port });
    const backAt = Date.now();
    // The outage must end before the timers are due, or this would test lateness, not resumption.
    expect(backAt).toBeLessThan(firstDue);

    const done = await waitUntil('every customer to finish', async () => {
      const rows = await world.db.selectFrom('enrollments').select(['id', 'status', 'ended_at']).where('journey_id', '=', journeyId).execute();
      return rows.every((e) => e.status === 'completed') ? rows : null;
    }, 180_000, 500);
    expect(done).toHaveLength(CUSTOMERS);
    const tasks = await world.db.selectFrom('tasks').select(['enrollment_id', 'created_at']).where('journey_id', '=', journeyId).execute();
    expect(tasks).toHaveLength(CUSTOMERS);
    const lateness = tasks.map((t) => Date.parse(t.created_at) - dueAt.get(t.enrollment_id!)!);
    // Never early (the timer is the engine's, not a guess), and late by no more than the tolerance.
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness), worker.output()).toBeLessThan(TOLERANCE_MS);
    expect(await repos(world.db).enrollments.ofJourney(journeyId)).toHaveLength(CUSTOMERS);

    const sorted = [...lateness].sort((a, b) => a - b);
    report('Temporal dev server killed -9 and restarted while customers wait', {
      customers: CUSTOMERS,
      'server down': `${((backAt - killedAt) / 1000).toFixed(1)} s (killed ${((firstDue - killedAt) / 1000).toFixed(1)} s before the first timer was due)`,
      'timer lateness p50 / max': `${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)} s / ${(sorted.at(-1)! / 1000).toFixed(2)} s (tolerance ${TOLERANCE_MS / 1000} s)`,
      'completed / tasks': `${done.length} / ${tasks.length}`,
    });
    expect(await worker.stop()).toBe(0);
  }, 400_000);
});
