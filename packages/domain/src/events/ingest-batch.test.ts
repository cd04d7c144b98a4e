import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { EventInput, ingestBatch, MAX_PAYLOAD_BYTES } from './ingest-batch.ts';

describe('EventInput', () => {
  const ok = (v: unknown) => EventInput.safeParse(v).success;
  const paths = (v: unknown) => {
    const r = EventInput.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts each kind with its payload and keeps extra payload fields', () => {
    const customer = { phone: '1' };
    expect(ok({ kind: 'purchase', customer, payload: { amount: 0, currency: 'CNY', items: [{ product: 'A', quantity: 2, price: 3 }], sku: 'x' } })).toBe(true);
    expect(ok({ kind: 'tag.added', customer, payload: { tag: 'vip' } })).toBe(true);
    expect(ok({ kind: 'tag.removed', customer, payload: { tag: 'vip' } })).toBe(true);
    expect(ok({ kind: 'stage.changed', customer, payload: { to: 'active', from: 'lead' } })).toBe(true);
    expect(ok({ kind: 'reply.logged', customer, payload: {} })).toBe(true);
    expect(ok({ kind: 'custom', customer: { id: 'c1' }, payload: { name: 'visit', store: 1 } })).toBe(true);
    const parsed = EventInput.parse({ kind: 'custom', customer, payload: { name: ' visit ', store: 1 } });
    expect(parsed.payload).toEqual({ name: 'visit', store: 1 });
  });

  it('points at the failing field', () => {
    expect(paths({ kind: 'purchase', customer: { phone: '1' }, payload: {} })).toEqual(['payload.amount']);
    expect(paths({ kind: 'tag.added', customer: { phone: '1' }, payload: { tag: '' } })).toEqual(['payload.tag']);
    expect(paths({ kind: 'task.completed', customer: { phone: '1' }, payload: {} })).toEqual(['kind']);
    expect(paths({ kind: 'custom', customer: { name: 'only a name' }, payload: { name: 'x' } })).toEqual(['customer']);
    expect(paths({ kind: 'custom', customer: { phone: '1' }, payload: { name: 'x' }, idempotencyKey: 'k'.repeat(201) })).toEqual(['idempotencyKey']);
    expect(paths({ kind: 'custom', customer: { phone: '1' }, payload: { name: 'x' }, occurredAt: '2025-01-01 10:00' })).toEqual(['occurredAt']);
    expect(paths({ kind: 'custom', customer: { phone: '1' }, payload: { name: 'x', blob: 'x'.repeat(MAX_PAYLOAD_BYTES) } })).toEqual(['payload']);
  });

  it('allows occurredAt up to one day ahead', () => {
    const at = (ms: number) => ({ kind: 'custom', customer: { phone: '1' }, payload: { name: 'x' }, occurredAt: new Date(Date.now() + ms).toISOString() });
    expect(ok(at(23 * 3_600_000))).toBe(true);
    expect(ok(at(25 * 3_600_000))).toBe(false);
    expect(ok(at(-365 * 86_400_000))).toBe(true);
  });
});

describe('ingestBatch', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('stores the valid items, rejects the others, each on its own', async () => {
    const known = await f.customer({ phone: '13800000000' });
    const results = await ingestBatch(f.deps, {
      workspaceId: f.workspace.id,
      items: [
        { kind: 'purchase', customer: { phone: '13800000000' }, payload: { amount: 5 }, idempotencyKey: 'a' },
        { kind: 'purchase', customer: { phone: '13800000000' }, payload: { amount: -5 } },
        { kind: 'tag.added', customer: { id: known.id, phone: 'ignored' }, payload: { tag: 'vip' } },
        { kind: 'tag.added', customer: { id: 'missing' }, payload: { tag: 'vip' } },
        { kind: 'custom', customer: { email: 'new@example.com', name: '新客' }, payload: { name: 'signup' }, occurredAt: '2025-01-01T08:00:00+08:00' },
        { kind: 'purchase', customer: { phone: '13800000000' }, payload: { amount: 7 }, idempotencyKey: 'a' },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'rejected', 'accepted', 'duplicate']);
    expect(results[3]).toEqual({ index: 3, status: 'rejected', errors: [{ path: 'customer.id', message: 'No customer with this id' }] });
    const r = repos(f.db);
    expect(await r.tags.ofCustomer(known.id)).toEqual(['vip']);
    expect(await r.customers.findByExternalId(f.workspace.id, { phone: 'ignored' })).toBeUndefined();
    const created = results[4]!;
    expect(created).toMatchObject({ customerCreated: true });
    if (created.status === 'rejected') throw new Error('unreachable');
    expect(await r.customers.get(f.workspace.id, created.customerId)).toMatchObject({ name: '新客', email: 'new@example.com' });
    expect((await r.events.get(created.eventId))?.occurred_at).toBe('2025-01-01T00:00:00.000Z');
    if (results[5]!.status === 'rejected' || results[0]!.status === 'rejected') throw new Error('unreachable');
    expect(results[5]!.eventId).toBe(results[0]!.eventId);
  });

  it('writes nothing for a batch of invalid items', async () => {
    const before = await counts(f.db);
    const results = await ingestBatch(f.deps, { workspaceId: f.workspace.id, items: [null, 1, 'x', {}, { kind: 'purchase' }] });
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await counts(f.db)).toEqual(before);
  });
});
