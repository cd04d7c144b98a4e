import type { Customer } from '@sopline/db';
import { repos } from '@sopline/db';
import type { DomainError } from '@sopline/domain';
import { MAX_BULK_IDS } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

describe('customers: bulk actions from the list', () => {
  let f: ApiFixture;
  let mine: Customer[];
  let theirs: Customer;
  let other: Customer;
  beforeEach(async () => {
    f = await createApiFixture();
    mine = [await f.customer(f.a.sales, { name: '王女士', tags: ['old'] }), await f.customer(f.a.sales, { name: '李先生' }), await f.customer(f.a.sales, { name: '赵女士', stage: 'paid' })];
    theirs = await f.customer(f.a.sales2, { name: '另一位顾问的客户' });
    other = await f.customer(f.b.sales, { name: 'B 的客户' });
  });
  afterEach(async () => {
    await f.close();
  });

  const tagsOf = (c: Customer) => repos(f.db).tags.ofCustomer(c.id);
  const ownerOf = async (c: Customer) => (await repos(f.db).customers.get(c.workspace_id, c.id))?.owner_id;
  const events = async (c: Customer, kind: string) => (await repos(f.db).events.ofCustomer(c.id, kind)).length;
  /** The fields a BAD_REQUEST names (zod's flattened field errors). */
  const fieldsOf = async (call: Promise<unknown>) => {
    const error = await failureOf(call);
    expect(error.code).toBe('BAD_REQUEST');
    return Object.keys(z.flattenError(error.cause as z.ZodError).fieldErrors);
  };

  it('tags and untags the picked customers in one go, recording the events, and says how many changed', async () => {
    const ops = f.callerAs(f.a.ops);
    expect(await ops.customers.bulkTag({ customerIds: [mine[0]!.id, mine[1]!.id], tags: ['old', '双十一'] })).toEqual({ customers: 2, changed: 2 });
    expect(await tagsOf(mine[0]!)).toEqual(['old', '双十一']);
    expect(await tagsOf(mine[1]!)).toEqual(['old', '双十一']);
    // One tag.added per tag the customer did not have: journeys triggered by a tag see these too.
    expect([await events(mine[0]!, 'tag.added'), await events(mine[1]!, 'tag.added')]).toEqual([1, 2]);
    // Again: nothing new, nothing changed; the same id twice counts once.
    expect(await ops.customers.bulkTag({ customerIds: [mine[0]!.id, mine[0]!.id, mine[1]!.id], tags: ['双十一'] })).toEqual({ customers: 2, changed: 0 });

    expect(await ops.customers.bulkUntag({ customerIds: [mine[0]!.id, mine[2]!.id], tags: ['old'] })).toEqual({ customers: 2, changed: 1 });
    expect(await tagsOf(mine[0]!)).toEqual(['双十一']);
    expect(await events(mine[0]!, 'tag.removed')).toBe(1);
  });

  it('refuses bad input with BAD_REQUEST naming the field, writing nothing', async () => {
    const ops = f.callerAs(f.a.ops);
    expect(await fieldsOf(ops.customers.bulkTag({ customerIds: [], tags: ['x'] }))).toEqual(['customerIds']);
    const tooMany = Array.from({ length: MAX_BULK_IDS + 1 }, (_, i) => `id-${i}`);
    expect(await fieldsOf(ops.customers.bulkTag({ customerIds: tooMany, tags: ['x'] }))).toEqual(['customerIds']);
    expect(await fieldsOf(ops.customers.bulkTag({ tags: ['x'] }))).toEqual(['customerIds']);
    expect(await fieldsOf(ops.customers.bulkTag({ customerIds: [mine[0]!.id], filter: {}, tags: ['x'] }))).toEqual(['customerIds']);
    expect(await fieldsOf(ops.customers.bulkTag({ customerIds: [mine[0]!.id], tags: [] }))).toEqual(['tags']);
    expect(await fieldsOf(ops.customers.bulkTag({ customerIds: [mine[0]!.id], tags: [' '] }))).toEqual(['tags']);
    expect(await fieldsOf(ops.customers.bulkAssignOwner({ customerIds: [mine[0]!.id], ownerId: '' }))).toEqual(['ownerId']);
    expect(await fieldsOf(ops.customers.bulkEnrol({ customerIds: [mine[0]!.id], journeyId: 'x'.repeat(65) }))).toEqual(['journeyId']);
    expect(await tagsOf(mine[0]!)).toEqual(['old']);
  });

  it("refuses another workspace's ids, and a rep's colleague's, and writes nothing for the others in the call", async () => {
    // The foreign id comes last: were the customers written one by one, the first two would be.
    const ids = [mine[0]!.id, mine[1]!.id, other.id];
    expect(await codeOf(f.callerAs(f.a.ops).customers.bulkTag({ customerIds: ids, tags: ['x'] }))).toBe('NOT_FOUND');
    expect(await codeOf(f.callerAs(f.a.ops).customers.bulkAssignOwner({ customerIds: ids, ownerId: f.a.sales2.id }))).toBe('NOT_FOUND');
    expect(await codeOf(f.callerAs(f.b.ops).customers.bulkUntag({ customerIds: [mine[0]!.id], tags: ['old'] }))).toBe('NOT_FOUND');
    // A sales rep acts on their own customers only.
    const rep = f.callerAs(f.a.sales);
    expect(await codeOf(rep.customers.bulkTag({ customerIds: [mine[0]!.id, theirs.id], tags: ['x'] }))).toBe('NOT_FOUND');
    expect([await tagsOf(mine[0]!), await tagsOf(mine[1]!), await tagsOf(theirs), await tagsOf(other)]).toEqual([['old'], [], [], []]);
    expect([await ownerOf(mine[0]!), await ownerOf(mine[1]!)]).toEqual([f.a.sales.id, f.a.sales.id]);
    expect(await events(mine[1]!, 'tag.added')).toBe(0);
    expect(await rep.customers.bulkTag({ customerIds: [mine[1]!.id], tags: ['x'] })).toEqual({ customers: 1, changed: 1 });
  });

  it('assigns owners (managers only: a rep may not hand customers to anyone), moving open tasks, all or nothing', async () => {
    const task = await f.task(mine[0]!);
    const ops = f.callerAs(f.a.ops);
    expect(await ops.customers.bulkAssignOwner({ customerIds: [mine[0]!.id, mine[1]!.id, theirs.id], ownerId: f.a.sales2.id })).toEqual({ customers: 3, changed: 2, tasksMoved: 1 });
    expect((await repos(f.db).tasks.get(f.a.workspace.id, task.id))?.owner_id).toBe(f.a.sales2.id);
    expect(await codeOf(f.callerAs(f.a.sales2).customers.bulkAssignOwner({ customerIds: [mine[0]!.id], ownerId: f.a.sales2.id }))).toBe('FORBIDDEN');
    // An owner from another workspace: refused naming ownerId, nobody moved.
    const refused = await failureOf(ops.customers.bulkAssignOwner({ customerIds: [mine[2]!.id], ownerId: f.b.sales.id }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect((refused.cause as DomainError).details).toMatchObject({ field: 'ownerId' });
    expect(await ownerOf(mine[2]!)).toBe(f.a.sales.id);
    expect(await ops.customers.bulkAssignOwner({ customerIds: [mine[2]!.id], ownerId: null })).toMatchObject({ customers: 1, changed: 1 });
    expect(await ownerOf(mine[2]!)).toBeNull();
  });

  it('acts on every customer the list filter matches (a rep: their own), and refuses a filter matching too many', async () => {
    await f.customer(f.a.sales2, { name: '王先生', tags: ['old'] });
    expect(await f.callerAs(f.a.ops).customers.bulkTag({ filter: { tags: ['old'] }, tags: ['回访'] })).toEqual({ customers: 2, changed: 2 });
    // The rep's "王" matches 王女士 only: 王先生 is a colleague's.
    expect(await f.callerAs(f.a.sales).customers.bulkUntag({ filter: { q: '王' }, tags: ['回访'] })).toEqual({ customers: 1, changed: 1 });
    expect(await tagsOf(mine[0]!)).toEqual(['old']);
    expect(await f.callerAs(f.b.ops).customers.bulkTag({ filter: { tags: ['old'] }, tags: ['x'] })).toEqual({ customers: 0, changed: 0 });
  });

  it('enrols the picked customers into a live journey as a job with progress; a rep may not', async () => {
    const { journeyId } = await f.liveJourney(f.a);
    const ops = f.callerAs(f.a.ops);
    const started = await ops.customers.bulkEnrol({ customerIds: [mine[0]!.id, mine[1]!.id], journeyId });
    expect(started.customers).toBe(2);
    await expect.poll(async () => (await ops.enrollments.bulkJob({ jobId: started.jobId })).status).toBe('done');
    expect(await ops.enrollments.bulkJob({ jobId: started.jobId })).toMatchObject({ total: 2, done: 2, succeeded: 2 });
    expect((await repos(f.db).enrollments.ofJourneyCustomer(journeyId, mine[2]!.id)).length).toBe(0);
    expect(await codeOf(ops.customers.bulkEnrol({ customerIds: [mine[2]!.id, other.id], journeyId }))).toBe('NOT_FOUND');
    expect(await codeOf(f.callerAs(f.a.sales).customers.bulkEnrol({ customerIds: [mine[2]!.id], journeyId }))).toBe('FORBIDDEN');
    expect((await repos(f.db).enrollments.ofJourneyCustomer(journeyId, mine[2]!.id)).length).toBe(0);
  });
});
