import { repos } from '@sopline/db';
import type { ReentryRule } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { startBulkEnrol } from './bulk.ts';
import { enrolCustomer, workflowIdFor } from './enrol.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');

/** manual → wait 1 day → exit: an enrollment stays open until a timer resume ends it. */
const journey = (reentry: ReentryRule) =>
  line(
    [
      ['start', 'trigger-manual'],
      ['pause', 'wait', { mode: 'duration', amount: 1, unit: 'days' }],
      ['end', 'exit'],
    ],
    { reentry },
  );

describe('enrolCustomer', () => {
  let f: Fixture;
  let customerId: string;
  beforeEach(async () => {
    f = await createFixture();
    customerId = (await f.customer()).id;
  });
  afterEach(async () => {
    await f.close();
  });

  const enrol = (journeyId: string, triggerEventId?: string) => enrolCustomer(f.deps, { workspaceId: f.workspace.id, journeyId, customerId, triggerEventId });
  const entries = (journeyId: string) => repos(f.db).enrollments.ofJourneyCustomer(journeyId, customerId);
  /** Runs the enrollment through to its end: start, then the wait's timer. */
  const finish = async (enrollmentId: string) => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    expect(await f.step(enrollmentId, T0 + 86_400_000, { kind: 'timer' })).toMatchObject({ done: true, status: 'completed' });
  };

  describe("re-entry 'never'", () => {
    it('enrols once, starts the run, and refuses a second entry even after the first ended', async () => {
      const journeyId = await f.liveJourney(journey('never'));
      const first = await enrol(journeyId);
      expect(first).toMatchObject({ enrolled: true, workflowId: workflowIdFor(journeyId, customerId, null) });
      expect(first.enrolled && first.workflowId).toBe(`journey:${journeyId}:customer:${customerId}`);
      if (!first.enrolled) throw new Error('unreachable');
      expect(f.runner.calls).toEqual([{ method: 'start', workflowId: first.workflowId, enrollmentId: first.enrollmentId }]);

      expect(await enrol(journeyId)).toEqual({ enrolled: false, reason: 'already-entered', enrollmentId: first.enrollmentId });
      await finish(first.enrollmentId);
      expect(await enrol(journeyId, 'some-other-event')).toEqual({ enrolled: false, reason: 'already-entered', enrollmentId: first.enrollmentId });
      expect(f.runner.of('start')).toHaveLength(1);
      expect(await entries(journeyId)).toHaveLength(1);
    });

    it('a replay with the same trigger event finds the same enrollment and starts its run again', async () => {
      const journeyId = await f.liveJourney(journey('never'));
      const eventId = await f.event(customerId, 'custom', { name: 'signup' });
      const first = await enrol(journeyId, eventId);
      const before = await counts(f.db);
      const replay = await enrol(journeyId, eventId);
      expect(replay).toEqual(first);
      expect(await counts(f.db)).toEqual(before);
      const starts = f.runner.of('start');
      expect(starts).toHaveLength(2);
      expect(starts[1]).toEqual(starts[0]);
      expect((await entries(journeyId))[0]).toMatchObject({ trigger_event_id: eventId, entry_key: 'once' });
    });
  });

  describe("re-entry 'after-exit'", () => {
    it('refuses while one entry is open, allows another once it ended, with a different entry key', async () => {
      const journeyId = await f.liveJourney(journey('after-exit'));
      const first = await enrol(journeyId);
      if (!first.enrolled) throw new Error('first entry refused');
      expect(await enrol(journeyId)).toEqual({ enrolled: false, reason: 'in-journey', enrollmentId: first.enrollmentId });
      // Started (waiting) is still open.
      await f.step(first.enrollmentId, T0, { kind: 'start' });
      expect(await enrol(journeyId, 'ev-1')).toMatchObject({ enrolled: false, reason: 'in-journey' });

      expect(await f.step(first.enrollmentId, T0 + 86_400_000, { kind: 'timer' })).toMatchObject({ done: true });
      const second = await enrol(journeyId);
      if (!second.enrolled) throw new Error('second entry refused');
      expect(second.enrollmentId).not.toBe(first.enrollmentId);
      expect(second.workflowId).not.toBe(first.workflowId);
      const rows = await entries(journeyId);
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.entry_key)).size).toBe(2);
      expect(rows.every((r) => r.workflow_id === workflowIdFor(journeyId, customerId, r.entry_key))).toBe(true);
      expect(f.runner.of('start').map((c) => c.workflowId)).toEqual([first.workflowId, second.workflowId]);
    });

    it('a cancelled entry counts as ended', async () => {
      const journeyId = await f.liveJourney(journey('after-exit'));
      const first = await enrol(journeyId, 'ev-1');
      if (!first.enrolled) throw new Error('first entry refused');
      await f.step(first.enrollmentId, T0, { kind: 'cancel' });
      const second = await enrol(journeyId, 'ev-2');
      expect(second).toMatchObject({ enrolled: true, workflowId: `journey:${journeyId}:customer:${customerId}:ev-2` });
      // Replaying the first trigger still finds the first (closed) entry, not a third one.
      expect(await enrol(journeyId, 'ev-1')).toMatchObject({ enrolled: true, enrollmentId: first.enrollmentId });
      expect(await entries(journeyId)).toHaveLength(2);
    });
  });

  describe("re-entry 'always'", () => {
    it('two different trigger events make two open enrollments with different workflow ids', async () => {
      const journeyId = await f.liveJourney(journey('always'));
      const a = await enrol(journeyId, await f.event(customerId, 'purchase', { amount: 1 }));
      const b = await enrol(journeyId, await f.event(customerId, 'purchase', { amount: 2 }));
      if (!a.enrolled || !b.enrolled) throw new Error('refused');
      expect(a.enrollmentId).not.toBe(b.enrollmentId);
      expect(a.workflowId).not.toBe(b.workflowId);
      const rows = await entries(journeyId);
      expect(rows.map((r) => r.status)).toEqual(['active', 'active']);
      expect(f.runner.of('start').map((c) => c.workflowId).sort()).toEqual([a.workflowId, b.workflowId].sort());
    });
  });

  describe('a journey that is not live', () => {
    it('refuses a paused journey with journey.not-live and writes nothing', async () => {
      const journeyId = await f.liveJourney(journey('always'));
      await repos(f.db).journeys.setStatus(journeyId, 'paused');
      const before = await counts(f.db);
      await expect(enrol(journeyId)).rejects.toMatchObject({ name: 'DomainError', code: 'journey.not-live' });
      expect(await counts(f.db)).toEqual(before);
      expect(f.runner.calls).toEqual([]);
    });

    it('refuses an unpublished journey with journey.not-live', async () => {
      const draft = await repos(f.db).journeys.create({ workspaceId: f.workspace.id, name: 'Draft', graph: journey('never') });
      await expect(enrol(draft.id)).rejects.toMatchObject({ code: 'journey.not-live' });
      expect(f.runner.calls).toEqual([]);
    });

    it('refuses an unknown customer or journey with not-found', async () => {
      const journeyId = await f.liveJourney(journey('never'));
      await expect(enrolCustomer(f.deps, { workspaceId: f.workspace.id, journeyId, customerId: 'nobody' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(enrol('no-journey')).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  it('when the runner fails, the row stays and a replay with the same trigger event starts it', async () => {
    const journeyId = await f.liveJourney(journey('never'));
    f.runner.failWith = new Error('temporal down');
    await expect(enrol(journeyId, 'ev-1')).rejects.toThrow('temporal down');
    expect(await entries(journeyId)).toHaveLength(1);
    f.runner.failWith = null;
    const replay = await enrol(journeyId, 'ev-1');
    expect(replay).toMatchObject({ enrolled: true, enrollmentId: (await entries(journeyId))[0]?.id });
    expect(f.runner.of('start')).toHaveLength(1);
  });
});

describe('bulk enrolment (startBulkEnrol)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const bulk = async (journeyId: string, tagsAny: string[]) => {
    const { job, finished } = await startBulkEnrol(f.deps, { workspaceId: f.workspace.id, journeyId, filter: { tagsAny }, userId: null });
    await finished;
    const row = await repos(f.db).bulkJobs.get(f.workspace.id, job.id);
    return { status: row?.status, total: row?.total, enrolled: row?.succeeded, skipped: row?.skipped };
  };

  it('enrols exactly the customers carrying one of the tags, several at a time, and skips those already in', async () => {
    const journeyId = await f.liveJourney(journey('never'));
    const tagged: string[] = [];
    for (let i = 0; i < 55; i += 1) tagged.push((await f.customer({ tags: i % 2 === 0 ? ['vip'] : ['new', 'other'] })).id);
    const untagged = [(await f.customer()).id, (await f.customer({ tags: ['other'] })).id];
    expect(await bulk(journeyId, ['vip', 'new'])).toEqual({ status: 'done', total: 55, enrolled: 55, skipped: 0 });
    const enrolled = (await repos(f.db).enrollments.ofJourney(journeyId)).map((e) => e.customer_id);
    expect(enrolled.sort()).toEqual([...tagged].sort());
    expect(enrolled).not.toContain(untagged[0]);
    expect(enrolled).not.toContain(untagged[1]);
    expect(f.runner.of('start')).toHaveLength(55);

    // Again: everyone has entered already ('never'), nothing new is started.
    expect(await bulk(journeyId, ['vip'])).toEqual({ status: 'done', total: 28, enrolled: 0, skipped: 28 });
    expect(f.runner.of('start')).toHaveLength(55);
  });
});
