import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishJourney } from '@sopline/domain';
import { retailJourney } from '../fixtures/retail.ts';
import { pathOf, tasksOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const DAY = 86_400_000;

describe('versions, goals and events on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ server: 'time-skipping' });
    await h.startWorker();
  });
  afterAll(() => h?.close());

  const waitingAt = (enrollmentId: string, node: string) =>
    h.until(`enrollment waiting at ${node}`, async () => {
      const e = await h.repos.enrollments.get(enrollmentId);
      return e?.status === 'waiting' && e.cursor_node_id === node;
    });

  it('publishing v2 while customers wait in v1 leaves them on v1; new entrants get v2', async () => {
    const { journey, version: v1 } = await h.journey('版本', retailJourney({ welcome: 'v1 您好 {{customer.name}}' }));
    const old = await h.customer({ name: '老客' });
    await h.dispatch();
    const eOld = await h.enrollmentIn(journey.id, old.id);
    await waitingAt(eOld.id, 'wait3');

    const v2 = await publishJourney(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, graph: retailJourney({ welcome: 'v2 欢迎 {{customer.name}}' }), notes: 'new welcome' });
    expect(v2.version).toBe(2);
    const fresh = await h.customer({ name: '新客' });
    await h.dispatch();
    const eNew = await h.enrollmentIn(journey.id, fresh.id);
    expect(eOld.version_id).toBe(v1.id);
    expect(eNew.version_id).toBe(v2.id);

    expect(await h.finish(eOld)).toBe('completed');
    expect(await h.finish(eNew)).toBe('completed');
    expect((await tasksOf(h, old.id))[0]!.script).toBe('v1 您好 老客');
    expect((await tasksOf(h, fresh.id))[0]!.script).toBe('v2 欢迎 新客');
    // The old customer still walked v1's graph to the end.
    expect((await h.repos.enrollments.get(eOld.id))?.version_id).toBe(v1.id);
    // A published version is immutable, down to the database.
    await expect(h.db.updateTable('journey_versions').set({ notes: 'changed' }).where('id', '=', v1.id).execute()).rejects.toThrow(/immutable/);
  });

  it('a goal event exits a customer from whichever node they are at', async () => {
    const { journey } = await h.journey('目标', retailJourney({ settings: { goal: { kind: 'purchase', minAmount: 500 } } }));
    const atTimer = await h.customer({ name: '等待中', phone: '13900000001' });
    const atEvent = await h.customer({ name: '等购买', phone: '13900000002' });
    const small = await h.customer({ name: '小额', phone: '13900000003' });
    await h.dispatch();
    const eTimer = await h.enrollmentIn(journey.id, atTimer.id);
    const eEvent = await h.enrollmentIn(journey.id, atEvent.id);
    const eSmall = await h.enrollmentIn(journey.id, small.id);
    await waitingAt(eTimer.id, 'wait3');

    // Only one customer moves on to "wait for a purchase" before the goal arrives.
    await h.ingest({ customer: { phone: '13900000001' }, kind: 'purchase', payload: { amount: 999 }, idempotencyKey: 'goal-1' });
    await h.ingest({ customer: { phone: '13900000003' }, kind: 'purchase', payload: { amount: 10 }, idempotencyKey: 'small-1' });
    await h.dispatch();
    expect(await h.ended(eTimer)).toMatchObject({ status: 'exited', exit_reason: 'goal' });
    expect(await pathOf(h, eTimer.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:goal']);

    await h.skip(3 * DAY + 60_000);
    await waitingAt(eEvent.id, 'waitBuy');
    await h.ingest({ customer: { phone: '13900000002' }, kind: 'purchase', payload: { amount: 800 }, idempotencyKey: 'goal-2' });
    await h.dispatch();
    expect(await h.ended(eEvent)).toMatchObject({ status: 'exited', exit_reason: 'goal' });
    expect(await pathOf(h, eEvent.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:out', 'bought:no', 'offer:out', 'waitBuy:wait', 'waitBuy:goal']);
    expect(await h.finish(eTimer)).toBe('exited');
    expect(await h.finish(eEvent)).toBe('exited');
    // The small purchase was not the goal: that customer went down the "bought" branch instead.
    expect(await h.finish(eSmall)).toBe('completed');
    expect((await h.repos.enrollments.get(eSmall.id))?.exit_reason).toBe('converted');
  });

  it('a replayed event (same idempotency key) has no second effect', async () => {
    const { journey } = await h.journey('重放', retailJourney());
    const c = await h.customer({ name: '重放客', member_id: 'M-77' });
    await h.dispatch();
    const e = await h.enrollmentIn(journey.id, c.id);
    await waitingAt(e.id, 'wait3');
    await h.skip(3 * DAY + 60_000);
    await waitingAt(e.id, 'waitBuy');

    const first = await h.ingest({ customer: { member_id: 'M-77' }, kind: 'purchase', payload: { amount: 50, product: 'A' }, idempotencyKey: 'order-77' });
    const replay = await h.ingest({ customer: { member_id: 'M-77' }, kind: 'purchase', payload: { amount: 50, product: 'A' }, idempotencyKey: 'order-77' });
    expect(first.duplicate).toBe(false);
    expect(replay.duplicate).toBe(true);
    expect(replay.event.id).toBe(first.event.id);
    expect(await h.dispatch()).toBeGreaterThanOrEqual(1);
    expect(await h.finish(e)).toBe('completed');
    expect((await h.repos.events.ofCustomer(c.id, 'purchase')).length).toBe(1);
    const path = await pathOf(h, e.id);
    expect(path.filter((p) => p === 'waitBuy:matched')).toHaveLength(1);
    expect(path.at(-1)).toBe('doneLate:exit:converted');
    const stored = await h.repos.events.get(first.event.id);
    expect(stored?.dispatched_at).not.toBeNull();
  });
});
