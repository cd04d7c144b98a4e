import { repos } from '@sopline/db';
import { validateGraph } from '@sopline/graph';
import type { JourneyGraphInput } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, DAY, graph, MINUTE } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { MAX_STEPS_PER_RUN, MAX_VISITS } from './run-steps.ts';

// A loop through a wait is a valid journey, but a customer must not cycle in it forever: the loop
// guard fails the enrollment once it has made MAX_VISITS node visits, and never goes beyond.
const T0 = Date.parse('2026-03-02T02:00:00Z');

/** manual → wait 1 minute → add tag → back to the wait. */
const tagLoop = graph(
  [
    ['start', 'trigger-manual'],
    ['tick', 'wait', { mode: 'duration', amount: 1, unit: 'minutes' }],
    ['tag', 'add-tag', { tags: ['looped'] }],
  ],
  [
    ['start', 'out', 'tick'],
    ['tick', 'out', 'tag'],
    ['tag', 'out', 'tick'],
  ],
);

/** manual → wait 1 minute → wait 1 minute → back to the first wait: every visit is a wait. */
const waitLoop = graph(
  [
    ['start', 'trigger-manual'],
    ['ping', 'wait', { mode: 'duration', amount: 1, unit: 'minutes' }],
    ['pong', 'wait', { mode: 'duration', amount: 1, unit: 'minutes' }],
  ],
  [
    ['start', 'out', 'ping'],
    ['ping', 'out', 'pong'],
    ['pong', 'out', 'ping'],
  ],
);

describe('loop guard', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  /** Plays the workflow: start, then a timer resume each minute until the enrollment closes. */
  async function drive(g: JourneyGraphInput) {
    expect(validateGraph(g, defaultRegistry).ok).toBe(true);
    const journeyId = await f.liveJourney(g);
    const customer = await f.customer();
    const { enrollmentId } = await f.enrol(journeyId, customer.id);
    let now = T0;
    let outcome = await f.step(enrollmentId, now, { kind: 'start' });
    let resumes = 0;
    while (!outcome.done && resumes < MAX_VISITS * 2) {
      expect(outcome.wait.until).toBe(now + MINUTE);
      now += MINUTE;
      outcome = await f.step(enrollmentId, now, { kind: 'timer' });
      resumes += 1;
      const e = await f.enrollment(enrollmentId);
      expect(e.visits).toBeLessThanOrEqual(MAX_VISITS);
    }
    return { enrollmentId, outcome, now, customerId: customer.id };
  }

  for (const [name, g] of [
    ['a loop with an action', tagLoop],
    ['a loop of waits only', waitLoop],
  ] as const) {
    it(`fails ${name} with loop-guard once MAX_VISITS is reached, and never exceeds it`, async () => {
      const { enrollmentId, outcome, now } = await drive(g);
      expect(outcome).toMatchObject({ done: true, status: 'failed' });
      const e = await f.enrollment(enrollmentId);
      expect(e).toMatchObject({ status: 'failed', exit_reason: 'loop-guard', visits: MAX_VISITS });
      const steps = await repos(f.db).enrollments.steps(enrollmentId);
      expect(steps).toHaveLength(MAX_VISITS);
      expect(steps.map((s) => s.visit)).toEqual(Array.from({ length: MAX_VISITS }, (_, i) => i + 1));
      expect(steps.filter((s) => s.outcome === 'loop-guard')).toHaveLength(1);
      expect(steps.at(-1)?.outcome).toBe('loop-guard');

      // Closed: further timers change nothing.
      const again = await f.step(enrollmentId, now + MINUTE, { kind: 'timer' });
      expect(again).toEqual(outcome);
      expect(await repos(f.db).enrollments.steps(enrollmentId)).toHaveLength(MAX_VISITS);
    });
  }

  it('fails a run of instant steps that cycles through a wait that does not wait (MAX_STEPS_PER_RUN)', async () => {
    // A date-property wait with no date takes its "missing" port at once: valid, but instant.
    const g = graph(
      [
        ['start', 'trigger-manual'],
        ['bday', 'wait', { mode: 'date-property', property: 'birthday' }],
        ['tag', 'add-tag', { tags: ['no-birthday'] }],
        ['end', 'exit'],
      ],
      [
        ['start', 'out', 'bday'],
        ['bday', 'out', 'end'],
        ['bday', 'missing', 'tag'],
        ['tag', 'out', 'bday'],
      ],
    );
    expect(validateGraph(g, defaultRegistry).ok).toBe(true);
    const journeyId = await f.liveJourney(g);
    const customer = await f.customer();
    const { enrollmentId } = await f.enrol(journeyId, customer.id);
    const outcome = await f.step(enrollmentId, T0, { kind: 'start' });
    expect(outcome).toMatchObject({ done: true, status: 'failed' });
    const e = await f.enrollment(enrollmentId);
    expect(e).toMatchObject({ exit_reason: 'loop-guard', visits: 1 + MAX_STEPS_PER_RUN + 1 });
    const steps = await repos(f.db).enrollments.steps(enrollmentId);
    expect(steps.at(-1)?.outcome).toBe('loop-guard');
    expect(steps.filter((s) => s.outcome === 'loop-guard')).toHaveLength(1);
    // The tag was added by the first pass only: one event, not fifty.
    expect(await repos(f.db).events.ofCustomer(customer.id, 'tag.added')).toHaveLength(1);
  });

  for (const [left, expected] of [
    [2, [['wake', 'matched'], ['again', 'loop-guard']]],
    [1, [['wake', 'loop-guard']]],
  ] as const) {
    it(`trips on an event resume too (${left} visit(s) left), still within MAX_VISITS`, async () => {
      const g = graph(
        [
          ['start', 'trigger-manual'],
          ['wake', 'wait-for-event', { event: { kind: 'custom', name: 'ping' }, timeout: { amount: 1, unit: 'days' } }],
          ['again', 'add-tag', { tags: ['pinged'] }],
        ],
        [
          ['start', 'out', 'wake'],
          ['wake', 'matched', 'again'],
          ['wake', 'timeout', 'again'],
          ['again', 'out', 'wake'],
        ],
      );
      const journeyId = await f.liveJourney(g);
      const customer = await f.customer();
      const { enrollmentId } = await f.enrol(journeyId, customer.id);
      await f.step(enrollmentId, T0, { kind: 'start' });
      // Fast-forward the counter as if the customer had looped for a long time.
      await f.db.updateTable('enrollments').set({ visits: MAX_VISITS - left }).where('id', '=', enrollmentId).execute();
      const ping = await f.event(customer.id, 'custom', { name: 'ping' });
      const outcome = await f.step(enrollmentId, T0 + DAY / 2, { kind: 'event', eventId: ping });
      expect(outcome).toMatchObject({ done: true, status: 'failed' });
      expect(await f.enrollment(enrollmentId)).toMatchObject({ exit_reason: 'loop-guard', visits: MAX_VISITS });
      const steps = await repos(f.db).enrollments.steps(enrollmentId);
      expect(steps.slice(2).map((s) => [s.node_id, s.outcome])).toEqual(expected);
      expect(steps.at(-1)?.visit).toBe(MAX_VISITS);
    });
  }
});
