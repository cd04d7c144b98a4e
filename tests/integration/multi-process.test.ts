// Scale-out: two API processes (SOPLINE_ROLE=api) and two worker processes (the standalone worker
// entry) against one Temporal server and one database, sharing nothing in memory. Events are posted
// round-robin to both APIs; every event is dispatched exactly once (one dispatcher holds the lease at
// a time), every customer moves through the journey, every task is created once.
// The database is the project's: one SQLite file in `integration`, PostgreSQL (as in a scaled-out
// deployment) in `integration-pg`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { repos } from '@sopline/db';
import { freePort, isPortOpen } from '@sopline/temporal-dev';
import type { JourneyGraphInput } from '@sopline/graph';
import { killStarted, LOCKED, report, SERVER_MAIN, spawnNode, startServer, startWorker, waitUntil, WORKER_MAIN } from './faults/processes.ts';
import type { Proc } from './faults/processes.ts';
import { createWorld, duplicatesOf } from './faults/world.ts';
import type { World } from './faults/world.ts';
import { dialectOf } from '@sopline/db';

const CUSTOMERS = 60;

/** A VIP tag starts it: a welcome script, then wait up to a week for a purchase; a buyer is moved to 'paid' and thanked. */
const vipJourney: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-tag-added', config: { tags: ['vip'] }, position: { x: 0, y: 0 } },
    { id: 'welcome', type: 'send-script', config: { title: 'VIP 欢迎', script: '{{customer.name}}，欢迎成为 VIP' }, position: { x: 0, y: 140 } },
    { id: 'buy', type: 'wait-for-event', config: { event: { kind: 'purchase' }, timeout: { amount: 7, unit: 'days' } }, position: { x: 0, y: 280 } },
    { id: 'paid', type: 'set-stage', config: { stage: 'paid' }, position: { x: 0, y: 420 } },
    { id: 'thanks', type: 'send-script', config: { title: '感谢购买', script: '{{customer.name}}，谢谢您的订单' }, position: { x: 0, y: 560 } },
    { id: 'done', type: 'exit', config: {}, position: { x: 0, y: 700 } },
    { id: 'late', type: 'exit', config: { reason: 'no purchase' }, position: { x: 200, y: 420 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'welcome' },
    { id: 'e2', source: 'welcome', target: 'buy' },
    { id: 'e3', source: 'buy', sourcePort: 'matched', target: 'paid' },
    { id: 'e4', source: 'buy', sourcePort: 'timeout', target: 'late' },
    { id: 'e5', source: 'paid', target: 'thanks' },
    { id: 'e6', source: 'thanks', target: 'done' },
  ],
};

