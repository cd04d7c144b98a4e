import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture, DAY, graph, MINUTE } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { EnrollmentNotFoundError, runSteps } from './run-steps.ts';

// runSteps is the workflow's only activity: every call with the same seq must be a no-op replay,
// and every resume that does not apply must change nothing.
const T0 = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai

/** manual → script → tag → wait ≤ 1 day for a reply → (stage replied → exit 'replied') | exit 'silent'; goal: a purchase. */
const replyJourney = graph(
  [
    ['start', 'trigger-manual'],
    ['hello', 'send-script', { script: '{{customer.name}} 您好', due: { afterMinutes: 30 } }],
    ['tag', 'add-tag', { tags: ['greeted'] }],
    ['waitReply', 'wait-for-event', { event: { kind: 'reply.logged' }, timeout: { amount: 1, unit: 'days' } }],
    ['replied', 'set-stage', { stage: 'replied' }],
    ['doneReplied', 'exit', { reason: 'replied' }],
    ['doneSilent', 'exit', { reason: 'silent' }],
  ],
  [
    ['start', 'out', 'hello'],
    ['hello', 'out', 'tag'],
    ['tag', 'out', 'waitReply'],
    ['waitReply', 'matched', 'replied'],
    ['replied', 'out', 'doneReplied'],
    ['waitReply', 'timeout', 'doneSilent'],
  ],
  { goal: { kind: 'purchase' } },
);

