import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerAs } from './customers/edit.ts';
import { upsertCustomers } from './customers/upsert.ts';
import { DomainError } from './errors.ts';
import { runSteps } from './engine/run-steps.ts';
import { ingestEvent } from './events/ingest.ts';
import { publishJourney } from './journeys/publish.ts';
import { counts, createFixture, DAY, line } from './testing.ts';
import type { Fixture } from './testing.ts';

// Writers racing on the same rows, as several API and worker processes do. SQLite queues writing
// transactions behind its write lock; on PostgreSQL (the `unit-pg` project) they really overlap, at
// READ COMMITTED, and must end the same way: nothing twice, nothing lost, no error.
const T0 = Date.parse('2026-03-02T02:00:00Z');

describe('concurrent writers', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('the same run of steps from five workers at once: one set of effects, the same outcome for all', async () => {
    const journeyId = await f.liveJourney(
      line([
        ['start', 'trigger-manual'],
        ['hello', 'send-script', { script: '{{customer.name}} 您好' }],
        ['tag', 'add-tag', { tags: ['greeted'] }],
        ['pause', 'wait'], // one day by default
        ['end', 'exit'],
      ]),
    );
    const customer = await f.customer();
    const { enrollmentId } = await f.enrol(journeyId, customer.id);
    const before = await counts(f.db);
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => runSteps(f.deps, { enrollmentId, seq: 0, now: T0, resume: { kind: 'start' } })));
    expect(outcomes).toEqual(Array(5).fill({ seq: 1, done: false, wait: { until: T0 + DAY, event: false } }));
    const after = await counts(f.db);
    // start, hello, tag, pause: four steps; one task; one tag; one tag.added event.
    expect({ steps: after.steps - before.steps, tasks: after.tasks - before.tasks, tags: after.tags - before.tags, events: after.events - before.events }).toEqual({
      steps: 4,
      tasks: 1,
      tags: 1,
      events: 1,
    });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ step_seq: 1, visits: 4, status: 'waiting', cursor_node_id: 'pause' });
  });

  it('events naming the same unknown phone at once create one customer', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => ingestEvent(f.deps, { workspaceId: f.workspace.id, customer: { phone: '13800000001' }, kind: 'purchase', payload: { amount: i }, idempotencyKey: `p${i}` })),
    );
    const ids = new Set(results.map((r) => r.event.customer_id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.customerCreated)).toHaveLength(1);
    const customerId = [...ids][0]!;
    const events = await repos(f.db).events.ofCustomer(customerId);
    expect(events.map((e) => e.kind).sort()).toEqual(['customer.created', 'purchase', 'purchase', 'purchase', 'purchase']);
  });

  it('the same delivery twice at once is stored once', async () => {
    const customer = await f.customer();
    const send = () => ingestEvent(f.deps, { workspaceId: f.workspace.id, customer: { id: customer.id }, kind: 'tag.added', payload: { tag: 'vip' }, idempotencyKey: 'once' });
    const results = await Promise.all([send(), send(), send()]);
    expect(new Set(results.map((r) => r.event.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await repos(f.db).tags.ofCustomer(customer.id)).toEqual(['vip']);
  });

  it('upserts of the same new customer at once: one creates, the others update it', async () => {
    const upsert = (name: string) => upsertCustomers(f.deps, { workspaceId: f.workspace.id, items: [{ phone: '13900000002', name, tags: ['web'] }] });
    const results = (await Promise.all(['甲', '乙', '丙'].map(upsert))).flat();
    expect(results.map((r) => r.status).sort()).toEqual(['created', 'updated', 'updated']);
    const ids = new Set(results.map((r) => ('customerId' in r ? r.customerId : null)));
    expect(ids.size).toBe(1);
    const rows = await f.db.selectFrom('customers').select(['id', 'name']).where('phone', '=', '13900000002').execute();
    expect(rows).toHaveLength(1);
    expect(await repos(f.db).tags.ofCustomer(rows[0]!.id)).toEqual(['web']);
  });

  it('two people saving a new customer with the same phone at once: one is created, the other gets the duplicate error', async () => {
    const viewer = { workspaceId: f.workspace.id, userId: f.rep.id, role: f.rep.role };
    const results = await Promise.allSettled(['甲', '乙'].map((name) => createCustomerAs(f.deps, viewer, { name, phone: '13700000003' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!.reason as unknown;
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('customer.duplicate-id');
    expect(await f.db.selectFrom('customers').select('id').where('phone', '=', '13700000003').execute()).toHaveLength(1);
  });

  it('publishing one journey three times at once makes versions 1, 2 and 3', async () => {
    const journey = await repos(f.db).journeys.create({
      workspaceId: f.workspace.id,
      name: 'J',
      graph: line([
        ['start', 'trigger-manual'],
        ['end', 'exit'],
      ]),
    });
    const versions = await Promise.all([1, 2, 3].map(() => publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId: journey.id })));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    const live = (await repos(f.db).journeys.get(f.workspace.id, journey.id))!.live_version_id;
    expect(versions.map((v) => v.id)).toContain(live);
  });
});