describe('two API and two worker processes on one Temporal and one database', () => {
  let world: World | undefined;
  afterEach(killStarted);
  afterAll(async () => world?.close());

  it('dispatches each event once and runs each customer through the journey once', async () => {
    const w = await createWorld();
    world = w;
    const kind = dialectOf(w.db) === 'postgres' ? 'PostgreSQL' : 'SQLite';
    const journeyId = await w.journey('VIP 旅程', vipJourney);
    const key = await w.apiKey();
    const env = {
      SOPLINE_DATA_DIR: w.dir,
      DATABASE_URL: w.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalDevAddress'),
      SOPLINE_TASK_QUEUE: w.taskQueue,
    };
    const t0 = Date.now();
    const [workerA, workerB, apiA, apiB] = await Promise.all([
      startWorker('worker-a', env),
      startWorker('worker-b', env),
      startServer('api-a', { ...env, SOPLINE_ROLE: 'api' }),
      startServer('api-b', { ...env, SOPLINE_ROLE: 'api' }),
    ]);
    const apis = [apiA, apiB];
    const statuses: Record<string, number[]> = { 'api-a': [], 'api-b': [] };
    let sent = 0;
    const post = async (event: Record<string, unknown>) => {
      const api = apis[sent++ % apis.length]!;
      const response = await fetch(`${api.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(event) });
      statuses[api.name]!.push(response.status);
    };

    // Phase 1: a VIP tag for each customer (new customers, created by their first event), four at a time.
    const customer = (i: number) => ({ member_id: `vip-${i}`, name: `贵宾${i}` });
    const inParallel = async (count: number, send: (i: number) => Promise<void>) => {
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < count) await send(next++);
      }));
    };
    await inParallel(CUSTOMERS, (i) => post({ kind: 'tag.added', customer: customer(i), idempotencyKey: `vip-${i}`, payload: { tag: 'vip' } }));
    await waitUntil('every customer to wait for a purchase', async () => {
      const n = await w.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).where('status', '=', 'waiting').where('wait_event_kind', '=', 'purchase').executeTakeFirstOrThrow();
      return Number(n.n) === CUSTOMERS;
    }, 240_000, 500);
    // Phase 2: a purchase each, which wakes the waiting customer.
    await inParallel(CUSTOMERS, (i) => post({ kind: 'purchase', customer: customer(i), idempotencyKey: `order-${i}`, payload: { amount: 199, orderId: `order-${i}` } }));
    await waitUntil('every customer to complete the journey', async () => {
      const n = await w.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).where('status', '=', 'completed').executeTakeFirstOrThrow();
      return Number(n.n) === CUSTOMERS;
    }, 240_000, 500);
    // The journey's own stage changes are events too: the dispatcher drains them just after.
    await waitUntil('every event to be dispatched', async () => (await w.db.selectFrom('events').select('id').where('dispatched_at', 'is', null).execute()).length === 0, 60_000, 250);
    const elapsed = Date.now() - t0;

    // Both APIs took their half of the requests, and answered each with a 2xx.
    for (const [name, codes] of Object.entries(statuses)) {
      expect(codes, name).toHaveLength(CUSTOMERS);
      expect(codes.every((s) => s === 200 || s === 201 || s === 202), name).toBe(true);
    }
    const events = await w.db.selectFrom('events').select(['id', 'kind', 'dispatched_at']).execute();
    // For each customer: created by its first event, the tag and the purchase posted, and the stage
    // change the journey made (which the dispatcher drains too).
    const kinds: Record<string, number> = {};
    for (const e of events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    expect(kinds).toEqual({ 'customer.created': CUSTOMERS, 'tag.added': CUSTOMERS, purchase: CUSTOMERS, 'stage.changed': CUSTOMERS });
    expect(events.every((e) => e.dispatched_at !== null)).toBe(true);
    // Each worker logs how many events it dispatched: together exactly one dispatch per event.
    const dispatchedBy = (p: Proc) => [...p.output().matchAll(/\[dispatcher\] dispatched (\d+) events?/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    // A worker prints its count just after the rows are marked: give the last line a moment to arrive.
    await waitUntil('the dispatch log lines', async () => dispatchedBy(workerA) + dispatchedBy(workerB) >= events.length, 10_000, 100).catch(() => undefined);
    const byA = dispatchedBy(workerA);
    const byB = dispatchedBy(workerB);
    expect(byA + byB).toBe(events.length);

    const r = repos(w.db);
    const enrollments = await r.enrollments.ofJourney(journeyId);
    expect(enrollments).toHaveLength(CUSTOMERS);
    expect(enrollments.every((e) => e.status === 'completed' && e.exit_reason === 'completed')).toBe(true);
    const tasks = await w.db.selectFrom('tasks').select(['customer_id', 'node_id', 'enrollment_id', 'visit']).where('journey_id', '=', journeyId).execute();
    expect(tasks).toHaveLength(CUSTOMERS * 2);
    expect(await duplicatesOf(w.db, 'tasks', ['enrollment_id', 'visit'])).toBe(0);
    const paid = await w.db.selectFrom('customers').select('id').where('workspace_id', '=', w.workspaceId).where('stage', '=', 'paid').execute();
    expect(paid).toHaveLength(CUSTOMERS);
    for (const p of [workerA, workerB, apiA, apiB]) expect(p.output(), p.name).not.toMatch(LOCKED);

    report(`multi-process: 2 API + 2 worker processes (${kind})`, {
      customers: CUSTOMERS,
      'events posted (round-robin over both APIs)': `${CUSTOMERS * 2} (stored with the ones Sopline made: ${events.length})`,
      'dispatched by worker a / b': `${byA} / ${byB} (sum ${byA + byB} = events stored)`,
      'enrollments completed / tasks': `${enrollments.length} / ${tasks.length}`,
      'wall time, processes started → all completed': `${(elapsed / 1000).toFixed(1)} s`,
    });
    const codes = await Promise.all([apiA.stop(), apiB.stop(), workerA.stop(), workerB.stop()]);
    expect(codes).toEqual([0, 0, 0, 0]);
  }, 600_000);
});

describe('with TEMPORAL_ADDRESS set', () => {
  afterEach(killStarted);

  it('starts no embedded server: an unreachable cluster stops the process with its address', async () => {
    const [closed, embeddedPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'sopline-remote-'));
    try {
      // Even with a usable Temporal CLI at hand, nothing may fall back to starting a dev server.
      const api = spawnNode('api', SERVER_MAIN, { SOPLINE_DATA_DIR: dir, TEMPORAL_ADDRESS: `127.0.0.1:${closed}`, TEMPORAL_PORT: String(embeddedPort), SOPLINE_SEED: 'off', PORT: '0' });
      const worker = spawnNode('worker', WORKER_MAIN, { DATABASE_URL: join(dir, 'sopline.db'), TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
      const [a, w] = await Promise.all([api.exited, worker.exited]);
      expect(a.code, api.output()).toBe(1);
      expect(w.code, worker.output()).toBe(1);
      for (const p of [api, worker]) expect(p.output()).toContain(`Cannot reach Temporal at 127.0.0.1:${closed} (namespace default)`);
      expect(await isPortOpen('127.0.0.1', embeddedPort)).toBe(false);
      expect(await isPortOpen('127.0.0.1', closed)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
