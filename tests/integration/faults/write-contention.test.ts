// Load: an API process ingesting events from several clients at once, and a separate worker process
// enrolling customers in bulk and running their steps, all on one database. On SQLite (the
// `integration` project) no write may be lost to "database is locked": transactions take the write
// lock up front and wait for it (busy_timeout). The `integration-pg` project runs it on PostgreSQL.
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { dialectOf } from '@sopline/db';
import { startBulkEnrol } from '@sopline/domain';
import type { JourneyRunner } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { killStarted, LOCKED, report, startServer, startWorker, waitUntil } from './processes.ts';
import { createWorld, duplicatesOf, PURCHASE_JOURNEY, SHORT_JOURNEY } from './world.ts';
import type { World } from './world.ts';

const CLIENTS = 4;
/** Each client sends at least this many requests, and goes on until the worker's bulk job is done. */
const MIN_REQUESTS_PER_CLIENT = 4;
const MAX_REQUESTS_PER_CLIENT = 20;
const PER_REQUEST = 5;
/** Between a client's requests, so the ingest lasts as long as the bulk job. */
const PAUSE_MS = 150;
const BULK = 60;

const queuedOnly: JourneyRunner = {
  start: () => Promise.reject(new Error('queued jobs are run by the worker')),
  signalEvent: () => Promise.reject(new Error('unused')),
  signalGoal: () => Promise.reject(new Error('unused')),
  cancel: () => Promise.reject(new Error('unused')),
  retry: () => Promise.reject(new Error('unused')),
};

describe('API and worker processes writing to one database at once', () => {
  let world: World;
  afterEach(killStarted);
  afterAll(async () => world?.close());

  it('loses no write to "database is locked"', async () => {
    world = await createWorld();
    const purchaseJourney = await world.journey('购买感谢', PURCHASE_JOURNEY);
    const welcomeJourney = await world.journey('欢迎', SHORT_JOURNEY);
    await world.customers(BULK, '老客');
    const key = await world.apiKey();
    const env = {
      SOPLINE_DATA_DIR: world.dir,
      DATABASE_URL: world.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalDevAddress'),
      SOPLINE_TASK_QUEUE: world.taskQueue,
    };
    const worker = await startWorker('worker', env);
    const api = await startServer('api', { ...env, SOPLINE_ROLE: 'api' });

    // The worker enrols and runs the bulk job while the clients post events.
    const t0 = Date.now();
    await startBulkEnrol({ db: world.db, registry: defaultRegistry, runner: queuedOnly, backgroundJobs: 'workers' }, { workspaceId: world.workspaceId, journeyId: welcomeJourney, filter: {}, userId: null });
    const latencies: number[] = [];
    const statuses: number[] = [];
    let accepted = 0;
    let sent = 0;
    const bulkDone = async () => (await world.db.selectFrom('bulk_jobs').select('status').executeTakeFirstOrThrow()).status !== 'running';
    // Start when the worker is writing: it has claimed the job and enrolled its first customers.
    await waitUntil('the worker to start the bulk job', async () => (await world.db.selectFrom('enrollments').select('id').where('journey_id', '=', welcomeJourney).limit(1).execute()).length > 0, 60_000, 50);
    const ingestFrom = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let q = 0; q < MAX_REQUESTS_PER_CLIENT; q += 1) {
          if (q >= MIN_REQUESTS_PER_CLIENT && (await bulkDone())) break;
          const events = Array.from({ length: PER_REQUEST }, () => {
            const i = sent++;
            return { kind: 'purchase', customer: { member_id: `load-${i % 80}` }, idempotencyKey: `load-${i}`, payload: { amount: i, orderId: `load-${i}` } };
          });
          const started = Date.now();
          const response = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
          latencies.push(Date.now() - started);
          statuses.push(response.status);
          accepted += ((await response.json()) as { accepted: number }).accepted;
          await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        }
      }),
    );
    const totalEvents = sent;
    const ingestMs = Date.now() - ingestFrom;
    const bulkDoneWhenIngestEnded = await bulkDone();
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(accepted).toBe(totalEvents);

    const count = async (journeyId: string) =>
      Number((await world.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).where('status', '=', 'completed').executeTakeFirstOrThrow()).n);
    await waitUntil('both journeys to complete for everyone', async () => (await count(purchaseJourney)) === totalEvents && (await count(welcomeJourney)) === BULK, 480_000, 500);
    const allMs = Date.now() - t0;

    const stored = await world.db.selectFrom('events').select('id').where('kind', '=', 'purchase').execute();
    expect(stored).toHaveLength(totalEvents);
    const tasks = await world.db.selectFrom('tasks').select('id').execute();
    expect(tasks).toHaveLength(totalEvents + BULK);
    expect(await duplicatesOf(world.db, 'tasks', ['enrollment_id', 'visit'])).toBe(0);
    const job = await world.db.selectFrom('bulk_jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', done: BULK, succeeded: BULK });
    for (const p of [api, worker]) expect(p.output(), p.name).not.toMatch(LOCKED);

    const sorted = [...latencies].sort((a, b) => a - b);
    report(`API + worker processes on one database (${dialectOf(world.db)})`, {
      'ingest': `${totalEvents} events in ${statuses.length} requests from ${CLIENTS} concurrent clients, in ${(ingestMs / 1000).toFixed(1)} s, while the worker bulk-enrolled ${BULK} (job ${bulkDoneWhenIngestEnded ? 'done' : 'still running'} when ingest ended)`,
      'request latency p50 / max': `${sorted[Math.floor(sorted.length / 2)]} ms / ${sorted.at(-1)} ms (${PER_REQUEST} events per request)`,
      'all steps done': `${(allMs / 1000).toFixed(1)} s after the start`,
      'writes': `${stored.length} events, ${totalEvents + BULK} enrollments and tasks, 0 "database is locked"`,
    });
    expect(await api.stop()).toBe(0);
    expect(await worker.stop()).toBe(0);
    for (const p of [api, worker]) expect(p.output(), p.name).not.toMatch(LOCKED);
  }, 600_000);
});
