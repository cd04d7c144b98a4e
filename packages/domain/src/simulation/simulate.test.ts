import { repos } from '@sopline/db';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { counts, createFixture, DAY, graph, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { simulateJourney } from './simulate.ts';

// 2026-03-02 is a Monday; 02:00 UTC is 10:00 in Shanghai (the fixture workspace's zone).
const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Welcome, wait 3 days, then thank buyers of the last week or make the others an offer and wait a week for an order. */
const RETAIL = graph(
  [
    ['start', 'trigger-manual'],
    ['hello', 'send-script', { title: '欢迎', script: '{{customer.name}} 您好，欢迎光临' }],
    ['w1', 'wait', { mode: 'duration', amount: 3, unit: 'days' }],
    ['bought', 'branch-purchase', { withinDays: 7 }],
    ['thanks', 'send-script', { title: '感谢', script: '感谢{{customer.name}}的购买' }],
    ['offer', 'send-script', { title: '优惠', script: '{{customer.name}}，送您一张券' }],
    ['w2', 'wait-for-event', { event: { kind: 'purchase' }, timeout: { amount: 7, unit: 'days' } }],
    ['lapsed', 'add-tag', { tags: ['lapsed'] }],
    ['vip', 'branch-tag', { tags: ['lapsed'] }],
    ['end', 'exit', { reason: 'lapsed' }],
    ['done', 'exit', { reason: 'bought' }],
  ],
  [
    ['start', 'out', 'hello'],
    ['hello', 'out', 'w1'],
    ['w1', 'out', 'bought'],
    ['bought', 'yes', 'thanks'],
    ['bought', 'no', 'offer'],
    ['thanks', 'out', 'done'],
    ['offer', 'out', 'w2'],
    ['w2', 'matched', 'thanks'],
    ['w2', 'timeout', 'lapsed'],
    ['lapsed', 'out', 'vip'],
    ['vip', 'yes', 'end'],
    ['vip', 'no', 'done'],
  ],
);

describe('simulateJourney', () => {
  let f: Fixture;
  afterEach(async () => {
    await f.close();
  });

  const run = (input: Omit<Parameters<typeof simulateJourney>[1], 'workspaceId' | 'start'> & { start?: string }) =>
    simulateJourney(f.deps, { start: iso(T0), workspaceId: f.workspace.id, ...input });

  it('a purchase on day 2 takes the "bought" branch; without one the customer gets the offer and times out a week later', async () => {
    f = await createFixture();
    const buyer = await run({ graph: RETAIL, customer: { hypothetical: { name: '王女士' } }, events: [{ afterDays: 2, kind: 'purchase', payload: { amount: 99 } }] });
    expect(buyer.steps.map((s) => [s.nodeId, s.outcome])).toEqual([
      ['start', 'out'],
      ['hello', 'out'],
      ['w1', 'wait'],
      ['w1', 'out'],
      ['bought', 'yes'],
      ['thanks', 'out'],
      ['done', 'exit:bought'],
    ]);
    expect(buyer.tasks.map((t) => [t.title, t.script, t.dueAt])).toEqual([
      ['欢迎', '王女士 您好，欢迎光临', iso(T0)],
      ['感谢', '感谢王女士的购买', iso(T0 + 3 * DAY)],
    ]);
    expect(buyer.end).toEqual({ at: iso(T0 + 3 * DAY), status: 'completed', reason: 'bought' });

    const browser = await run({ graph: RETAIL, customer: { hypothetical: { name: '张先生', purchases: [{ daysAgo: 30, amount: 10 }] } } });
    expect(browser.steps.map((s) => [s.nodeId, s.outcome, s.at])).toEqual([
      ['start', 'out', iso(T0)],
      ['hello', 'out', iso(T0)],
      ['w1', 'wait', iso(T0)],
      ['w1', 'out', iso(T0 + 3 * DAY)],
      ['bought', 'no', iso(T0 + 3 * DAY)],
      ['offer', 'out', iso(T0 + 3 * DAY)],
      ['w2', 'wait', iso(T0 + 3 * DAY)],
      ['w2', 'timeout', iso(T0 + 10 * DAY)],
      ['lapsed', 'out', iso(T0 + 10 * DAY)],
      // The tag the journey added is seen by the later branch.
      ['vip', 'yes', iso(T0 + 10 * DAY)],
      ['end', 'exit:lapsed', iso(T0 + 10 * DAY)],
    ]);
    expect(browser.tasks.map((t) => t.title)).toEqual(['欢迎', '优惠']);
    expect(browser.end).toEqual({ at: iso(T0 + 10 * DAY), status: 'completed', reason: 'lapsed' });

    // A purchase during the offer's week wakes the wait through "matched" at that time.
    const late = await run({ graph: RETAIL, customer: { hypothetical: { name: '赵' } }, events: [{ afterDays: 5, kind: 'purchase', payload: { amount: 1 } }] });
    expect(late.steps.slice(6).map((s) => [s.nodeId, s.outcome, s.at])).toEqual([
      ['w2', 'wait', iso(T0 + 3 * DAY)],
      ['w2', 'matched', iso(T0 + 5 * DAY)],
      ['thanks', 'out', iso(T0 + 5 * DAY)],
      ['done', 'exit:bought', iso(T0 + 5 * DAY)],
    ]);
  });

  it('quiet hours move a task due at night to the morning, in the workspace zone', async () => {
    f = await createFixture({ workspace: { quietStart: '21:00', quietEnd: '09:00' } });
    const night = Date.parse('2026-03-02T15:00:00.000Z'); // 23:00 in Shanghai
    const g = line([
      ['start', 'trigger-manual'],
      ['hello', 'send-script', { title: '问候', script: '您好' }],
      ['end', 'exit'],
    ]);
    const result = await run({ graph: g, customer: { hypothetical: { name: 'x' } }, start: iso(night) });
    expect(result.tasks).toEqual([{ nodeId: 'hello', title: '问候', script: '您好', dueAt: '2026-03-03T01:00:00.000Z', priority: 'normal' }]);
    expect(result.end).toMatchObject({ status: 'completed', reason: 'completed' });
  });

  it('the frequency cap suppresses a task, counting the simulated ones', async () => {
    f = await createFixture({ workspace: { capPerDay: 1 } });
    const g = line([
      ['start', 'trigger-manual'],
      ['a', 'send-script', { title: 'A', script: 'a' }],
      ['b', 'send-script', { title: 'B', script: 'b' }],
      ['end', 'exit'],
    ]);
    const result = await run({ graph: g, customer: { hypothetical: { name: 'x' } } });
    expect(result.tasks.map((t) => [t.title, t.suppressed])).toEqual([
      ['A', undefined],
      ['B', 'frequency-cap'],
    ]);
  });

  it("a goal event ends the simulation as exited at the event's time", async () => {
    f = await createFixture();
    const g = { ...RETAIL, settings: { reentry: 'never' as const, goal: { kind: 'tag.added' as const, tag: 'member' } } };
    const result = await run({ graph: g, customer: { hypothetical: { name: 'x' } }, events: [{ afterDays: 6, kind: 'tag.added', payload: { tag: 'member' } }] });
    expect(result.end).toEqual({ at: iso(T0 + 6 * DAY), status: 'exited', reason: 'goal' });
    expect(result.steps.at(-1)).toMatchObject({ nodeId: 'w2', outcome: 'goal', at: iso(T0 + 6 * DAY) });
    expect(result.tasks.map((t) => t.title)).toEqual(['欢迎', '优惠']);
  });

  it("counts a real customer's stored purchases, and writes nothing", async () => {
    f = await createFixture();
    const customer = await f.customer({ name: '老客户' });
    await repos(f.db).events.insert({
      workspaceId: f.workspace.id,
      customerId: customer.id,
      kind: 'purchase',
      payload: { amount: 50 },
      occurredAt: iso(T0 + 1 * DAY),
      idempotencyKey: 'order-1',
    });
    const before = await counts(f.db);
    const result = await run({ graph: RETAIL, customer: { id: customer.id } });
    expect(result.steps.find((s) => s.nodeId === 'bought')?.outcome).toBe('yes');
    expect(result.tasks[1]).toMatchObject({ title: '感谢', script: '感谢老客户的购买' });
    // Stored purchases count once the logical clock has passed them, as in the engine.
    const later = await run({ graph: RETAIL, customer: { id: customer.id }, start: iso(T0 + 2 * DAY) });
    expect(later.steps.find((s) => s.nodeId === 'bought')?.outcome).toBe('yes');
    const beforeTheOrder = await run({ graph: RETAIL, customer: { id: customer.id }, start: iso(T0 - 20 * DAY) });
    expect(beforeTheOrder.steps.find((s) => s.nodeId === 'bought')?.outcome).toBe('no');
    expect(await counts(f.db)).toEqual(before);
    expect((await repos(f.db).customers.get(f.workspace.id, customer.id))?.stage).toBe(customer.stage);
  });

  it('stops at the horizon, and refuses an invalid draft or an unknown customer', async () => {
    f = await createFixture();
    const short = await run({ graph: RETAIL, customer: { hypothetical: { name: 'x' } }, horizonDays: 5 });
    expect(short.end).toEqual({ at: iso(T0 + 5 * DAY), status: 'waiting', reason: 'horizon' });

    const invalid = line([
      ['start', 'trigger-manual'],
      ['hello', 'send-script', { script: '' }],
    ]);
    const err = await run({ graph: invalid, customer: { hypothetical: { name: 'x' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('journey.invalid');
    expect((err as DomainError).problems.some((p) => p.nodeId === 'hello')).toBe(true);

    const missing = await run({ graph: RETAIL, customer: { id: 'nobody' } }).catch((e: unknown) => e);
    expect((missing as DomainError).code).toBe('not-found');
  });
});
