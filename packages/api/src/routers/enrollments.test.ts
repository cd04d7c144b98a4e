import { repos } from '@sopline/db';
import { runSteps } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiFixture, Caller } from '../testing.ts';
import { codeOf, createApiFixture, SIMPLE_JOURNEY } from '../testing.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T02:00:00.000Z');

describe('enrollments router', () => {
  let f: ApiFixture;
  let ops: Caller;
  beforeEach(async () => {
    f = await createApiFixture();
    ops = f.callerAs(f.a.ops);
  });
  afterEach(async () => {
    await f.close();
  });

  const timer = async (enrollmentId: string, now: number) => {
    const e = (await repos(f.db).enrollments.get(enrollmentId))!;
    return runSteps(f.deps, { enrollmentId, seq: e.step_seq, now, resume: { kind: 'timer' } });
  };

  /** Polls the job until it is no longer running, recording every `done` seen on the way. */
  const settle = async (caller: Caller, jobId: string) => {
    const seen: number[] = [];
    const job = await vi.waitFor(
      async () => {
        const j = await caller.enrollments.bulkJob({ jobId });
        seen.push(j.done);
        if (j.status === 'running') throw new Error('still running');
        return j;
      },
      { timeout: 10_000, interval: 1 },
    );
    return { job, seen };
  };

  describe('enrol', () => {
    it('enrols one customer and starts its run; the re-entry rule answers a second try', async () => {
      const { journeyId, versionId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const c = await f.customer(f.a.sales);
      const first = await ops.enrollments.enrol({ journeyId, customerId: c.id });
      expect(first).toMatchObject({ enrolled: true, versionId });
      expect(f.runner.of('start')).toHaveLength(1);
      expect(await ops.enrollments.enrol({ journeyId, customerId: c.id })).toEqual({ enrolled: false, reason: 'already-entered', enrollmentId: (first as { enrollmentId: string }).enrollmentId });
      expect(f.runner.of('start')).toHaveLength(1);

      const again: JourneyGraphInput = { ...SIMPLE_JOURNEY, settings: { reentry: 'after-exit', goal: null } };
      const { journeyId: repeatable } = await f.liveJourney(f.a, again, 'repeatable');
      await ops.enrollments.enrol({ journeyId: repeatable, customerId: c.id });
      expect(await ops.enrollments.enrol({ journeyId: repeatable, customerId: c.id })).toMatchObject({ enrolled: false, reason: 'in-journey' });
      expect(await codeOf(ops.enrollments.enrol({ journeyId, customerId: 'no-such-customer' }))).toBe('NOT_FOUND');
    });
  });

  describe('enrolBulk', () => {
    it('enrols the customers matching the filter in the background, skipping those already in, with progress every 50', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const vip = [];
      for (let i = 0; i < 120; i += 1) vip.push(await f.customer(f.a.sales, { tags: ['vip'], stage: 'paid' }));
      for (let i = 0; i < 10; i += 1) await f.customer(f.a.sales2, { stage: 'paid' });
      for (let i = 0; i < 5; i += 1) await f.customer(f.a.sales2, { tags: ['vip', 'new'], stage: 'unpaid' });
      await ops.enrollments.enrol({ journeyId, customerId: vip[0]!.id });
      await ops.enrollments.enrol({ journeyId, customerId: vip[7]!.id });
      f.runner.calls.length = 0;

      const started = await ops.enrollments.enrolBulk({ journeyId, filter: { tagsAny: ['vip', 'nobody-has-this'] } });
      expect(started.total).toBe(125);
      const { job, seen } = await settle(ops, started.jobId);
      expect(job).toMatchObject({ id: started.jobId, journeyId, status: 'done', total: 125, done: 125, succeeded: 123, skipped: 2, error: null });
      expect(job.finishedAt).not.toBeNull();
      // Progress is written in steps of 50 (then the final count), never customer by customer.
      expect(seen.every((n) => n % 50 === 0 || n === 125)).toBe(true);
      expect(f.runner.of('start')).toHaveLength(123);

      const { journeyId: second } = await f.liveJourney(f.a, SIMPLE_JOURNEY, 'second');
      const byOwnerAndStage = await ops.enrollments.enrolBulk({ journeyId: second, filter: { stage: 'paid', ownerId: f.a.sales2.id } });
      expect(byOwnerAndStage.total).toBe(10);
      expect((await settle(ops, byOwnerAndStage.jobId)).job).toMatchObject({ status: 'done', succeeded: 10, skipped: 0 });
    });

    it('records a failed job with its reason when enrolling breaks midway', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      await f.customer(f.a.sales);
      f.runner.failWith = new Error('Temporal is unreachable');
      const { jobId } = await ops.enrollments.enrolBulk({ journeyId });
      expect((await settle(ops, jobId)).job).toMatchObject({ status: 'failed', total: 1, done: 0, succeeded: 0, error: 'Temporal is unreachable' });
    });
  });

  describe('list', () => {
    it('pages a journey’s enrollments with customer names and current nodes, by node and status', async () => {
      const { journeyId, versionId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const names = ['王一', '王二', '王三'];
      const ids: string[] = [];
      for (const name of names) ids.push((await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales, { name })).id, new Date(T0))).enrollmentId);
      await timer(ids[2]!, T0 + DAY);
      await ops.enrollments.enrol({ journeyId, customerId: (await f.customer(f.a.sales, { name: '赵新' })).id });

      const all = await ops.enrollments.list({ journeyId });
      expect(all.total).toBe(4);
      expect(all.items.map((e) => e.customer.name).sort()).toEqual(['王一', '王三', '王二', '赵新'].sort());
      const waiting = await ops.enrollments.list({ journeyId, status: 'waiting' });
      expect(waiting.total).toBe(2);
      expect(waiting.items[0]).toMatchObject({ status: 'waiting', version: 1, versionId, node: { id: 'pause', type: 'wait', label: '等一天' } });
      expect(waiting.items.every((e) => e.waitUntil !== null)).toBe(true);
      expect((await ops.enrollments.list({ journeyId, status: 'open' })).total).toBe(3);
      const ended = await ops.enrollments.list({ journeyId, nodeId: 'end' });
      expect(ended.items).toMatchObject([{ id: ids[2], status: 'completed', customer: { name: '王三' }, node: { id: 'end', type: 'exit' }, exitReason: 'completed' }]);
      expect((await ops.enrollments.list({ journeyId, status: 'active' })).items).toMatchObject([{ customer: { name: '赵新' }, node: null }]);

      const page1 = await ops.enrollments.list({ journeyId, limit: 3 });
      const page2 = await ops.enrollments.list({ journeyId, limit: 3, offset: 3 });
      expect(page1.items).toHaveLength(3);
      expect(page2).toMatchObject({ total: 4 });
      expect(page2.items).toHaveLength(1);
      expect(new Set([...page1.items, ...page2.items].map((e) => e.id)).size).toBe(4);
      expect(await codeOf(ops.enrollments.list({ journeyId, limit: 201 }))).toBe('BAD_REQUEST');
    });
  });

  describe('cancel', () => {
    it('closes a waiting enrollment as cancelled and signals its run, which then ends', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales)).id, new Date(T0));
      const before = (await repos(f.db).enrollments.get(enrollmentId))!;

      expect(await ops.enrollments.cancel({ enrollmentId })).toEqual({ cancelled: true, status: 'cancelled' });
      expect(f.runner.of('cancel')).toEqual([{ method: 'cancel', workflowId: before.workflow_id, enrollmentId }]);
      expect(await repos(f.db).enrollments.get(enrollmentId)).toMatchObject({ status: 'cancelled', exit_reason: 'cancelled' });
      // The woken workflow runs its 'cancel' step at the seq it knew and is told it is over.
      expect(await runSteps(f.deps, { enrollmentId, seq: before.step_seq, now: T0 + 1000, resume: { kind: 'cancel' } })).toMatchObject({ done: true, status: 'cancelled' });
      // Again: nothing more to do.
      expect(await ops.enrollments.cancel({ enrollmentId })).toEqual({ cancelled: true, status: 'cancelled' });
      expect(f.runner.of('cancel')).toHaveLength(1);
    });

    it('leaves an ended enrollment as it is', async () => {
      const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
      const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, (await f.customer(f.a.sales)).id, new Date(T0));
      await timer(enrollmentId, T0 + DAY);
      expect(await ops.enrollments.cancel({ enrollmentId })).toEqual({ cancelled: false, status: 'completed' });
      expect(f.runner.of('cancel')).toEqual([]);
    });
  });

  it('sales reps get FORBIDDEN and signed-out callers UNAUTHORIZED on every procedure', async () => {
    const { journeyId } = await f.liveJourney(f.a, SIMPLE_JOURNEY);
    const c = await f.customer(f.a.sales);
    const { enrollmentId } = await f.enrolAndStart(f.a, journeyId, c.id, new Date(T0));
    const { jobId } = await ops.enrollments.enrolBulk({ journeyId });
    await settle(ops, jobId);
    const calls = (x: Caller) => ({
      enrol: () => x.enrollments.enrol({ journeyId, customerId: c.id }),
      // Waits for the job, so none is left running when the database closes.
      enrolBulk: () => x.enrollments.enrolBulk({ journeyId }).then((r) => settle(x, r.jobId)),
      bulkJob: () => x.enrollments.bulkJob({ jobId }),
      list: () => x.enrollments.list({ journeyId }),
      cancel: () => x.enrollments.cancel({ enrollmentId }),
    });
    for (const [name, call] of Object.entries(calls(f.callerAs(f.a.sales)))) expect([name, await codeOf(call())]).toEqual([name, 'FORBIDDEN']);
    for (const [name, call] of Object.entries(calls(f.callerAs(null)))) expect([name, await codeOf(call())]).toEqual([name, 'UNAUTHORIZED']);
    expect(await repos(f.db).enrollments.get(enrollmentId)).toMatchObject({ status: 'waiting' });
    for (const [name, call] of Object.entries(calls(f.callerAs(f.a.admin)))) expect([name, await codeOf(call())]).toEqual([name, 'OK']);
  });
});
