import { simulateJourney } from '@sopline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retailJourney } from '../fixtures/retail.ts';
import { pathOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const DAY = 86_400_000;

/**
 * The engine (runSteps under a real Temporal worker, time skipping) and the designer's simulation walk
 * the same graph with the same interpreter: for the same customer and the same events at the same
 * times, the simulated path is the path the engine records.
 */
describe('one interpreter: the simulated path equals the engine’s recorded path', () => {
  let h: Harness;
  let journeyGraph: ReturnType<typeof retailJourney>;
  beforeAll(async () => {
    h = await createHarness({ server: 'time-skipping' });
    await h.startWorker();
    journeyGraph = retailJourney();
    await h.journey('零售生命周期', journeyGraph);
  });
  afterAll(() => h?.close());

  /** Runs a new customer through the engine, buying `purchaseAfterDays` after entering (or never). */
  async function engine(name: string, phone: string, purchaseAfterDays: number | null): Promise<{ path: string[]; start: string }> {
    const c = await h.customer({ name, phone });
    await h.dispatch();
    const e = await h.until('enrolled', async () => (await h.enrollmentsOf(c.id))[0]);
    await h.until('waiting 3 days', async () => (await h.repos.enrollments.get(e.id))?.cursor_node_id === 'wait3');
    const start = (await h.repos.enrollments.get(e.id))!.started_at;
    if (purchaseAfterDays !== null && purchaseAfterDays < 3) {
      await h.skip(purchaseAfterDays * DAY);
      await h.ingest({ customer: { phone }, kind: 'purchase', payload: { amount: 88, product: '面膜' }, idempotencyKey: `order-${phone}` });
      await h.dispatch();
      await h.skip((3 - purchaseAfterDays) * DAY + 60_000);
    } else {
      await h.skip(3 * DAY + 60_000);
      await h.until('waiting for a purchase', async () => (await h.repos.enrollments.get(e.id))?.cursor_node_id === 'waitBuy');
      if (purchaseAfterDays !== null) {
        await h.ingest({ customer: { phone }, kind: 'purchase', payload: { amount: 88, product: '面膜' }, idempotencyKey: `order-${phone}` });
        await h.dispatch();
      } else await h.skip(7 * DAY + 60_000);
    }
    await h.ended(e);
    return { path: await pathOf(h, e.id), start };
  }

  async function simulated(name: string, start: string, purchaseAfterDays: number | null): Promise<string[]> {
    const result = await simulateJourney(h.deps, {
      workspaceId: h.workspace.id,
      graph: journeyGraph,
      customer: { hypothetical: { name } },
      events: purchaseAfterDays === null ? [] : [{ afterDays: purchaseAfterDays, kind: 'purchase', payload: { amount: 88, product: '面膜' } }],
      start,
      horizonDays: 30,
    });
    return result.steps.map((s) => `${s.nodeId}:${s.outcome}`);
  }

  it.each([
    ['buys on day 1 (before the branch)', 1, 'doneBuyer:exit:converted'],
    ['buys after the offer (day 3+)', 3.001, 'doneLate:exit:converted'],
    ['never buys', null, 'doneDormant:exit:dormant'],
  ] as const)('%s', async (label, purchaseAfterDays, last) => {
    const phone = `1390000${String(label.length).padStart(4, '0')}`;
    const ran = await engine(`客户${label.length}`, phone, purchaseAfterDays);
    expect(ran.path.at(-1)).toBe(last);
    expect(await simulated(`客户${label.length}`, ran.start, purchaseAfterDays)).toEqual(ran.path);
  });
});
