import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retailJourney } from '../fixtures/retail.ts';
import { pathOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness, sharedBundle } from '../support/harness.ts';

const DAY = 86_400_000;
// temporal.api.enums.v1.EventType
const ACTIVITY_TASK_SCHEDULED = 10;
const MARKER_RECORDED = 25;

describe('runs of steps as local activities', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ server: 'time-skipping' });
    await h.startWorker();
  });
  afterAll(() => h?.close());

  it('records each run of steps as a marker, not an activity, and the history replays', async () => {
    await h.journey('零售生命周期', retailJourney());
    const c = await h.customer({ name: '晚买', phone: '13800000003' });
    await h.dispatch();
    const e = await h.until('enrolled', async () => (await h.enrollmentsOf(c.id))[0]);
    await h.until('waiting 3 days', async () => (await h.repos.enrollments.get(e.id))?.cursor_node_id === 'wait3');
    await h.skip(3 * DAY + 60_000);
    await h.until('waiting for a purchase', async () => (await h.repos.enrollments.get(e.id))?.cursor_node_id === 'waitBuy');
    await h.ingest({ customer: { phone: '13800000003' }, kind: 'purchase', payload: { amount: 88, product: '面膜' }, idempotencyKey: 'order-local' });
    await h.dispatch();
    expect((await h.ended(e)).status).toBe('completed');
    expect(await pathOf(h, e.id)).toEqual(['start:out', 'welcome:out', 'wait3:wait', 'wait3:out', 'bought:no', 'offer:out', 'waitBuy:wait', 'waitBuy:matched', 'paidLate:out', 'doneLate:exit:converted']);

    const history = await h.client.workflow.getHandle(e.workflow_id).fetchHistory();
    const types = (history.events ?? []).map((ev) => Number(ev.eventType));
    expect(types).not.toContain(ACTIVITY_TASK_SCHEDULED);
    // One marker for the patch, one per run of steps (start, after the timer, after the purchase).
    expect(types.filter((t) => t === MARKER_RECORDED)).toHaveLength(4);
    // The same journey recorded with activities took 36 events (workflows/journey/src/workflows/histories).
    expect(types.length).toBeLessThan(30);
    await expect(Worker.runReplayHistory({ workflowBundle: await sharedBundle() }, history)).resolves.toBeUndefined();
  });
});
