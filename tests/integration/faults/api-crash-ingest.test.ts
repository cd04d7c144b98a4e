// Fault: the API process is killed (-9) in the middle of an ingest batch sent in several requests.
// Every event whose request got a 2xx must be stored and acted on; after a restart, the client
// re-sends everything with the same idempotency keys: nothing is stored twice and the rest is stored.
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { killStarted, report, startServer, startWorker, waitUntil } from './processes.ts';
import { createWorld, duplicatesOf, PURCHASE_JOURNEY } from './world.ts';
import type { World } from './world.ts';

const EVENTS = 300;
const PER_REQUEST = 50;
const CUSTOMERS = 30;
/** Requests answered before the one the API dies in. */
const ANSWERED_BEFORE_KILL = 2;

type Result = { index: number; status: 'accepted' | 'duplicate' | 'rejected'; eventId?: string };
type Answer = { accepted: number; duplicates: number; rejected: number; results: Result[] };

const purchase = (i: number) => ({
  kind: 'purchase',
  customer: { member_id: `m-${i % CUSTOMERS}`, name: `会员${i % CUSTOMERS}` },
  idempotencyKey: `order-${i}`,
  payload: { amount: 100 + i, orderId: `order-${i}`, product: '面霜' },
});

describe('kill -9 the API during an ingest batch', () => {
  let world: World;
  afterEach(killStarted);
  afterAll(async () => world?.close());

  it('keeps every acknowledged event, acts on it once, and makes the full re-send safe', async () => {
    world = await createWorld();
    const journeyId = await world.journey('购买感谢', PURCHASE_JOURNEY);
    const key = await world.apiKey();
    const env = {
      SOPLINE_DATA_DIR: world.dir,
      DATABASE_URL: world.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalDevAddress'),
      SOPLINE_TASK_QUEUE: world.taskQueue,
      SOPLINE_LEASE_SECONDS: '3',
    };
    const worker = await startWorker('worker', env);
    let api = await startServer('api-1', { ...env, SOPLINE_ROLE: 'api' });
    const batches = Array.from({ length: EVENTS / PER_REQUEST }, (_, b) => Array.from({ length: PER_REQUEST }, (_, k) => purchase(b * PER_REQUEST + k)));
    const post = (url: string, events: unknown[]) =>
      fetch(`${url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

    // The client sends its batches one request at a time; the API dies while answering one.
    const acknowledged = new Map<string, string>(); // idempotency key → event id
    for (const batch of batches.slice(0, ANSWERED_BEFORE_KILL)) {
      const response = await post(api.url, batch);
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Answer;
      for (const r of answer.results) acknowledged.set(batch[r.index]!.idempotencyKey, r.eventId!);
    }
    const inFlight = post(api.url, batches[ANSWERED_BEFORE_KILL]!).then(
      (r) => r.status,
      (err: unknown) => err,
    );
    // Kill it while it is writing that request's events: some are committed, the rest are not.
    const purchases = async () => Number((await world.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'purchase').executeTakeFirstOrThrow()).n);
    await waitUntil('the API to store part of the next request', async () => (await purchases()) > acknowledged.size, 60_000, 5);
    await api.crash();
    const killedAt = Date.now();
    const outcome = await inFlight;
    // Answered or not, the client cannot count on that request: a 2xx that arrived is kept too.
    const inFlightAnswered = typeof outcome === 'number' && outcome < 300;

    const stored = async () => new Map((await world.db.selectFrom('events').select(['id', 'idempotency_key']).where('kind', '=', 'purchase').execute()).map((e) => [e.idempotency_key, e.id]));
    const afterKill = await stored();
    for (const [k, id] of acknowledged) expect(afterKill.get(k), k).toBe(id);
    const inFlightKeys = new Set(batches[ANSWERED_BEFORE_KILL]!.map((e) => e.idempotencyKey));
    const partial = [...afterKill.keys()].filter((k) => inFlightKeys.has(k)).length;

    // After a restart the client re-sends everything, with the same keys.
    api = await startServer('api-2', { ...env, SOPLINE_ROLE: 'api' });
    let accepted = 0;
    let duplicates = 0;
    for (const batch of batches) {
      const response = await post(api.url, batch);
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Answer;
      expect(answer.rejected).toBe(0);
      accepted += answer.accepted;
      duplicates += answer.duplicates;
      for (const r of answer.results) {
        const k = batch[r.index]!.idempotencyKey;
        // An acknowledged event comes back as the same stored event, never a second one.
        if (acknowledged.has(k)) expect(r).toMatchObject({ status: 'duplicate', eventId: acknowledged.get(k) });
        if (afterKill.has(k)) expect(r.status).toBe('duplicate');
      }
    }
    expect(duplicates).toBe(afterKill.size);
    expect(accepted + duplicates).toBe(EVENTS);
    const final = await stored();
    expect(final.size).toBe(EVENTS);
    for (const [k, id] of afterKill) expect(final.get(k)).toBe(id);

    // Acted on: every purchase starts exactly one entry into the journey, which ends with one task.
    await waitUntil('every purchase to be dispatched and its journey completed', async () => {
      const n = await world.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('journey_id', '=', journeyId).where('status', '=', 'completed').executeTakeFirstOrThrow();
      return Number(n.n) === EVENTS;
    }, 300_000, 500);
    const actedAt = Date.now();
    const enrollments = await world.db.selectFrom('enrollments').select(['trigger_event_id']).where('journey_id', '=', journeyId).execute();
    expect(new Set(enrollments.map((e) => e.trigger_event_id))).toEqual(new Set(final.values()));
    const tasks = await world.db.selectFrom('tasks').select(['enrollment_id']).where('journey_id', '=', journeyId).execute();
    expect(tasks).toHaveLength(EVENTS);
    expect(await duplicatesOf(world.db, 'tasks', ['enrollment_id', 'visit'])).toBe(0);
    // The tags the journey added are events too: the dispatcher drains them just after.
    await waitUntil('every event to be dispatched', async () => (await world.db.selectFrom('events').select('id').where('dispatched_at', 'is', null).execute()).length === 0, 60_000, 250);

    report('API killed -9 during an ingest batch, client re-sends with the same keys', {
      'events / requests': `${EVENTS} / ${batches.length} of ${PER_REQUEST}`,
      'acknowledged (2xx) before the kill': acknowledged.size,
      'stored when killed': `${afterKill.size} (of the in-flight request: ${partial} stored, ${inFlightAnswered ? 'answered' : 'no answer'})`,
      're-send of all': `${accepted} accepted, ${duplicates} duplicates, 0 rejected`,
      'stored / enrollments / tasks at the end': `${final.size} / ${enrollments.length} / ${tasks.length}`,
      'kill → every event acted on': `${((actedAt - killedAt) / 1000).toFixed(1)} s`,
    });
    expect(await api.stop()).toBe(0);
    expect(await worker.stop()).toBe(0);
  }, 600_000);
});
