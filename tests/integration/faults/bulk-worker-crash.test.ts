// Fault: the worker process is killed (-9) in the middle of a bulk enrolment of 2,000 customers and
// started again. The job must finish where it stopped, and every customer must go through the
// journey exactly once: one enrollment, one task.
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { repos } from '@sopline/db';
import { startBulkEnrol } from '@sopline/domain';
import type { JourneyRunner } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { killStarted, report, startWorker, waitUntil } from './processes.ts';
import { createWorld, duplicatesOf, SHORT_JOURNEY } from './world.ts';
import type { World } from './world.ts';

// The figure; FAULTS_BULK_CUSTOMERS lowers it on a machine too loaded to run 2,000 in time.
const CUSTOMERS = Number(process.env.FAULTS_BULK_CUSTOMERS ?? 2000);
const KILL_AT = Math.round(CUSTOMERS * 0.3);
const LEASE_SECONDS = 3;

// The API process only queues the job (backgroundJobs: 'workers'); it never touches the engine.
const noEngine: JourneyRunner = {
  start: () => Promise.reject(new Error('the API process must not start runs for a queued job')),
  signalEvent: () => Promise.reject(new Error('unused')),
  signalGoal: () => Promise.reject(new Error('unused')),
  cancel: () => Promise.reject(new Error('unused')),
  retry: () => Promise.reject(new Error('unused')),
};

describe('kill -9 the worker during a bulk enrolment', () => {
  let world: World;
  afterEach(killStarted);
  afterAll(async () => world?.close());

  it('finishes the job after a restart: every customer enrolled once, one task each, none missing', async () => {
    world = await createWorld();
    const journeyId = await world.journey('欢迎旅程', SHORT_JOURNEY);
    const customerIds = await world.customers(CUSTOMERS, '客户');
    const { job } = await startBulkEnrol(
      { db: world.db, registry: defaultRegistry, runner: noEngine, backgroundJobs: 'workers' },
      { workspaceId: world.workspaceId, journeyId, filter: {}, userId: null },
    );
    expect(job).toMatchObject({ status: 'running', total: CUSTOMERS, claimed_by: null });

    const env = {
      DATABASE_URL: world.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalDevAddress'),
      SOPLINE_TASK_QUEUE: world.taskQueue,
      SOPLINE_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    const jobs = repos(world.db).bulkJobs;
    const t0 = Date.now();
    const first = await startWorker('worker-1', env);
    const before = await waitUntil(`the job to pass ${KILL_AT} customers`, async () => {
      const row = await jobs.get(world.workspaceId, job.id);
      return row && row.done >= KILL_AT ? row : null;
    }, 300_000, 100);
    // Kill it mid-chunk: some customers of the next chunk are enrolled but not yet counted in the row.
    const enrolledAtKill = await waitUntil('the next chunk to begin', async () => {
      const n = Number((await world.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).executeTakeFirstOrThrow()).n);
      return n > before.done + 5 ? n : null;
    }, 60_000, 20);
    await first.crash();
    const killedAt = Date.now();
    const atKill = (await jobs.get(world.workspaceId, job.id))!;
    // The dead process's claim is still on the row: the job is stuck until someone takes it over.
    expect(atKill).toMatchObject({ status: 'running', claimed_by: first.holder });
    expect(atKill.done).toBeLessThan(CUSTOMERS);

    const second = await startWorker('worker-2', env);
    const finished = await waitUntil('the job to finish', async () => {
      const row = await jobs.get(world.workspaceId, job.id);
      return row && row.status !== 'running' ? row : null;
    }, 600_000);
    const jobDoneAt = Date.now();
    expect(finished, second.output()).toMatchObject({ status: 'done', total: CUSTOMERS, done: CUSTOMERS, succeeded: CUSTOMERS, skipped: 0, error: null, claimed_by: second.holder });

    await waitUntil('every enrollment to complete', async () => {
      const n = await world.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).where('status', '=', 'completed').executeTakeFirstOrThrow();
      return Number(n.n) === CUSTOMERS;
    }, 600_000, 500);
    const allDoneAt = Date.now();

    const enrollments = await world.db.selectFrom('enrollments').select(['id', 'customer_id', 'status']).where('journey_id', '=', journeyId).execute();
    expect(enrollments).toHaveLength(CUSTOMERS);
    expect(new Set(enrollments.map((e) => e.customer_id))).toEqual(new Set(customerIds));
    const tasks = await world.db.selectFrom('tasks').select(['enrollment_id', 'customer_id', 'visit', 'script']).where('journey_id', '=', journeyId).execute();
    expect(tasks).toHaveLength(CUSTOMERS);
    expect(new Set(tasks.map((t) => t.customer_id)).size).toBe(CUSTOMERS);
    expect(await duplicatesOf(world.db, 'tasks', ['enrollment_id', 'visit'])).toBe(0);
    expect(await duplicatesOf(world.db, 'enrollments', ['journey_id', 'customer_id'])).toBe(0);
    expect(tasks.every((t) => /^客户\d+，欢迎加入！$/.test(t.script))).toBe(true);

    report('bulk enrolment, worker killed -9 and restarted', {
      customers: CUSTOMERS,
      'when killed': `${enrolledAtKill} enrolled, ${atKill.done} counted in the job row`,
      'time to the kill': `${((killedAt - t0) / 1000).toFixed(1)} s`,
      'lease (claim) time to live': `${LEASE_SECONDS} s`,
      'restart → job done': `${((jobDoneAt - killedAt) / 1000).toFixed(1)} s`,
      'restart → every customer completed': `${((allDoneAt - killedAt) / 1000).toFixed(1)} s`,
      'enrollments / tasks / duplicate tasks': `${enrollments.length} / ${tasks.length} / 0`,
    });
    expect(await second.stop()).toBe(0);
  }, 1_500_000);
});
