import type { Customer } from '@sopline/db';
import { repos } from '@sopline/db';
import { ingestEvent, runSteps } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiFixture, Caller } from '../testing.ts';
import { codeOf, createApiFixture, failureOf, SIMPLE_JOURNEY } from '../testing.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T02:00:00.000Z');
const MARCH = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

describe('analytics router', () => {
  let f: ApiFixture;
  let ops: Caller;
  beforeEach(async () => {
    f = await createApiFixture();
    ops = f.callerAs(f.a.ops);
  });
  afterEach(async () => {
    await f.close();
  });

  describe('nodeCounts', () => {
    const REPEATABLE: JourneyGraphInput = { ...SIMPLE_JOURNEY, settings: { reentry: 'after-exit', goal: null } };

    it('counts per node: distinct customers who entered, enrollments waiting now, and enrollments that ended there', async () => {
      const { journeyId, versionId: v1 } = await f.liveJourney(f.a, REPEATABLE);
      const [c1, c2, c3, c4, c5] = await Promise.all([1, 2, 3, 4, 5].map(() => f.customer(f.a.sales)));
      for (const c of [c1!, c2!, c3!, c5!]) await f.enrolAndStart(f.a, journeyId, c.id, new Date(T0));
      // c3 finishes (start → hello → pause → end) and comes back in: it waits at pause again.
      const [firstOfC3] = await repos(f.db).enrollments.ofJourneyCustomer(journeyId, c3!.id);
      await runSteps(f.deps, { enrollmentId: firstOfC3!.id, seq: firstOfC3!.step_seq, now: T0 + DAY, resume: { kind: 'timer' } });
      await f.enrolAndStart(f.a, journeyId, c3!.id, new Date(T0 + DAY));
      // c4 entered but its run has not taken a step; c5 is cancelled while waiting.
      await ops.enrollments.enrol({ journeyId, customerId: c4!.id });
      const [ofC5] = await repos(f.db).enrollments.ofJourneyCustomer(journeyId, c5!.id);
      await ops.enrollments.cancel({ enrollmentId: ofC5!.id });

      const counts = await ops.analytics.nodeCounts({ journeyId });
      expect(counts).toMatchObject({ versionId: v1, version: 1 });
      expect(counts.nodes.map((n) => [n.nodeId, n.entered, n.waitingNow, n.exited])).toEqual([
        // Everyone enrolled passed the trigger, c4 too (as the journeys list counts it); the steps count who got further.
        ['start', 5, 0, 0],
        ['hello', 4, 0, 0],
        ['pause', 4, 3, 1],
        ['end', 1, 0, 1],
      ]);
      expect(counts.nodes[2]).toMatchObject({ type: 'wait', label: '等一天' });

      // A new live version starts from zero; the old one keeps its numbers.
      await ops.journeys.publish({ id: journeyId, notes: 'v2' });
      expect((await ops.analytics.nodeCounts({ journeyId })).nodes.every((n) => n.entered + n.waitingNow + n.exited === 0)).toBe(true);
      expect((await ops.analytics.nodeCounts({ journeyId, versionId: v1 })).nodes.find((n) => n.nodeId === 'pause')).toMatchObject({ entered: 4, waitingNow: 3, exited: 1 });

      const other = await f.liveJourney(f.a, SIMPLE_JOURNEY, 'other');
      expect(await codeOf(ops.analytics.nodeCounts({ journeyId, versionId: other.versionId }))).toBe('NOT_FOUND');
      const { id: draft } = await ops.journeys.create({ name: 'unpublished' });
      expect(await ops.analytics.nodeCounts({ journeyId: draft })).toEqual({ versionId: null, version: null, nodes: [] });
    });
  });

  describe('stageFunnel', () => {
    const JAN = '2025-01-10T00:00:00.000Z';
    const change = (c: Customer, from: string | null, to: string, at: string) =>
      ingestEvent(f.deps, { workspaceId: c.workspace_id, customer: { id: c.id }, kind: 'stage.changed', payload: { from, to }, occurredAt: at });

    it('counts stages now, changes in the period, and who passed through each stage and moved on (a skipped stage included)', async () => {
      const s = f.a.sales;
      const a = await f.customer(s, { stage: 'unpaid', createdAt: JAN });
      const b = await f.customer(s, { stage: 'unpaid', createdAt: JAN });
      await f.customer(s, { stage: 'unpaid', createdAt: JAN }); // c: unpaid throughout
      const d = await f.customer(s, { stage: 'unpaid', createdAt: '2025-03-15T00:00:00.000Z' });
      const e = await f.customer(s, { stage: 'paid', createdAt: JAN });
      await f.customer(s, { stage: 'unpaid', createdAt: '2025-04-05T00:00:00.000Z' }); // f: joined after the period
      const g = await f.customer(s, { stage: 'repeat', createdAt: JAN });
      const h = await f.customer(s, { createdAt: JAN });
      await f.customer(s, { createdAt: JAN }); // i: never had a stage
      const k = await f.customer(s, { stage: 'paid', createdAt: JAN }); // k: skips 复购
      await change(b, 'unpaid', 'paid', '2025-02-15T00:00:00.000Z');
      await change(h, null, 'unpaid', '2025-03-02T00:00:00.000Z');
      await change(a, 'unpaid', 'paid', '2025-03-05T00:00:00.000Z');
      await change(b, 'paid', 'repeat', '2025-03-10T00:00:00.000Z');
      await change(g, 'repeat', 'advocate', '2025-03-12T00:00:00.000Z');
      await change(k, 'paid', 'advocate', '2025-03-18T00:00:00.000Z');
      await change(a, 'paid', 'repeat', '2025-03-20T00:00:00.000Z');
      await change(d, 'unpaid', 'paid', '2025-03-25T00:00:00.000Z');
      await change(e, 'paid', 'repeat', '2025-04-10T00:00:00.000Z');
      // Another workspace's customers never count.
      const other = await f.customer(f.b.sales, { stage: 'unpaid', createdAt: JAN });
      await change(other, 'unpaid', 'paid', '2025-03-06T00:00:00.000Z');

      const funnel = await ops.analytics.stageFunnel(MARCH);
      expect(funnel.stages).toEqual(['unpaid', 'paid', 'repeat', 'advocate']);
      expect(funnel.current).toEqual([
        { stage: 'unpaid', customers: 3 },
        { stage: 'paid', customers: 1 },
        { stage: 'repeat', customers: 3 },
        { stage: 'advocate', customers: 2 },
        { stage: null, customers: 1 },
      ]);
      const key = (t: { from: string | null; to: string | null }) => `${t.from}>${t.to}`;
      expect(Object.fromEntries(funnel.transitions.map((t) => [key(t), t.count]))).toEqual({ 'unpaid>paid': 2, 'paid>repeat': 2, 'repeat>advocate': 1, 'paid>advocate': 1, 'null>unpaid': 1 });
      // Passed through in March — unpaid: a, c, d (joined unpaid), h; paid: a, b, d, e, k; repeat: a, b, g and
      // k (who skipped it going paid → advocate); advocate: g, k. Moved on: from unpaid a, d; from paid a, b, k;
      // from repeat g, k.
      expect(funnel.period).toEqual([
        { stage: 'unpaid', passed: 4, movedOn: 2, rate: 0.5 },
        { stage: 'paid', passed: 5, movedOn: 3, rate: 0.6 },
        { stage: 'repeat', passed: 4, movedOn: 2, rate: 0.5 },
        { stage: 'advocate', passed: 2, movedOn: null, rate: null },
      ]);

      // A funnel of its own stages: advocate is outside it, so k's move counts nowhere.
      const custom = await ops.analytics.stageFunnel({ ...MARCH, stages: ['paid', 'repeat'] });
      expect(custom.period).toEqual([
        { stage: 'paid', passed: 5, movedOn: 2, rate: 0.4 },
        { stage: 'repeat', passed: 3, movedOn: null, rate: null },
      ]);
      const empty = await ops.analytics.stageFunnel({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
      expect(empty.transitions).toEqual([]);
      expect(empty.period[0]).toEqual({ stage: 'unpaid', passed: 0, movedOn: 0, rate: null });

      // The workspace's own stage list, in the order set in Settings, is the funnel.
      const label = (s: string) => ({ 'zh-CN': s, en: s });
      await ops.stages.save({ stages: ['unpaid', 'trial', 'paid', 'repeat', 'advocate'].map((code) => ({ code, label: label(code) })) });
      const own = await ops.analytics.stageFunnel(MARCH);
      expect(own.period.map((p) => p.stage)).toEqual(['unpaid', 'trial', 'paid', 'repeat', 'advocate']);
    });

    it('refuses a period that runs backwards or spans more than two years', async () => {
      expect(await codeOf(ops.analytics.stageFunnel({ from: MARCH.to, to: MARCH.from }))).toBe('BAD_REQUEST');
      expect(await codeOf(ops.analytics.stageFunnel({ from: '2020-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }))).toBe('BAD_REQUEST');
      expect(await codeOf(ops.analytics.taskCompletion({ from: 'yesterday', to: MARCH.to }))).toBe('BAD_REQUEST');
    });
  });

  describe('taskCompletion', () => {
    it('per rep: due in the period, done, skipped, open, overdue now, completion rate and median minutes to done', async () => {
      const mine = await f.customer(f.a.sales);
      const theirs = await f.customer(f.a.sales2);
      const nobodys = await f.customer({ workspace: f.a.workspace });
      const task = async (c: Customer, due: string, close?: { status: 'done' | 'skipped'; at: string }) => {
        const t = await f.task(c, { due_at: due });
        if (close) await f.db.updateTable('tasks').set({ status: close.status, completed_at: close.at }).where('id', '=', t.id).execute();
      };
      await task(mine, '2025-03-02T10:00:00.000Z', { status: 'done', at: '2025-03-02T10:30:00.000Z' }); // +30
      await task(mine, '2025-03-05T09:00:00.000Z', { status: 'done', at: '2025-03-05T08:00:00.000Z' }); // -60 (early)
      await task(mine, '2025-03-10T12:00:00.000Z', { status: 'done', at: '2025-03-11T12:00:00.000Z' }); // +1440
      await task(mine, '2025-03-12T12:00:00.000Z', { status: 'skipped', at: '2025-03-12T13:00:00.000Z' });
      await task(mine, '2025-03-20T12:00:00.000Z'); // open, overdue
      await task(mine, '2025-02-20T12:00:00.000Z'); // before the period: overdue, not due in it
      await task(mine, '2999-01-01T00:00:00.000Z'); // far future
      await task(theirs, '2025-03-01T00:00:00.000Z', { status: 'done', at: '2025-03-01T00:10:00.000Z' }); // +10, at the period's start
      await task(theirs, '2025-03-04T10:00:00.000Z', { status: 'done', at: '2025-03-04T11:00:00.000Z' }); // +60
      await task(theirs, '2025-04-01T00:00:00.000Z'); // at the period's end: not in it, but overdue
      await task(nobodys, '2025-03-15T00:00:00.000Z');
      await task(await f.customer(f.b.sales), '2025-03-15T00:00:00.000Z');

      const report = await ops.analytics.taskCompletion(MARCH);
      const of = (id: string | null) => report.find((r) => (r.rep?.id ?? null) === id);
      expect(report).toHaveLength(3);
      expect(of(f.a.sales.id)).toEqual({ rep: { id: f.a.sales.id, name: f.a.sales.name }, due: 5, done: 3, skipped: 1, open: 1, overdueNow: 2, completionRate: 0.6, medianMinutesToDone: 30 });
      expect(of(f.a.sales2.id)).toEqual({ rep: { id: f.a.sales2.id, name: f.a.sales2.name }, due: 2, done: 2, skipped: 0, open: 0, overdueNow: 1, completionRate: 1, medianMinutesToDone: 35 });
      expect(of(null)).toEqual({ rep: null, due: 1, done: 0, skipped: 0, open: 1, overdueNow: 1, completionRate: 0, medianMinutesToDone: null });
      // A rep with nothing due still shows up, with no rate.
      const quiet = await ops.analytics.taskCompletion({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
      expect(quiet.find((r) => r.rep?.id === f.a.sales2.id)).toMatchObject({ due: 0, completionRate: null, medianMinutesToDone: null, overdueNow: 1 });
    });
  });

  describe('periods', () => {
    it('reads days in the workspace zone, the last day included', async () => {
      // Shop A is in Asia/Shanghai: 1 March 00:30 there is 28 February 16:30 UTC.
      const c = await f.customer(f.a.sales);
      await f.task(c, { due_at: '2025-02-28T16:30:00.000Z' });
      await f.task(c, { due_at: '2025-03-31T15:59:00.000Z' });
      await f.task(c, { due_at: '2025-03-31T16:00:00.000Z' }); // 1 April in Shanghai
      const mine = (rows: Awaited<ReturnType<Caller['analytics']['taskCompletion']>>) => rows.find((r) => r.rep?.id === f.a.sales.id)?.due;
      expect(mine(await ops.analytics.taskCompletion({ from: '2025-03-01', to: '2025-03-31' }))).toBe(2);
      expect(mine(await ops.analytics.taskCompletion(MARCH))).toBe(2); // UTC March: the 16:30 one and the 15:59 one
      expect(mine(await ops.analytics.taskCompletion({ from: '2025-03-01', to: '2025-03-01' }))).toBe(1);
    });

    it('names the wrong field of a bad period', async () => {
      const field = async (call: Promise<unknown>) => {
        const error = await failureOf(call);
        expect(error.code).toBe('BAD_REQUEST');
        return Object.keys(z.flattenError(error.cause as z.ZodError).fieldErrors);
      };
      expect(await field(ops.analytics.journeyConversion({ from: '2025-13-01', to: '2025-03-31' }))).toEqual(['from']);
      expect(await field(ops.analytics.taskCompletion({ from: '2025-03-01', to: 'tomorrow' }))).toEqual(['to']);
      expect(await field(ops.analytics.stageFunnel({ from: '2025-03-02', to: '2025-03-01' }))).toEqual(['to']);
      expect(await field(ops.analytics.journeyConversion({ from: '2020-01-01', to: '2025-03-01' }))).toEqual(['to']);
    });
  });

  describe('journeyConversion', () => {
    it('per published journey: the period’s entrants, how many reached the goal, finished, are still in, are stopped by a failed step, or dropped out', async () => {
      const GOAL: JourneyGraphInput = { ...SIMPLE_JOURNEY, settings: { reentry: 'never', goal: { kind: 'purchase' } } };
      const { journeyId } = await f.liveJourney(f.a, GOAL, '召回');
      const plain = await f.liveJourney(f.a, SIMPLE_JOURNEY, '欢迎');
      await ops.journeys.create({ name: '草稿' });
      await f.liveJourney(f.b, GOAL, 'B 的旅程');
      const now = Date.now();
      const [c1, c2, c3, c4, c5, c6] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => f.customer(f.a.sales)));
      const started = new Map<string, string>();
      for (const c of [c1!, c2!, c3!, c4!, c5!, c6!]) started.set(c.id, (await f.enrolAndStart(f.a, journeyId, c.id, new Date(now))).enrollmentId);
      await f.enrolAndStart(f.a, plain.journeyId, c1!.id, new Date(now));
      // c1 buys: the goal ends its run. c2 finishes at the exit node. c4 is cancelled. c3 waits.
      const bought = await ingestEvent(f.deps, { workspaceId: f.a.workspace.id, customer: { id: c1!.id }, kind: 'purchase', payload: { amount: 99 } });
      await runSteps(f.deps, { enrollmentId: started.get(c1!.id)!, seq: 1, now, resume: { kind: 'goal', eventId: bought.event.id } });
      await runSteps(f.deps, { enrollmentId: started.get(c2!.id)!, seq: 1, now: now + DAY + 1000, resume: { kind: 'timer' } });
      await ops.enrollments.cancel({ enrollmentId: started.get(c4!.id)! });
      // c6's step failed: it waits for an operator at that node, still in the journey's care, not out of it.
      await f.db.updateTable('enrollments').set({ status: 'failed', failed_node_id: 'exit', exit_reason: 'node-type-missing' }).where('id', '=', started.get(c6!.id)!).execute();
      // c5 entered long before the period.
      await f.db.updateTable('enrollments').set({ started_at: new Date(now - 60 * DAY).toISOString() }).where('id', '=', started.get(c5!.id)!).execute();

      const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
      const rows = await ops.analytics.journeyConversion({ from: day(now - 6 * DAY), to: day(now) });
      expect(rows).toEqual([
        { journeyId, name: '召回', status: 'live', hasGoal: true, enrolled: 5, reachedGoal: 1, completed: 1, inJourney: 1, stopped: 1, dropped: 1, rate: 0.2, exits: [{ reason: 'completed', count: 1 }] },
        { journeyId: plain.journeyId, name: '欢迎', status: 'live', hasGoal: false, enrolled: 1, reachedGoal: 0, completed: 0, inJourney: 1, stopped: 0, dropped: 0, rate: null, exits: [] },
      ]);
      const earlier = await ops.analytics.journeyConversion({ from: day(now - 90 * DAY), to: day(now - 30 * DAY) });
      expect(earlier.map((r) => [r.name, r.enrolled, r.rate])).toEqual([
        ['召回', 1, 0],
        ['欢迎', 0, null],
      ]);
    });
  });

  describe('overdueByRep', () => {
    it('per rep now: open tasks due before today and the oldest; every active rep listed, the busiest first', async () => {
      const mine = await f.customer(f.a.sales);
      const nobodys = await f.customer({ workspace: f.a.workspace });
      await f.task(mine, { due_at: '2025-03-02T10:00:00.000Z' });
      await f.task(mine, { due_at: '2025-01-02T10:00:00.000Z' });
      const done = await f.task(mine, { due_at: '2024-01-02T10:00:00.000Z' });
      await f.db.updateTable('tasks').set({ status: 'done', completed_at: '2024-01-02T11:00:00.000Z' }).where('id', '=', done.id).execute();
      await f.task(mine, { due_at: '2999-01-01T00:00:00.000Z' });
      // Due earlier today (Shanghai) is today's work, not overdue, as in the rep's inbox.
      const startOfToday = Math.floor((Date.now() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
      await f.task(mine, { due_at: new Date(Math.max(startOfToday, Date.now() - 60_000)).toISOString() });
      await f.task(nobodys, { due_at: '2025-03-02T10:00:00.000Z' });
      await f.task(await f.customer(f.b.sales), { due_at: '2025-03-02T10:00:00.000Z' });

      expect(await ops.analytics.overdueByRep()).toEqual([
        { rep: { id: f.a.sales.id, name: f.a.sales.name, active: true }, overdue: 2, oldestDueAt: '2025-01-02T10:00:00.000Z' },
        { rep: null, overdue: 1, oldestDueAt: '2025-03-02T10:00:00.000Z' },
        { rep: { id: f.a.sales2.id, name: f.a.sales2.name, active: true }, overdue: 0, oldestDueAt: null },
      ]);
    });
  });

  describe('segments', () => {
    it('counts dormant and churned customers by their tags, in either language, and both together once', async () => {
      await f.customer(f.a.sales, { tags: ['dormant'] });
      await f.customer(f.a.sales, { tags: ['沉睡', 'VIP'] });
      await f.customer(f.a.sales, { tags: ['dormant', '流失'] });
      await f.customer(f.a.sales, { tags: ['churned'] });
      await f.customer(f.a.sales, { tags: ['VIP'] });
      await f.customer(f.b.sales, { tags: ['dormant'] });
      const s = await ops.analytics.segments();
      expect(s).toMatchObject({ dormant: 3, churned: 2, winBack: 4 });
      expect(s.winBackTags.sort()).toEqual(['churned', 'dormant', '沉睡', '流失'].sort());
      // The bulk enrolment takes exactly those customers.
      const { journeyId } = await f.liveJourney(f.a, { ...SIMPLE_JOURNEY, settings: { reentry: 'after-exit', goal: null } });
      expect((await ops.enrollments.enrolBulk({ journeyId, filter: { tagsAny: s.winBackTags } })).total).toBe(4);
    });
  });

  it('sales reps get FORBIDDEN and signed-out callers UNAUTHORIZED on every procedure', async () => {
    const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
    const calls = (x: Caller) => ({
      nodeCounts: () => x.analytics.nodeCounts({ journeyId }),
      stageFunnel: () => x.analytics.stageFunnel(MARCH),
      taskCompletion: () => x.analytics.taskCompletion(MARCH),
      journeyConversion: () => x.analytics.journeyConversion(MARCH),
      overdueByRep: () => x.analytics.overdueByRep(),
      segments: () => x.analytics.segments(),
    });
    for (const [name, call] of Object.entries(calls(f.callerAs(f.a.sales)))) expect([name, await codeOf(call())]).toEqual([name, 'FORBIDDEN']);
    for (const [name, call] of Object.entries(calls(f.callerAs(null)))) expect([name, await codeOf(call())]).toEqual([name, 'UNAUTHORIZED']);
    for (const [name, call] of Object.entries(calls(f.callerAs(f.a.admin)))) expect([name, await codeOf(call())]).toEqual([name, 'OK']);
  });
});
