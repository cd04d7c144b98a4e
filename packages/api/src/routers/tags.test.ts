import type { Customer } from '@sopline/db';
import { repos } from '@sopline/db';
import type { DomainError } from '@sopline/domain';
import { dispatchPending } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf } from '../testing.ts';

/** Starts when the customer is tagged 'vip'; sends one script. */
const VIP_JOURNEY: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-tag-added', config: { tags: ['vip'] }, position: { x: 0, y: 0 } },
    { id: 'hello', type: 'send-script', config: { script: '欢迎成为 VIP' }, position: { x: 0, y: 120 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 240 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'out', target: 'end' },
  ],
};

describe('tags router', () => {
  let f: ApiFixture;
  let mine: Customer;
  let theirs: Customer;
  beforeEach(async () => {
    f = await createApiFixture();
    mine = await f.customer(f.a.sales, { tags: ['new'] });
    theirs = await f.customer(f.a.sales2, { tags: ['new', 'vip'] });
  });
  afterEach(async () => {
    await f.close();
  });

  const tagEvents = async (customerId: string) =>
    (await repos(f.db).events.ofCustomer(customerId)).filter((e) => e.kind.startsWith('tag.')).map((e) => [e.kind, e.payload.tag]);

  describe('list', () => {
    it('counts customers per tag; a rep counts only their own', async () => {
      expect((await f.callerAs(f.a.ops).tags.list()).items.map((t) => [t.name, t.customers])).toEqual([
        ['new', 2],
        ['vip', 1],
      ]);
      expect((await f.callerAs(f.a.sales).tags.list()).items.map((t) => [t.name, t.customers])).toEqual([
        ['new', 1],
        ['vip', 0],
      ]);
      expect((await f.callerAs(f.a.ops).tags.list({ q: 'vi' })).items.map((t) => t.name)).toEqual(['vip']);
      expect(await codeOf(f.callerAs(f.a.ops).tags.list({ limit: 0 }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(null).tags.list())).toBe('UNAUTHORIZED');
    });
  });

  describe('add and remove', () => {
    it('records tag.added for new tags only, and tag-triggered journeys start from it', async () => {
      const { journeyId } = await f.liveJourney(f.a, VIP_JOURNEY, 'VIP 欢迎');
      const result = await f.callerAs(f.a.sales).tags.add({ customerId: mine.id, tags: ['vip', 'new', ' 高意向 '] });
      expect(result).toEqual({ added: ['vip', '高意向'], tags: ['new', 'vip', '高意向'].sort() });
      expect(await tagEvents(mine.id)).toEqual([
        ['tag.added', 'vip'],
        ['tag.added', '高意向'],
      ]);
      await dispatchPending(f.deps);
      const enrollments = await repos(f.db).enrollments.ofJourney(journeyId);
      expect(enrollments.map((e) => e.customer_id)).toEqual([mine.id]);
      expect(f.runner.of('start').map((c) => c.enrollmentId)).toEqual([enrollments[0]!.id]);
    });

    it('records tag.removed for tags the customer had, and nothing for the rest', async () => {
      const result = await f.callerAs(f.a.ops).tags.remove({ customerId: theirs.id, tags: ['vip', 'never-had'] });
      expect(result).toEqual({ removed: ['vip'], tags: ['new'] });
      expect(await tagEvents(theirs.id)).toEqual([['tag.removed', 'vip']]);
    });

    it("hides another rep's customer, changing nothing", async () => {
      expect(await codeOf(f.callerAs(f.a.sales).tags.add({ customerId: theirs.id, tags: ['x'] }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.sales).tags.remove({ customerId: theirs.id, tags: ['vip'] }))).toBe('NOT_FOUND');
      expect(await repos(f.db).tags.ofCustomer(theirs.id)).toEqual(['new', 'vip']);
      expect(await tagEvents(theirs.id)).toEqual([]);
      expect(await repos(f.db).tags.byName(f.a.workspace.id, 'x')).toBeUndefined();
    });

    it('refuses empty, blank or oversized tag lists', async () => {
      const add = (tags: string[]) => codeOf(f.callerAs(f.a.sales).tags.add({ customerId: mine.id, tags }));
      expect(await add([])).toBe('BAD_REQUEST');
      expect(await add(['  '])).toBe('BAD_REQUEST');
      expect(await add(['x'.repeat(65)])).toBe('BAD_REQUEST');
      expect(await add(Array.from({ length: 21 }, (_, i) => `t${i}`))).toBe('BAD_REQUEST');
      expect(await repos(f.db).tags.ofCustomer(mine.id)).toEqual(['new']);
    });
  });

  describe('rename and delete', () => {
    const tagId = async (name: string) => (await repos(f.db).tags.byName(f.a.workspace.id, name))!.id;

    it('renames a tag on every customer', async () => {
      const renamed = await f.callerAs(f.a.ops).tags.rename({ tagId: await tagId('new'), name: '新客' });
      expect(renamed).toMatchObject({ name: '新客', customers: 2 });
      expect(await repos(f.db).tags.ofCustomer(mine.id)).toEqual(['新客']);
    });

    it('refuses a taken name, and a tag a journey uses unless forced', async () => {
      expect(await codeOf(f.callerAs(f.a.ops).tags.rename({ tagId: await tagId('new'), name: 'vip' }))).toBe('CONFLICT');
      await f.liveJourney(f.a, VIP_JOURNEY, 'VIP 欢迎');
      const error = await failureOf(f.callerAs(f.a.ops).tags.rename({ tagId: await tagId('vip'), name: 'VIP' }));
      expect(error.code).toBe('CONFLICT');
      expect((error.cause as DomainError).details).toEqual({ journeys: ['VIP 欢迎'] });
      expect(await codeOf(f.callerAs(f.a.ops).tags.delete({ tagId: await tagId('vip') }))).toBe('CONFLICT');
      expect(await repos(f.db).tags.ofCustomer(theirs.id)).toEqual(['new', 'vip']);
      expect((await f.callerAs(f.a.ops).tags.rename({ tagId: await tagId('vip'), name: 'VIP', force: true })).name).toBe('VIP');
    });

    it('deletes a tag from every customer without recording events', async () => {
      expect(await f.callerAs(f.a.admin).tags.delete({ tagId: await tagId('new') })).toEqual({ removedFrom: 2 });
      expect(await repos(f.db).tags.ofCustomer(theirs.id)).toEqual(['vip']);
      expect(await tagEvents(theirs.id)).toEqual([]);
      expect(await codeOf(f.callerAs(f.a.admin).tags.delete({ tagId: 'missing' }))).toBe('NOT_FOUND');
    });

    it('is for managers only', async () => {
      const id = await tagId('new');
      expect(await codeOf(f.callerAs(f.a.sales).tags.rename({ tagId: id, name: 'x' }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.sales).tags.delete({ tagId: id }))).toBe('FORBIDDEN');
      expect(await repos(f.db).tags.ofCustomer(mine.id)).toEqual(['new']);
    });
  });
});
