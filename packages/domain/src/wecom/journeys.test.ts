import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchPending } from '../events/dispatch.ts';
import { createFixture, graph, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';

// WeCom's contact events are events like any other: journeys start on them, wait for them and end on them.
describe('journeys on WeCom contact events', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const lost = (customerId: string, by: 'customer' | 'rep', key: string) =>
    repos(f.db).events.insert({ workspaceId: f.workspace.id, customerId, kind: 'contact.lost', payload: { by, wecomUserId: 'li.na', repId: f.rep.id }, idempotencyKey: key });

  it('start a win-back journey when the customer deletes the rep, not when the rep deletes them', async () => {
    await f.liveJourney(line([['start', 'trigger-contact-lost', {}], ['call', 'send-script', { title: '电话挽回', script: '{{customer.name}}，好久不见' }], ['end', 'exit']]));
    const [a, b] = [await f.customer(), await f.customer()];
    await dispatchPending(f.deps);
    await lost(a.id, 'customer', 'k1');
    await lost(b.id, 'rep', 'k2');
    await dispatchPending(f.deps);
    const started = f.runner.of('start');
    expect(started).toHaveLength(1);
    expect((await f.enrollment(started[0]!.enrollmentId)).customer_id).toBe(a.id);
  });

  const watching = (goal: boolean) =>
    graph(
      [
        ['start', 'trigger-manual'],
        ['watch', 'wait-for-event', { event: { kind: 'contact.lost' }, timeout: { amount: 30, unit: 'days' } }],
        ['end', 'exit'],
      ],
      [
        ['start', 'out', 'watch'],
        ['watch', 'matched', 'end'],
        ['watch', 'timeout', 'end'],
      ],
      { goal: goal ? { kind: 'contact.lost' } : null },
    );

  for (const goal of [true, false]) {
    it(goal ? 'end a journey whose goal is a lost contact' : 'wake a customer waiting for a lost contact', async () => {
      const journeyId = await f.liveJourney(watching(goal));
      const c = await f.customer();
      const { enrollmentId } = await f.enrol(journeyId, c.id);
      await f.step(enrollmentId, Date.now(), { kind: 'start' });
      await dispatchPending(f.deps);
      await lost(c.id, 'customer', 'k3');
      await dispatchPending(f.deps);
      // A goal outranks a wake-up: with one, the customer leaves rather than taking "matched".
      expect(f.runner.of(goal ? 'signalGoal' : 'signalEvent').map((x) => x.enrollmentId)).toEqual([enrollmentId]);
      expect(f.runner.of(goal ? 'signalEvent' : 'signalGoal')).toEqual([]);
    });
  }
});
