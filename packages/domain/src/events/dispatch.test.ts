import { repos } from '@sopline/db';
import type { JourneySettings } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, graph, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { dispatchEvent, dispatchPending } from './dispatch.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');

/** trigger → wait 1 day → exit: the enrollment stays open. */
const triggered = (type: string, config: Record<string, unknown>, settings: Partial<JourneySettings> = {}) =>
  line(
    [
      ['start', type, config],
      ['pause', 'wait', { mode: 'duration', amount: 1, unit: 'days' }],
      ['end', 'exit'],
    ],
    settings,
  );

/** manual → wait ≤ 7 days for a purchase ≥ 100 → exit 'bought' | exit 'timeout'. */
const waitForPurchase = (settings: Partial<JourneySettings> = {}) =>
  graph(
    [
      ['start', 'trigger-manual'],
      ['waitBuy', 'wait-for-event', { event: { kind: 'purchase', minAmount: 100 }, timeout: { amount: 7, unit: 'days' } }],
      ['bought', 'exit', { reason: 'bought' }],
      ['late', 'exit', { reason: 'timeout' }],
    ],
    [
      ['start', 'out', 'waitBuy'],
      ['waitBuy', 'matched', 'bought'],
      ['waitBuy', 'timeout', 'late'],
    ],
    settings,
  );

