import type { Customer, TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { ingestEvent, viewRange } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture } from '../testing.ts';

const HOUR = 3_600_000;

describe('tasks router', () => {
  let f: ApiFixture;
  let customer: Customer;
  // Due times relative to the current day in workspace A's zone (Asia/Shanghai).
  let at: { overdue: string; today: string; upcoming: string };
  beforeEach(async () => {
    f = await createApiFixture();
    customer = await f.customer(f.a.sales, { name: '王女士', stage: 'paid', tags: ['vip'] });
    const today = viewRange('today', f.a.workspace.timezone, new Date());
    at = {
      overdue: new Date(Date.parse(today.dueFrom!) - HOUR).toISOString(),
      today: new Date(Date.parse(today.dueFrom!) + 60_000).toISOString(),
      upcoming: new Date(Date.parse(today.dueTo!) + HOUR).toISOString(),
    };
  });
  afterEach(async () => {
    await f.close();
  });

  const task = (input: Partial<TaskRow> = {}, c = customer) => f.task(c, input);
  const stored = async (t: TaskRow) => (await repos(f.db).tasks.get(t.workspace_id, t.id))!;

  describe('mine', () => {
    it('splits open tasks into overdue, today and upcoming by the workspace day, and closed ones into done', async () => {
      const overdue = await task({ title: 'overdue', due_at: at.overdue });
      const today = await task({ title: 'today', due_at: at.today });
      const upcoming = await task({ title: 'upcoming', due_at: at.upcoming });
      const done = await task({ title: 'done', due_at: at.today });
      await f.callerAs(f.a.sales).tasks.skip({ taskId: done.id, outcome: 'no-answer', note: '没接' });
      const sales = f.callerAs(f.a.sales).tasks;
      const view = async (v: 'today' | 'overdue' | 'upcoming' | 'done') => (await sales.mine({ view: v })).items.map((t) => t.id);
      expect(await view('overdue')).toEqual([overdue.id]);
      expect(await view('today')).toEqual([today.id]);
      expect(await view('upcoming')).toEqual([upcoming.id]);
      expect(await view('done')).toEqual([done.id]);
      expect((await sales.mine({ view: 'done' })).items[0]).toMatchObject({ status: 'skipped', outcome: 'no-answer', note: '没接' });
      // today is the default view
      expect((await sales.mine()).items.map((t) => t.id)).toEqual([today.id]);
    });

    it("follows the rep's own clock when they set one, and refuses a zone that is not one", async () => {
      // A caller reads the user row as a session would on the next request.
      const sales = f.callerAs(f.a.sales);
      const reload = async () => f.callerAs(await f.user(f.a.sales));
      // A moment that is today in Los Angeles but not today in Shanghai (the workspace's zone).
      const now = new Date();
      const sh = viewRange('today', 'Asia/Shanghai', now);
      const la = viewRange('today', 'America/Los_Angeles', now);
      const due = Date.parse(la.dueFrom!) < Date.parse(sh.dueFrom!) ? Date.parse(la.dueFrom!) + 60_000 : Date.parse(la.dueTo!) - 60_000;
      expect(due < Date.parse(sh.dueFrom!) || due >= Date.parse(sh.dueTo!)).toBe(true);
      const elsewhere = await task({ title: 'elsewhere', due_at: new Date(due).toISOString() });
      const today = async () => (await (await reload()).tasks.mine({ view: 'today' })).items.map((t) => t.id);
      expect(await today()).not.toContain(elsewhere.id);

      expect(await sales.auth.updateProfile({ timezone: 'America/Los_Angeles' })).toEqual({ timezone: 'America/Los_Angeles', timeZone: 'America/Los_Angeles' });
      expect(await (await reload()).auth.me()).toMatchObject({ user: { timezone: 'America/Los_Angeles' }, timeZone: 'America/Los_Angeles', workspace: { timezone: 'Asia/Shanghai' } });
      expect(await today()).toContain(elsewhere.id);

      // Back to the workspace's clock; a zone that is not one is refused and changes nothing.
      expect((await sales.auth.updateProfile({ timezone: null })).timeZone).toBe('Asia/Shanghai');
      expect(await codeOf(sales.auth.updateProfile({ timezone: 'Mars/Olympus' }))).toBe('BAD_REQUEST');
      expect((await (await reload()).auth.me()).timeZone).toBe('Asia/Shanghai');
      expect(await today()).not.toContain(elsewhere.id);
    });

    it("carries the customer's name, stage, tags, last purchase and the journey's name", async () => {
      const purchase = (amount: number, product: string, occurredAt: string) =>
        ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: customer.id }, kind: 'purchase', payload: { amount, product }, occurredAt });
      await purchase(299, '精华', '2026-02-10T18:30:00.000Z');
      await purchase(99, '面膜', '2026-01-01T00:00:00.000Z');
      const { journeyId } = await f.liveJourney(f.a, undefined, '新客欢迎');
      await f.enrolAndStart(f.a, journeyId, customer.id);
      const [item] = (await f.callerAs(f.a.sales).tasks.mine({ view: 'today' })).items;
      expect(item).toMatchObject({
        title: '问候',
        script: '王女士您好',
        owner: { id: f.a.sales.id, name: f.a.sales.name },
        customer: { id: customer.id, name: '王女士', stage: 'paid', tags: ['vip'] },
        // The later purchase, dated in Shanghai (02:30 on the 11th there).
        lastPurchase: { product: '精华', amount: 299, date: '2026-02-11', occurredAt: '2026-02-10T18:30:00.000Z' },
        journey: { id: journeyId, name: '新客欢迎' },
      });
    });

    it('pages with a cursor, soonest due first, without repeats', async () => {
      const base = Date.parse(at.today);
      const made = [];
      for (let i = 0; i < 5; i += 1) made.push(await task({ title: `t${i}`, due_at: new Date(base + (i % 3) * 60_000).toISOString() }));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await f.callerAs(f.a.sales).tasks.mine({ view: 'today', limit: 2, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(5);
      const dues = await Promise.all(seen.map(async (id) => (await repos(f.db).tasks.get(f.a.workspace.id, id))!.due_at));
      expect(dues).toEqual([...dues].sort());
      expect(await codeOf(f.callerAs(f.a.sales).tasks.mine({ cursor: 'garbage' }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.sales).tasks.mine({ limit: 201 }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.sales).tasks.mine({ view: 'later' as 'today' }))).toBe('BAD_REQUEST');
    });

    it("shows only the caller's own tasks", async () => {
      const other = await f.customer(f.a.sales2);
      await task({ due_at: at.today }, other);
      const mine = await task({ due_at: at.today });
      expect((await f.callerAs(f.a.sales).tasks.mine()).items.map((t) => t.id)).toEqual([mine.id]);
      expect((await f.callerAs(f.a.ops).tasks.mine()).items).toEqual([]);
      expect(await codeOf(f.callerAs(null).tasks.mine())).toBe('UNAUTHORIZED');
    });
  });

  describe('team', () => {
    it("shows managers any rep's tasks, unassigned ones, or everyone's", async () => {
      const other = await f.customer(f.a.sales2);
      const nobody = await f.customer({ workspace: f.a.workspace });
      const t1 = await task({ due_at: at.today });
      const t2 = await task({ due_at: at.today }, other);
      const t3 = await task({ due_at: at.today }, nobody);
      const ops = f.callerAs(f.a.ops).tasks;
      expect((await ops.team({ view: 'today' })).items.map((t) => t.id).sort()).toEqual([t1.id, t2.id, t3.id].sort());
      expect((await ops.team({ view: 'today', ownerId: f.a.sales2.id })).items.map((t) => t.id)).toEqual([t2.id]);
      expect((await ops.team({ view: 'today', ownerId: null })).items.map((t) => t.id)).toEqual([t3.id]);
      expect(await codeOf(f.callerAs(f.a.sales).tasks.team({ view: 'today' }))).toBe('FORBIDDEN');
    });
  });

  describe('complete and skip', () => {
    it("completes with an outcome and note, recording task.completed (and reply.logged for 'replied')", async () => {
      const t = await task();
      const result = await f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'replied', note: '下周来店' });
      expect(result).toMatchObject({ id: t.id, status: 'done', outcome: 'replied', note: '下周来店' });
      expect(result.completedAt).not.toBeNull();
      const kinds = (await repos(f.db).events.ofCustomer(customer.id)).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['task.completed', 'reply.logged']));
      expect(await codeOf(f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'replied' }))).toBe('CONFLICT');
    });

    it('skips with an outcome', async () => {
      const t = await task();
      expect(await f.callerAs(f.a.ops).tasks.skip({ taskId: t.id, outcome: 'wrong-contact' })).toMatchObject({ status: 'skipped', outcome: 'wrong-contact' });
    });

    it("refuses a skip recorded as 'sent' (it did not go out), naming the outcome field, and leaves the task open", async () => {
      const t = await task();
      const error = await f.callerAs(f.a.sales).tasks.skip({ taskId: t.id, outcome: 'sent' as 'other' }).then(
        () => null,
        (e: unknown) => e as { code: string; cause: { issues: Array<{ path: unknown[]; message: string }> } },
      );
      expect(error?.code).toBe('BAD_REQUEST');
      expect(error?.cause.issues.map((i) => [i.path, i.message])).toEqual([[['outcome'], "A skipped task was not sent: choose another outcome than 'sent'"]]);
      expect((await stored(t)).status).toBe('open');
      // Done may still record it: copying and sending is what 'sent' is for.
      expect(await f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'sent' })).toMatchObject({ status: 'done', outcome: 'sent' });
    });

    it("refuses another rep's task as not found, and bad outcomes, leaving the task open", async () => {
      const t = await task();
      expect(await codeOf(f.callerAs(f.a.sales2).tasks.complete({ taskId: t.id, outcome: 'bought' }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.sales2).tasks.skip({ taskId: t.id, outcome: 'other' }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'ghosted' as 'other' }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'other', note: 'x'.repeat(2001) }))).toBe('BAD_REQUEST');
      expect((await stored(t)).status).toBe('open');
    });
  });

  describe('snooze', () => {
    it('moves the due time into the future, taking the task out of today', async () => {
      const t = await task({ due_at: at.today });
      const result = await f.callerAs(f.a.sales).tasks.snooze({ taskId: t.id, until: at.upcoming });
      expect(result).toMatchObject({ dueAt: at.upcoming, snoozedUntil: at.upcoming, status: 'open' });
      expect((await f.callerAs(f.a.sales).tasks.mine({ view: 'upcoming' })).items.map((i) => i.id)).toEqual([t.id]);
      expect((await f.callerAs(f.a.sales).tasks.mine({ view: 'today' })).items).toEqual([]);
    });

    it('refuses the past, more than a year ahead, bad dates and other reps', async () => {
      const t = await task({ due_at: at.today });
      const snooze = (until: string, as = f.a.sales) => codeOf(f.callerAs(as).tasks.snooze({ taskId: t.id, until }));
      expect(await snooze(new Date(Date.now() - 60_000).toISOString())).toBe('BAD_REQUEST');
      expect(await snooze(new Date(Date.now() + 400 * 86_400_000).toISOString())).toBe('BAD_REQUEST');
      expect(await snooze('tomorrow')).toBe('BAD_REQUEST');
      expect(await snooze(at.upcoming, f.a.sales2)).toBe('NOT_FOUND');
      expect((await stored(t)).due_at).toBe(at.today);
    });
  });

  describe('reassign', () => {
    it('gives an open task to another active rep', async () => {
      const t = await task({ due_at: at.today });
      expect(await f.callerAs(f.a.ops).tasks.reassign({ taskId: t.id, ownerId: f.a.sales2.id })).toMatchObject({ ownerId: f.a.sales2.id });
      expect((await f.callerAs(f.a.sales2).tasks.mine()).items.map((i) => i.id)).toEqual([t.id]);
      expect((await f.callerAs(f.a.sales).tasks.mine()).items).toEqual([]);
    });

    it('refuses users outside the workspace or inactive, closed tasks, and sales reps', async () => {
      const t = await task();
      const reassign = (ownerId: string, as = f.a.ops) => codeOf(f.callerAs(as).tasks.reassign({ taskId: t.id, ownerId }));
      expect(await reassign(f.b.sales.id)).toBe('BAD_REQUEST');
      await f.callerAs(f.a.admin).users.deactivate({ userId: f.a.sales2.id });
      expect(await reassign(f.a.sales2.id)).toBe('BAD_REQUEST');
      expect(await reassign(f.a.sales.id, f.a.sales)).toBe('FORBIDDEN');
      expect((await stored(t)).owner_id).toBe(f.a.sales.id);
      await f.callerAs(f.a.sales).tasks.complete({ taskId: t.id, outcome: 'bought' });
      expect(await reassign(f.a.ops.id)).toBe('CONFLICT');
    });
  });

  describe('counts', () => {
    it("counts the caller's open tasks due today and overdue", async () => {
      await task({ due_at: at.overdue });
      await task({ due_at: at.overdue });
      await task({ due_at: at.today });
      await task({ due_at: at.upcoming });
      const closed = await task({ due_at: at.today });
      await f.callerAs(f.a.sales).tasks.complete({ taskId: closed.id, outcome: 'other' });
      expect(await f.callerAs(f.a.sales).tasks.counts()).toEqual({ today: 1, overdue: 2 });
      expect(await f.callerAs(f.a.sales2).tasks.counts()).toEqual({ today: 0, overdue: 0 });
      expect(await codeOf(f.callerAs(null).tasks.counts())).toBe('UNAUTHORIZED');
    });
  });
});
