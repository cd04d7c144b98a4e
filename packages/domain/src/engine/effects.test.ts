import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, createFixture, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { runSteps } from './run-steps.ts';
import { createStepContext } from './step-context.ts';

// Tags and stages are effects other journeys trigger on, so the engine records them as events —
// once per real change, keyed by the step so that a retry cannot record them twice.
const T0 = Date.parse('2026-03-02T02:00:00Z');

const effectsJourney = line([
  ['start', 'trigger-manual'],
  ['tag', 'add-tag', { tags: ['vip', 'new', 'vip'] }],
  ['untag', 'remove-tag', { tags: ['lead', 'absent'] }],
  ['stage', 'set-stage', { stage: 'paid' }],
  ['same', 'set-stage', { stage: 'paid' }],
  ['end', 'exit'],
]);

describe('effects recorded as events', () => {
  let f: Fixture;
  let customerId: string;
  let enrollmentId: string;

  beforeEach(async () => {
    f = await createFixture();
    const journeyId = await f.liveJourney(effectsJourney);
    customerId = (await f.customer({ tags: ['vip', 'lead'], stage: 'lead' })).id;
    enrollmentId = (await f.enrol(journeyId, customerId)).enrollmentId;
  });
  afterEach(async () => {
    await f.close();
  });

  const journeyEvents = async () => (await repos(f.db).events.ofCustomer(customerId)).filter((e) => e.payload.source === 'journey');

  it('add-tag records tag.added once per newly added tag, not for tags already present', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    expect(await repos(f.db).tags.ofCustomer(customerId)).toEqual(['new', 'vip']);
    const added = (await journeyEvents()).filter((e) => e.kind === 'tag.added');
    expect(added.map((e) => e.payload.tag)).toEqual(['new']);
    expect(added[0]).toMatchObject({ occurred_at: new Date(T0).toISOString(), idempotency_key: `${enrollmentId}:2:tag+new`, dispatched_at: null });
    expect(added[0]?.payload.journeyId).toBe((await f.enrollment(enrollmentId)).journey_id);
  });

  it('remove-tag records tag.removed only for tags the customer had', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const removed = (await journeyEvents()).filter((e) => e.kind === 'tag.removed');
    expect(removed.map((e) => [e.payload.tag, e.idempotency_key])).toEqual([['lead', `${enrollmentId}:3:tag-lead`]]);
  });

  it('set-stage records stage.changed with from and to, and nothing when the stage is unchanged', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    expect((await repos(f.db).customers.get(f.workspace.id, customerId))?.stage).toBe('paid');
    const changed = (await journeyEvents()).filter((e) => e.kind === 'stage.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.payload).toMatchObject({ from: 'lead', to: 'paid' });
    expect(changed[0]?.idempotency_key).toBe(`${enrollmentId}:4:stage`);
    // The second set-stage node ran (its step is there) but changed nothing.
    const steps = await repos(f.db).enrollments.steps(enrollmentId);
    expect(steps.find((s) => s.node_id === 'same')?.outcome).toBe('out');
  });

  it('a retried run of steps records no event twice', async () => {
    const first = await runSteps(f.deps, { enrollmentId, seq: 0, now: T0, resume: { kind: 'start' } });
    const before = await counts(f.db);
    const retry = await runSteps(f.deps, { enrollmentId, seq: 0, now: T0, resume: { kind: 'start' } });
    expect(retry).toEqual(first);
    expect(await counts(f.db)).toEqual(before);
    expect((await journeyEvents()).map((e) => e.kind)).toEqual(['tag.added', 'tag.removed', 'stage.changed']);
  });

  it('the same step replayed against a reverted customer hits the idempotency keys, not new events', async () => {
    await f.step(enrollmentId, T0, { kind: 'start' });
    const before = (await journeyEvents()).length;
    // Undo the effects by hand, then replay visits 2–4 with the same keys: the customer changes
    // again, but the events are already stored under those keys.
    const r = repos(f.db);
    await r.tags.remove(f.workspace.id, customerId, ['new']);
    await r.tags.add(f.workspace.id, customerId, ['lead']);
    await r.customers.setStage(customerId, 'lead');
    const workspace = (await r.workspaces.get(f.workspace.id))!;
    const enrollment = await f.enrollment(enrollmentId);
    const ctx = (visit: number) => createStepContext({ db: f.db, workspace, enrollment, nodeId: 'x', visit, now: new Date(T0), event: null });
    await (await ctx(2)).addTags(['new']);
    await (await ctx(3)).removeTags(['lead']);
    await (await ctx(4)).setStage('paid');
    expect(await r.tags.ofCustomer(customerId)).toEqual(['new', 'vip']);
    expect((await journeyEvents()).length).toBe(before);
    // A different visit is a different step: it does record.
    await r.tags.remove(f.workspace.id, customerId, ['new']);
    await (await ctx(9)).addTags(['new']);
    expect((await journeyEvents()).length).toBe(before + 1);
  });
});