describe('dispatch', () => {
  let f: Fixture;
  let customerId: string;
  beforeEach(async () => {
    f = await createFixture();
    customerId = (await f.customer()).id;
  });
  afterEach(async () => {
    await f.close();
  });

  /** Ingests one event and dispatches everything pending; returns the event id. */
  const send = async (kind: Parameters<Fixture['event']>[1], payload: Record<string, unknown>, who = customerId) => {
    const id = await f.event(who, kind, payload);
    expect(await dispatchPending(f.deps)).toMatchObject({ failed: null });
    return id;
  };
  const enrollmentsOf = (journeyId: string) => repos(f.db).enrollments.ofJourney(journeyId);

  describe('starting journeys', () => {
    it('starts the journeys whose trigger matches the event, and only those', async () => {
      const byTag = await f.liveJourney(triggered('trigger-tag-added', { tags: ['vip', 'gold'] }), 'tagged');
      const byPurchase = await f.liveJourney(triggered('trigger-purchase', { minAmount: 500 }), 'big order');
      const manual = await f.liveJourney(triggered('trigger-manual', {}), 'manual');
      const paused = await f.liveJourney(triggered('trigger-tag-added', { tags: ['vip'] }), 'paused');
      await repos(f.db).journeys.setStatus(paused, 'paused');
      await dispatchPending(f.deps); // the customer.created events
      expect(f.runner.calls).toEqual([]);

      await send('tag.added', { tag: 'other' });
      await send('purchase', { amount: 100 });
      expect(f.runner.calls).toEqual([]);

      const vip = await send('tag.added', { tag: 'vip' });
      const [tagged] = await enrollmentsOf(byTag);
      expect(tagged).toMatchObject({ customer_id: customerId, trigger_event_id: vip, workflow_id: `journey:${byTag}:customer:${customerId}` });
      expect(f.runner.calls).toEqual([{ method: 'start', workflowId: tagged!.workflow_id, enrollmentId: tagged!.id }]);

      const order = await send('purchase', { amount: 600 });
      const [big] = await enrollmentsOf(byPurchase);
      expect(big).toMatchObject({ trigger_event_id: order });
      expect(f.runner.of('start').map((c) => c.enrollmentId)).toEqual([tagged!.id, big!.id]);
      expect(await enrollmentsOf(manual)).toEqual([]);
      expect(await enrollmentsOf(paused)).toEqual([]);
    });

    it('another customer tagged the same way enters separately; one tag event does not re-enter a never journey', async () => {
      const byTag = await f.liveJourney(triggered('trigger-tag-added', { tags: ['vip'] }));
      const other = (await f.customer()).id;
      await send('tag.added', { tag: 'vip' });
      await send('tag.added', { tag: 'vip' }, other);
      await send('tag.added', { tag: 'vip' });
      const rows = await enrollmentsOf(byTag);
      expect(rows.map((r) => r.customer_id).sort()).toEqual([customerId, other].sort());
      expect(f.runner.of('start')).toHaveLength(2);
    });

    it('a tag added by a journey step starts the journey triggered by that tag', async () => {
      const tagger = await f.liveJourney(line([['start', 'trigger-manual'], ['tag', 'add-tag', { tags: ['vip'] }], ['end', 'exit']]), 'tagger');
      const byTag = await f.liveJourney(triggered('trigger-tag-added', { tags: ['vip'] }), 'vip');
      const { enrollmentId } = await f.enrol(tagger, customerId);
      await f.step(enrollmentId, T0, { kind: 'start' });
      await dispatchPending(f.deps);
      expect(await enrollmentsOf(byTag)).toHaveLength(1);
    });
  });

  describe('waking and goals', () => {
    it('wakes only an enrollment that waits for a matching event of its own customer', async () => {
      const journeyId = await f.liveJourney(waitForPurchase());
      const other = (await f.customer()).id;
      const waiting = (await f.enrol(journeyId, customerId)).enrollmentId;
      const onItsWay = await f.enrol(journeyId, other); // entered but not started: active, not waiting yet
      expect(await f.step(waiting, T0, { kind: 'start' })).toMatchObject({ done: false, wait: { event: true } });
      await dispatchPending(f.deps);
      f.runner.calls.length = 0;

      await send('purchase', { amount: 50 }); // below the filter
      await send('tag.added', { tag: 'vip' }); // another kind
      expect(f.runner.calls).toEqual([]);
      // Another customer whose run has not reached its wait yet: the event is passed on to the run,
      // whose workflow keeps it for the wait it is heading to (an event mid-step is not lost).
      const early = await send('purchase', { amount: 500 }, other);
      expect(f.runner.calls).toEqual([{ method: 'signalEvent', workflowId: onItsWay.workflowId, enrollmentId: onItsWay.enrollmentId, eventId: early }]);
      f.runner.calls.length = 0;

      const matching = await send('purchase', { amount: 150 });
      const row = await f.enrollment(waiting);
      expect(f.runner.calls).toEqual([{ method: 'signalEvent', workflowId: row.workflow_id, enrollmentId: waiting, eventId: matching }]);

      // The workflow's part: the signalled event resumes the wait through "matched".
      expect(await f.step(waiting, T0 + 60_000, { kind: 'event', eventId: matching })).toMatchObject({ done: true, status: 'completed' });
      expect((await f.enrollment(waiting)).exit_reason).toBe('bought');
      await send('purchase', { amount: 150 });
      expect(f.runner.of('signalEvent')).toHaveLength(1); // closed: nothing to wake
    });

    it('a goal match sends signalGoal instead of signalEvent', async () => {
      const journeyId = await f.liveJourney(waitForPurchase({ goal: { kind: 'purchase', minAmount: 1000 } }));
      const { enrollmentId, workflowId } = await f.enrol(journeyId, customerId);
      await f.step(enrollmentId, T0, { kind: 'start' });
      await dispatchPending(f.deps);
      f.runner.calls.length = 0;

      const small = await send('purchase', { amount: 200 }); // wakes the wait, not the goal
      const big = await send('purchase', { amount: 2000 }); // goal (it would also match the wait)
      expect(f.runner.calls).toEqual([
        { method: 'signalEvent', workflowId, enrollmentId, eventId: small },
        { method: 'signalGoal', workflowId, enrollmentId, eventId: big },
      ]);
    });

    it('a goal is signalled to an open enrollment that is not waiting for an event', async () => {
      const journeyId = await f.liveJourney(triggered('trigger-manual', {}, { goal: { kind: 'tag.added', tag: 'converted' } }));
      const { enrollmentId } = await f.enrol(journeyId, customerId);
      await f.step(enrollmentId, T0, { kind: 'start' }); // in a plain timer wait
      await dispatchPending(f.deps);
      f.runner.calls.length = 0;
      const tag = await send('tag.added', { tag: 'converted' });
      expect(f.runner.calls).toMatchObject([{ method: 'signalGoal', enrollmentId, eventId: tag }]);
      expect(await f.step(enrollmentId, T0 + 60_000, { kind: 'goal', eventId: tag })).toMatchObject({ done: true, status: 'exited' });
    });

    it('the event that starts an enrollment neither wakes it nor reaches its goal, even when dispatched again', async () => {
      // Started by a purchase, goal: a purchase. The triggering purchase must not end it at once.
      const withGoal = await f.liveJourney(triggered('trigger-purchase', {}, { goal: { kind: 'purchase' } }), 'goal');
      // Started by a purchase, then waits for a purchase: the triggering one must not count.
      const waitsAgain = await f.liveJourney(
        graph(
          [
            ['start', 'trigger-purchase'],
            ['again', 'wait-for-event', { event: { kind: 'purchase' } }],
            ['end', 'exit'],
          ],
          [
            ['start', 'out', 'again'],
            ['again', 'matched', 'end'],
            ['again', 'timeout', 'end'],
          ],
        ),
        'repeat',
      );
      await dispatchPending(f.deps);
      const order = await f.event(customerId, 'purchase', { amount: 10 });
      const stored = (await repos(f.db).events.get(order))!;
      expect(await dispatchEvent(f.deps, stored)).toEqual({ started: 2, woken: 0, goals: 0 });
      // The runs start and reach their waits, then (a crash before markDispatched) the dispatcher
      // handles the same event again.
      for (const e of [...(await enrollmentsOf(withGoal)), ...(await enrollmentsOf(waitsAgain))]) await f.step(e.id, T0, { kind: 'start' });
      expect((await enrollmentsOf(waitsAgain))[0]).toMatchObject({ status: 'waiting', wait_event_kind: 'purchase' });
      expect(await dispatchEvent(f.deps, stored)).toEqual({ started: 2, woken: 0, goals: 0 });
      expect(f.runner.calls.map((c) => c.method)).toEqual(['start', 'start', 'start', 'start']);
      expect(await enrollmentsOf(withGoal)).toHaveLength(1);
      expect(await enrollmentsOf(waitsAgain)).toHaveLength(1);
    });

    it('after a failed start, the retried dispatch does not send the goal to the enrollment its event created', async () => {
      const journeyId = await f.liveJourney(triggered('trigger-purchase', {}, { goal: { kind: 'purchase' } }));
      await dispatchPending(f.deps);
      await f.event(customerId, 'purchase', { amount: 10 });
      f.runner.failWith = new Error('temporal down');
      expect((await dispatchPending(f.deps)).failed).toBe('temporal down');
      f.runner.failWith = null;
      expect(await dispatchPending(f.deps)).toEqual({ dispatched: 1, failed: null });
      const [row] = await enrollmentsOf(journeyId);
      expect(f.runner.calls).toEqual([{ method: 'start', workflowId: row!.workflow_id, enrollmentId: row!.id }]);
    });
  });

  describe('dispatchPending', () => {
    it("stops a customer's events at the one the runner fails on, lets other customers' events through, and resumes in order", async () => {
      const journeyId = await f.liveJourney(triggered('trigger-tag-added', { tags: ['vip'] }));
      expect(await dispatchPending(f.deps)).toEqual({ dispatched: 1, failed: null }); // customer.created
      const first = await f.event(customerId, 'tag.added', { tag: 'vip' });
      const second = await f.event(customerId, 'purchase', { amount: 1 });
      const other = (await f.customer()).id;
      const third = await f.event(other, 'tag.added', { tag: 'vip' });

      f.runner.failWith = new Error('temporal unavailable');
      // The other customer's customer.created needs no runner call: it goes through; both tag events fail.
      expect(await dispatchPending(f.deps)).toEqual({ dispatched: 1, failed: 'temporal unavailable' });
      expect(await dispatchPending(f.deps)).toEqual({ dispatched: 0, failed: 'temporal unavailable' });
      const r = repos(f.db);
      expect(await r.events.get(first)).toMatchObject({ dispatched_at: null, dispatch_attempts: 2, dispatch_error: 'temporal unavailable' });
      expect(await r.events.get(third)).toMatchObject({ dispatched_at: null, dispatch_attempts: 2 });
      // The failed event's customer: nothing after it was tried, so nothing overtook it.
      expect(await r.events.get(second)).toMatchObject({ dispatched_at: null, dispatch_attempts: 0, dispatch_error: null });
      expect((await r.events.pending(100)).map((e) => e.id)).toEqual([first, second, third]);

      f.runner.failWith = null;
      expect(await dispatchPending(f.deps)).toEqual({ dispatched: 3, failed: null });
      expect(await r.events.pending(100)).toEqual([]);
      expect(await r.events.get(first)).toMatchObject({ dispatch_error: null, dispatch_attempts: 2 });
      expect((await r.events.get(first))?.dispatched_at).not.toBeNull();
      const rows = await enrollmentsOf(journeyId);
      expect(new Set(f.runner.calls.map((c) => c.enrollmentId))).toEqual(new Set(rows.map((e) => e.id)));
      expect(rows).toHaveLength(2);
    });

    it("acts on different customers' events side by side, up to the concurrency", async () => {
      await dispatchPending(f.deps);
      const customers = [customerId];
      for (let i = 0; i < 5; i += 1) customers.push((await f.customer()).id);
      await dispatchPending(f.deps);
      for (let round = 0; round < 3; round += 1) for (const c of customers) await f.event(c, 'custom', { name: `round-${round}` });
      // keepGoing is asked before each event: count how many are in hand at once.
      let inHand = 0;
      let most = 0;
      const keepGoing = async () => {
        inHand += 1;
        most = Math.max(most, inHand);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inHand -= 1;
        return true;
      };
      expect(await dispatchPending(f.deps, { concurrency: 3, keepGoing })).toEqual({ dispatched: 18, failed: null });
      expect(most).toBe(3);
      expect(await repos(f.db).events.pending(100)).toEqual([]);
    });

    it('honours the limit', async () => {
      for (let i = 0; i < 3; i += 1) await f.event(customerId, 'custom', { name: `e${i}` });
      expect(await dispatchPending(f.deps, { limit: 2 })).toEqual({ dispatched: 2, failed: null });
      expect(await repos(f.db).events.pending(100)).toHaveLength(2);
    });
  });
});