describe('runSteps', () => {
  let f: Fixture;
  let enrollmentId: string;
  let customerId: string;

  beforeEach(async () => {
    f = await createFixture();
    const journeyId = await f.liveJourney(replyJourney);
    customerId = (await f.customer()).id;
    enrollmentId = (await f.enrol(journeyId, customerId)).enrollmentId;
  });
  afterEach(async () => {
    await f.close();
  });

  const steps = () => repos(f.db).enrollments.steps(enrollmentId);

  it('runs the instant nodes up to the wait and returns how to wait', async () => {
    const outcome = await runSteps(f.deps, { enrollmentId, seq: 0, now: T0, resume: { kind: 'start' } });
    expect(outcome).toEqual({ seq: 1, done: false, wait: { until: T0 + DAY, event: true } });
    const e = await f.enrollment(enrollmentId);
    expect(e).toMatchObject({ status: 'waiting', cursor_node_id: 'waitReply', step_seq: 1, visits: 4, wait_event_kind: 'reply.logged', wait_on_event: 'matched', wait_on_timeout: 'timeout' });
    expect((await steps()).map((s) => [s.visit, s.node_id, s.outcome])).toEqual([
      [1, 'start', 'out'],
      [2, 'hello', 'out'],
      [3, 'tag', 'out'],
      [4, 'waitReply', 'wait'],
    ]);
  });

  it('called twice with the same seq returns the same outcome and writes nothing the second time', async () => {
    const first = await runSteps(f.deps, { enrollmentId, seq: 0, now: T0, resume: { kind: 'start' } });
    const after = await counts(f.db);
    expect(after.tasks).toBe(1);
    const again = await runSteps(f.deps, { enrollmentId, seq: 0, now: T0 + MINUTE, resume: { kind: 'start' } });
    expect(again).toEqual(first);
    expect(await counts(f.db)).toEqual(after);
    expect((await f.enrollment(enrollmentId)).step_seq).toBe(1);
    // A stale seq is a replay even with another resume kind.
    expect(await runSteps(f.deps, { enrollmentId, seq: 0, now: T0 + 2 * DAY, resume: { kind: 'timer' } })).toEqual(first);
    expect(await counts(f.db)).toEqual(after);
  });

  it('a start resume on an already-started enrollment does nothing', async () => {
    const first = await f.step(enrollmentId, T0, { kind: 'start' });
    const before = await counts(f.db);
    const again = await f.step(enrollmentId, T0 + MINUTE, { kind: 'start' }); // current seq, not a replay
    expect(again).toEqual(first);
    expect(await counts(f.db)).toEqual(before);
    expect((await f.enrollment(enrollmentId)).step_seq).toBe(1);
  });

  it('a timer resume before wait_until does nothing; at wait_until it takes the timeout port', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const before = await counts(f.db);
    const early = await f.step(enrollmentId, T0 + DAY - 1, { kind: 'timer' });
    expect(early).toEqual({ seq: 1, done: false, wait: { until: T0 + DAY, event: true } });
    expect(await counts(f.db)).toEqual(before);

    const due = await f.step(enrollmentId, T0 + DAY, { kind: 'timer' });
    expect(due).toEqual({ seq: 2, done: true, status: 'completed' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'completed', exit_reason: 'silent', cursor_node_id: 'doneSilent', wait_until: null, wait_event_kind: null });
    expect((await steps()).slice(4).map((s) => [s.node_id, s.outcome])).toEqual([
      ['waitReply', 'timeout'],
      ['doneSilent', 'exit:silent'],
    ]);
  });

  it("an event resume with a non-matching event or another customer's event does nothing", async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const other = await f.customer();
    const othersReply = await f.event(other.id, 'reply.logged', {});
    const wrongKind = await f.event(customerId, 'custom', { name: 'clicked' });
    const before = await counts(f.db);
    for (const eventId of [othersReply, wrongKind, 'no-such-event']) {
      expect(await f.step(enrollmentId, T0 + MINUTE, { kind: 'event', eventId })).toEqual({ seq: 1, done: false, wait: { until: T0 + DAY, event: true } });
    }
    expect(await counts(f.db)).toEqual(before);
    expect((await f.enrollment(enrollmentId)).status).toBe('waiting');
  });

  it('an event resume with a matching event takes the matched port', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const reply = await f.event(customerId, 'reply.logged', {});
    const outcome = await f.step(enrollmentId, T0 + MINUTE, { kind: 'event', eventId: reply });
    expect(outcome).toEqual({ seq: 2, done: true, status: 'completed' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ exit_reason: 'replied', cursor_node_id: 'doneReplied' });
    const resumed = (await steps()).find((s) => s.node_id === 'waitReply' && s.outcome === 'matched');
    expect(resumed && JSON.parse(resumed.detail ?? '{}')).toEqual({ resumed: 'event', eventId: reply });
    expect((await repos(f.db).customers.get(f.workspace.id, customerId))?.stage).toBe('replied');
  });

  it('a cancel resume ends the enrollment as cancelled', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const outcome = await f.step(enrollmentId, T0 + MINUTE, { kind: 'cancel' });
    expect(outcome).toEqual({ seq: 2, done: true, status: 'cancelled' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'cancelled', exit_reason: 'cancelled', ended_at: new Date(T0 + MINUTE).toISOString(), wait_until: null });
  });

  it('a goal resume with a matching event exits with reason goal and records a goal step; a non-matching one does nothing', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const notGoal = await f.event(customerId, 'tag.added', { tag: 'x' });
    const before = await counts(f.db);
    expect((await f.step(enrollmentId, T0 + MINUTE, { kind: 'goal', eventId: notGoal })).done).toBe(false);
    expect(await counts(f.db)).toEqual(before);

    const purchase = await f.event(customerId, 'purchase', { amount: 10 });
    const outcome = await f.step(enrollmentId, T0 + 2 * MINUTE, { kind: 'goal', eventId: purchase });
    expect(outcome).toEqual({ seq: 2, done: true, status: 'exited' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'exited', exit_reason: 'goal' });
    const last = (await steps()).at(-1);
    expect(last).toMatchObject({ node_id: 'waitReply', outcome: 'goal', visit: 5 });
    expect(JSON.parse(last?.detail ?? '{}')).toEqual({ eventId: purchase });
  });

  it('a closed enrollment ignores every resume', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const closed = await f.step(enrollmentId, T0 + MINUTE, { kind: 'cancel' });
    const reply = await f.event(customerId, 'reply.logged', {});
    const purchase = await f.event(customerId, 'purchase', { amount: 10 });
    const before = await counts(f.db);
    for (const resume of [{ kind: 'start' }, { kind: 'timer' }, { kind: 'event', eventId: reply }, { kind: 'goal', eventId: purchase }, { kind: 'cancel' }] as const) {
      expect(await f.step(enrollmentId, T0 + 2 * DAY, resume)).toEqual(closed);
    }
    expect(await counts(f.db)).toEqual(before);
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'cancelled', exit_reason: 'cancelled', step_seq: 2 });
  });

  it("later nodes of one run see the run's own tag and stage changes, read once per run", async () => {
    const journeyId = await f.liveJourney(
      graph(
        [
          ['start', 'trigger-manual'],
          ['tagVip', 'add-tag', { tags: ['vip'] }],
          ['isVip', 'branch-tag', { tags: ['vip'] }],
          ['untag', 'remove-tag', { tags: ['vip'] }],
          ['stillVip', 'branch-tag', { tags: ['vip'] }],
          ['paid', 'set-stage', { stage: 'paid' }],
          ['paidAgain', 'set-stage', { stage: 'paid' }],
          ['stale', 'exit', { reason: 'stale' }],
          ['fresh', 'exit', { reason: 'fresh' }],
        ],
        [
          ['start', 'out', 'tagVip'],
          ['tagVip', 'out', 'isVip'],
          ['isVip', 'yes', 'untag'],
          ['isVip', 'no', 'stale'],
          ['untag', 'out', 'stillVip'],
          ['stillVip', 'yes', 'stale'],
          ['stillVip', 'no', 'paid'],
          ['paid', 'out', 'paidAgain'],
          ['paidAgain', 'out', 'fresh'],
        ],
      ),
    );
    const other = (await f.customer()).id;
    const id = (await f.enrol(journeyId, other)).enrollmentId;
    expect(await runSteps(f.deps, { enrollmentId: id, seq: 0, now: T0, resume: { kind: 'start' } })).toMatchObject({ done: true });
    expect((await repos(f.db).enrollments.steps(id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
      'start:out',
      'tagVip:out',
      'isVip:yes',
      'untag:out',
      'stillVip:no',
      'paid:out',
      'paidAgain:out',
      'fresh:exit:fresh',
    ]);
    // The second set-stage saw the stage the first one set: one stage change, not two.
    const stageEvents = (await repos(f.db).events.ofCustomer(other)).filter((e) => e.kind === 'stage.changed');
    expect(stageEvents.map((e) => e.payload.to)).toEqual(['paid']);
    expect(await repos(f.db).tags.ofCustomer(other)).toEqual([]);
  });

  it('rejects an unknown enrollment', async () => {
    await expect(runSteps(f.deps, { enrollmentId: 'nope', seq: 0, now: T0, resume: { kind: 'start' } })).rejects.toBeInstanceOf(EnrollmentNotFoundError);
  });
});
