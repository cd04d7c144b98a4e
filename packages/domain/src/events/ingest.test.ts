import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { ingestEvent } from './ingest.ts';
import type { IngestInput } from './ingest.ts';

describe('ingestEvent', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const ingest = (input: Omit<IngestInput, 'workspaceId'>) => ingestEvent(f.deps, { workspaceId: f.workspace.id, ...input });

  it('creates an unknown customer referenced by phone once, with its own customer.created event first', async () => {
    const first = await ingest({ customer: { phone: '13800000001' }, kind: 'purchase', payload: { amount: 99 }, idempotencyKey: 'order-1' });
    expect(first).toMatchObject({ duplicate: false, customerCreated: true });
    const customer = await repos(f.db).customers.findByExternalId(f.workspace.id, { phone: '13800000001' });
    expect(customer).toMatchObject({ id: first.event.customer_id, name: '13800000001', owner_id: null });
    const events = await repos(f.db).events.ofCustomer(first.event.customer_id);
    expect(events.map((e) => e.kind).sort()).toEqual(['customer.created', 'purchase']);
    const created = events.find((e) => e.kind === 'customer.created')!;
    expect(created.payload).toEqual({ source: 'event' });
    expect(created.seq).toBeLessThan(first.event.seq); // dispatched before the event that made it

    // Another event for the same phone finds the customer.
    const second = await ingest({ customer: { phone: '13800000001', name: 'ignored' }, kind: 'purchase', payload: { amount: 5 } });
    expect(second).toMatchObject({ duplicate: false, customerCreated: false });
    expect(second.event.customer_id).toBe(first.event.customer_id);
  });

  it('takes the name when one is given, and finds a customer by any external id', async () => {
    const { event } = await ingest({ customer: { email: 'a@example.com', name: '张三' }, kind: 'custom', payload: { name: 'visit' } });
    expect((await repos(f.db).customers.get(f.workspace.id, event.customer_id))?.name).toBe('张三');
    const again = await ingest({ customer: { phone: '139', email: 'a@example.com' }, kind: 'custom', payload: { name: 'visit' } });
    expect(again).toMatchObject({ customerCreated: false, event: { customer_id: event.customer_id } });
  });

  it('a replay with the same idempotency key writes nothing and returns the stored event as a duplicate', async () => {
    const input = { customer: { phone: '13800000002' }, kind: 'tag.added', payload: { tag: 'vip' }, idempotencyKey: 'crm-42' } as const;
    const first = await ingest(input);
    const before = await counts(f.db);
    const replay = await ingest(input);
    expect(replay).toEqual({ event: first.event, duplicate: true, customerCreated: false });
    expect(await counts(f.db)).toEqual(before);
  });

  it('a replay that names another, unknown customer creates nobody', async () => {
    await ingest({ customer: { phone: '13800000003' }, kind: 'purchase', payload: { amount: 1 }, idempotencyKey: 'order-9' });
    const before = await counts(f.db);
    const replay = await ingest({ customer: { phone: '13899999999' }, kind: 'purchase', payload: { amount: 1 }, idempotencyKey: 'order-9' });
    expect(replay.duplicate).toBe(true);
    expect(await counts(f.db)).toEqual(before);
    expect(await repos(f.db).customers.findByExternalId(f.workspace.id, { phone: '13899999999' })).toBeUndefined();
  });

  it('tag.added, tag.removed and stage.changed update the customer', async () => {
    const customer = await f.customer({ stage: 'lead' });
    const ref = { id: customer.id };
    await ingest({ customer: ref, kind: 'tag.added', payload: { tag: 'vip' } });
    await ingest({ customer: ref, kind: 'tag.added', payload: { tag: 'gold' } });
    expect(await repos(f.db).tags.ofCustomer(customer.id)).toEqual(['gold', 'vip']);
    await ingest({ customer: ref, kind: 'tag.removed', payload: { tag: 'vip' } });
    expect(await repos(f.db).tags.ofCustomer(customer.id)).toEqual(['gold']);
    await ingest({ customer: ref, kind: 'stage.changed', payload: { from: 'lead', to: 'paid' } });
    expect((await repos(f.db).customers.get(f.workspace.id, customer.id))?.stage).toBe('paid');
    // Payloads without the field change nothing.
    await ingest({ customer: ref, kind: 'tag.added', payload: {} });
    await ingest({ customer: ref, kind: 'stage.changed', payload: { to: 7 } });
    expect(await repos(f.db).tags.ofCustomer(customer.id)).toEqual(['gold']);
    expect((await repos(f.db).customers.get(f.workspace.id, customer.id))?.stage).toBe('paid');
  });

  it('a replayed tag event does not apply again', async () => {
    const customer = await f.customer();
    await ingest({ customer: { id: customer.id }, kind: 'tag.added', payload: { tag: 'vip' }, idempotencyKey: 'k1' });
    await ingest({ customer: { id: customer.id }, kind: 'tag.removed', payload: { tag: 'vip' }, idempotencyKey: 'k2' });
    const replay = await ingest({ customer: { id: customer.id }, kind: 'tag.added', payload: { tag: 'vip' }, idempotencyKey: 'k1' });
    expect(replay.duplicate).toBe(true);
    expect(await repos(f.db).tags.ofCustomer(customer.id)).toEqual([]);
  });

  it('stores the event undispatched, with the given occurredAt', async () => {
    const customer = await f.customer();
    const { event } = await ingest({ customer: { id: customer.id }, kind: 'purchase', payload: { amount: 1 }, occurredAt: '2026-01-05T08:00:00.000Z' });
    expect(event).toMatchObject({ occurred_at: '2026-01-05T08:00:00.000Z', dispatched_at: null, dispatch_attempts: 0 });
    expect((await repos(f.db).events.pending(100)).map((e) => e.id)).toContain(event.id);
  });

  it('refuses an unknown customer id and stores nothing', async () => {
    const before = await counts(f.db);
    await expect(ingest({ customer: { id: 'nobody' }, kind: 'purchase', payload: {} })).rejects.toThrow(/not found/);
    expect(await counts(f.db)).toEqual(before);
  });
});
