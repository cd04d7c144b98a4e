import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { upsertCustomers } from './upsert.ts';

describe('upsertCustomers', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });
  const upsert = (...items: unknown[]) => upsertCustomers(f.deps, { workspaceId: f.workspace.id, items });

  it('creates a customer with customer.created and one tag.added per tag', async () => {
    const [res] = await upsert({ member_id: 'M1', tags: ['vip', 'new'], stage: '未付费', ownerEmail: 'REP@example.com' });
    expect(res).toMatchObject({ index: 0, status: 'created' });
    if (res?.status !== 'created') throw new Error('not created');
    const r = repos(f.db);
    expect(await r.customers.get(f.workspace.id, res.customerId)).toMatchObject({ name: 'M1', member_id: 'M1', stage: 'unpaid', owner_id: f.rep.id });
    const events = await r.events.ofCustomer(res.customerId);
    expect(events.map((e) => [e.kind, e.payload.tag]).sort()).toEqual([
      ['customer.created', undefined],
      ['tag.added', 'new'],
      ['tag.added', 'vip'],
    ]);
    expect(events.find((e) => e.kind === 'customer.created')?.payload).toEqual({ source: 'api' });
  });

  it('updates the one customer matched by any id, keeping what is not sent', async () => {
    const c = await f.customer({ phone: '1', email: 'a@example.com', stage: 'lead', properties: { a: 1 }, tags: ['old'] });
    const [res] = await upsert({ email: 'a@example.com', member_id: 'M9', properties: { b: 2 }, tags: ['old', 'new'] });
    expect(res).toEqual({ index: 0, status: 'updated', customerId: c.id });
    expect(await repos(f.db).customers.get(f.workspace.id, c.id)).toMatchObject({ name: c.name, phone: '1', member_id: 'M9', stage: 'lead', owner_id: f.rep.id, properties: { a: 1, b: 2 } });
    const kinds = (await repos(f.db).events.ofCustomer(c.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'tag.added')).toHaveLength(1); // only the new one
    expect(kinds).not.toContain('stage.changed');
  });

  it('rejects ids that point at two customers, and unknown owners, without writing', async () => {
    await f.customer({ phone: '1' });
    await f.customer({ email: 'b@example.com' });
    const before = await counts(f.db);
    const results = await upsert({ phone: '1', email: 'b@example.com', name: 'x' }, { phone: '2', ownerEmail: 'ghost@example.com' }, { name: 'no id' });
    expect(results.map((r) => (r.status === 'rejected' ? r.errors.map((e) => e.path) : r.status))).toEqual([['email'], ['ownerEmail'], ['']]);
    expect(await counts(f.db)).toEqual(before);
    expect(await repos(f.db).customers.findByExternalId(f.workspace.id, { phone: '2' })).toBeUndefined();
  });

  it('does not match or assign across workspaces', async () => {
    const other = await repos(f.db).workspaces.create({ name: 'Other', timezone: 'UTC' });
    const theirs = await repos(f.db).users.create({ workspaceId: other.id, email: 'boss@other.test', name: 'Boss', role: 'admin' });
    const mine = await f.customer({ phone: '5' });
    const [res] = await upsertCustomers(f.deps, { workspaceId: other.id, items: [{ phone: '5' }] });
    expect(res?.status).toBe('created');
    expect(res?.status !== 'rejected' && res?.customerId).not.toBe(mine.id);
    const [owner] = await upsert({ phone: '5', ownerEmail: theirs.email });
    expect(owner).toMatchObject({ status: 'rejected', errors: [{ path: 'ownerEmail' }] });
  });
});
