import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentRow } from '@sopline/db';
import { retailJourney } from '../fixtures/retail.ts';
import { pathOf, stateOf, tasksOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const DAY = 86_400_000;

describe('retail lifecycle journey on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ server: 'time-skipping' });
    await h.startWorker();
  });
  afterAll(() => h?.close());

  it('carries several customers end to end with exactly the expected tasks, tags, stages and steps', async () => {
    const { version } = await h.journey('零售生命周期', retailJourney());
    const early = await h.customer({ name: '早买', phone: '13800000001' });
    const never = await h.customer({ name: '不买', phone: '13800000002' });
    const late = await h.customer({ name: '晚买', phone: '13800000003' });
    await h.ingest({ customer: { phone: '13800000001' }, kind: 'purchase', payload: { amount: 199, product: '精华液' }, idempotencyKey: 'order-1' });
    await h.dispatch();

    const [eEarly, eNever, eLate] = (await Promise.all([early, never, late].map(async (c) => (await h.enrollmentsOf(c.id))[0]!))) as [EnrollmentRow, EnrollmentRow, EnrollmentRow];
    for (const e of [eEarly, eNever, eLate]) expect(e.version_id).toBe(version.id);
    await h.until('all three waiting 3 days', async () => {
      const rows = await Promise.all([eEarly, eNever, eLate].map((e) => h.repos.enrollments.get(e.id)));
      return rows.every((r) => r?.status === 'waiting' && r.cursor_node_id === 'wait3');
    });

    await h.skip(3 * DAY + 60_000);
    await h.until('the two non-buyers waiting for a purchase', async () => {
      const rows = await Promise.all([eNever, eLate].map((e) => h.repos.enrollments.get(e.id)));
      return rows.every((r) => r?.status === 'waiting' && r.cursor_node_id === 'waitBuy');
    });
    expect((await h.ended(eEarly)).status).toBe('completed');

    await h.ingest({ customer: { phone: '13800000003' }, kind: 'purchase', payload: { amount: 88, product: '面膜' }, idempotencyKey: 'order-2' });
    await h.dispatch();
    expect((await h.ended(eLate)).status).toBe('completed');
    // The purchase woke exactly that customer: the other one still waits.
    expect((await h.repos.enrollments.get(eNever.id))?.cursor_node_id).toBe('waitBuy');
    expect((await h.repos.enrollments.get(eNever.id))?.status).toBe('waiting');
    // Only now let the clock run: the non-buyer's 7-day wait times out.
    expect(await h.finish(eEarly)).toBe('completed');
    expect(await h.finish(eLate)).toBe('completed');
    expect(await h.finish(eNever)).toBe('completed');

    expect(await pathOf(h, eEarly.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:out', 'bought:yes', 'paid:out', 'tagBuyer:out', 'followup:out', 'doneBuyer:exit:converted']);
    expect(await pathOf(h, eLate.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:out', 'bought:no', 'offer:out', 'waitBuy:wait', 'waitBuy:matched', 'paidLate:out', 'doneLate:exit:converted']);
    expect(await pathOf(h, eNever.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:out', 'bought:no', 'offer:out', 'waitBuy:wait', 'waitBuy:timeout', 'dormant:out', 'doneDormant:exit:dormant']);

    const earlyTasks = await tasksOf(h, early.id);
    expect(earlyTasks.map((t) => t.title)).toEqual(['欢迎', '使用回访']);
    expect(earlyTasks[0]!.script).toBe('您好 早买，欢迎加入！我是您的专属顾问 李销售。');
    expect(earlyTasks[1]!.script).toBe('早买，您买的 精华液 用得怎么样？');
    expect(earlyTasks.every((t) => t.owner_id === h.rep.id && t.status === 'open')).toBe(true);
    expect((await tasksOf(h, late.id)).map((t) => t.title)).toEqual(['欢迎', '限时优惠']);
    expect((await tasksOf(h, never.id)).map((t) => [t.title, t.priority])).toEqual([['欢迎', 'normal'], ['限时优惠', 'high']]);
    // Follow-up falls due three days after the welcome, on the journey's clock.
    expect(Date.parse(earlyTasks[1]!.due_at) - Date.parse(earlyTasks[0]!.due_at)).toBeGreaterThanOrEqual(3 * DAY);

    expect(await stateOf(h, early.id)).toEqual({ stage: 'paid', tags: ['buyer'] });
    expect(await stateOf(h, late.id)).toEqual({ stage: 'paid', tags: [] });
    expect(await stateOf(h, never.id)).toEqual({ stage: null, tags: ['dormant'] });
  });
});
