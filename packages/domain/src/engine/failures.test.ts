import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import type { AnyNodeDefinition } from '@sopline/node-sdk';
import { PermanentStepError } from '@sopline/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeRegistry } from '../ports.ts';
import { counts, createFixture, graph } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { nodeCounts } from '../analytics/node-counts.ts';
import { parseFailure } from './failure.ts';
import { runSteps } from './run-steps.ts';

const T0 = Date.parse('2026-03-02T02:00:00Z');

/** manual → script (a task) → tag → wait for a reply ≤ 1 day → exit. */
const journey = graph(
  [
    ['start', 'trigger-manual'],
    ['hello', 'send-script', { script: '{{customer.name}} 您好', due: { afterMinutes: 30 } }],
    ['tag', 'add-tag', { tags: ['greeted'] }],
    ['wait', 'wait-for-event', { event: { kind: 'reply.logged' }, timeout: { amount: 1, unit: 'days' } }],
    ['bye', 'exit', { reason: 'completed' }],
  ],
  [
    ['start', 'out', 'hello'],
    ['hello', 'out', 'tag'],
    ['tag', 'out', 'wait'],
    ['wait', 'matched', 'bye'],
    ['wait', 'timeout', 'bye'],
  ],
);

/** The installed registry with one node type changed (or gone, with `null`). */
function registryWith(base: NodeRegistry, type: string, def: AnyNodeDefinition | null): NodeRegistry {
  return Object.assign(Object.create(base) as NodeRegistry, { get: (t: string) => (t === type ? (def ?? undefined) : base.get(t)) });
}

describe('a step that cannot succeed stops its enrollment, says why, and can be retried or skipped', () => {
  let f: Fixture;
  let enrollmentId: string;
  beforeEach(async () => {
    f = await createFixture();
    const journeyId = await f.liveJourney(journey);
    const customerId = (await f.customer()).id;
    enrollmentId = (await f.enrol(journeyId, customerId)).enrollmentId;
  });
  afterEach(async () => {
    await f.close();
  });

  const steps = async () => (await repos(f.db).enrollments.steps(enrollmentId)).map((s) => [s.node_id, s.outcome]);
  const run = (registry: NodeRegistry, seq: number, resume: Parameters<typeof runSteps>[1]['resume']) => runSteps({ db: f.db, registry }, { enrollmentId, seq, now: T0, resume });

  it('a node type that is not installed fails the enrollment at that node in one call, writing nothing of the run', async () => {
    const missing = registryWith(f.deps.registry, 'add-tag', null);
    const outcome = await run(missing, 0, { kind: 'start' });
    expect(outcome).toEqual({ seq: 1, done: false, failed: true, wait: { until: null, event: false } });
    const e = await f.enrollment(enrollmentId);
    expect(e).toMatchObject({ status: 'failed', failed_node_id: 'tag', exit_reason: 'node-type-missing', step_seq: 1 });
    const failure = parseFailure(e.failure)!;
    expect(failure).toMatchObject({ code: 'node-type-missing', nodeId: 'tag', nodeType: 'add-tag', resume: { kind: 'start' }, status: 'active' });
    expect(failure.text['zh-CN']).toContain('没有安装');
    expect(failure.text.en).toContain('not installed');
    expect(failure.error).toMatch(/PermanentFailure: Node type "add-tag" is not installed[\s\S]*at /);
    // The task of the script before it was rolled back with the run: nothing half-done.
    expect((await counts(f.db)).tasks).toBe(0);
    expect(await steps()).toEqual([['tag', 'failed']]);

    // A timer or an event does not move a failed enrollment; the same call again changes nothing.
    expect(await run(f.deps.registry, 1, { kind: 'timer' })).toMatchObject({ seq: 1, failed: true });
    expect(await run(missing, 0, { kind: 'start' })).toMatchObject({ seq: 1, failed: true });

    // Retried while still missing: fails again, the same way.
    expect(await run(missing, 1, { kind: 'retry', skip: false })).toMatchObject({ seq: 2, failed: true });
    expect(parseFailure((await f.enrollment(enrollmentId)).failure)).toMatchObject({ code: 'node-type-missing', resume: { kind: 'start' }, status: 'active' });

    // Installed again, retried: the customer goes on, with one task (no duplicate) and the failure cleared.
    const on = await run(f.deps.registry, 2, { kind: 'retry', skip: false });
    expect(on).toMatchObject({ seq: 3, done: false, wait: { event: true } });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'waiting', cursor_node_id: 'wait', failed_node_id: null, failure: null, ended_at: null });
    expect((await counts(f.db)).tasks).toBe(1);
    expect(await steps()).toEqual([
      ['tag', 'failed'],
      ['tag', 'failed'],
      ['start', 'out'],
      ['hello', 'out'],
      ['tag', 'out'],
      ['wait', 'wait'],
    ]);
  });

  it('the canvas counts a customer whose first run failed as entered at the trigger and failed at the node', async () => {
    const missing = registryWith(f.deps.registry, 'add-tag', null);
    await run(missing, 0, { kind: 'start' });
    const { journey_id: journeyId, workspace_id: workspaceId } = await f.enrollment(enrollmentId);
    const nodes = Object.fromEntries((await nodeCounts(f.deps, { workspaceId, journeyId })).nodes.map((n) => [n.nodeId, { entered: n.entered, failed: n.failed }]));
    expect(nodes).toMatchObject({ start: { entered: 1, failed: 0 }, hello: { entered: 0 }, tag: { entered: 1, failed: 1 }, wait: { entered: 0 } });
  });

  it('the canvas counts a failed customer as failed at its node, not as exited where it last waited, until it is retried', async () => {
    // It waits for a reply, the wait times out, and the exit's node type is gone by then.
    expect(await run(f.deps.registry, 0, { kind: 'start' })).toMatchObject({ seq: 1, wait: { event: true } });
    const missing = registryWith(f.deps.registry, 'exit', null);
    const later = (registry: NodeRegistry, seq: number, resume: Parameters<typeof runSteps>[1]['resume']) => runSteps({ db: f.db, registry }, { enrollmentId, seq, now: T0 + 2 * 86_400_000, resume });
    expect(await later(missing, 1, { kind: 'timer' })).toMatchObject({ failed: true });
    const { journey_id: journeyId, workspace_id: workspaceId } = await f.enrollment(enrollmentId);
    const byNode = async () =>
      Object.fromEntries(
        (await nodeCounts(f.deps, { workspaceId, journeyId })).nodes.filter((n) => n.failed + n.exited + n.waitingNow > 0).map((n) => [n.nodeId, { failed: n.failed, exited: n.exited, waitingNow: n.waitingNow }]),
      );
    expect(await byNode()).toEqual({ bye: { failed: 1, exited: 0, waitingNow: 0 } });
    await later(f.deps.registry, 2, { kind: 'retry', skip: false });
    expect(await byNode()).toEqual({ bye: { failed: 0, exited: 1, waitingNow: 0 } });
  });

  it("a node's own permanent failure is kept in its words; skip passes that node by its way out", async () => {
    const real = f.deps.registry.get('add-tag')!;
    const refusing = registryWith(f.deps.registry, 'add-tag', { ...real, execute: () => { throw new PermanentStepError(text('标签已被企业微信删除', 'The tag was deleted in WeCom')); } } as AnyNodeDefinition);
    await run(refusing, 0, { kind: 'start' });
    const e = await f.enrollment(enrollmentId);
    expect(e).toMatchObject({ status: 'failed', failed_node_id: 'tag', exit_reason: 'node-failed' });
    expect(parseFailure(e.failure)!.text).toEqual({ 'zh-CN': '标签已被企业微信删除', en: 'The tag was deleted in WeCom' });

    const skipped = await run(refusing, 1, { kind: 'retry', skip: true });
    expect(skipped).toMatchObject({ seq: 2, done: false, wait: { event: true } });
    expect((await counts(f.db)).tags).toBe(0);
    expect((await counts(f.db)).tasks).toBe(1);
    expect((await steps()).slice(-4)).toEqual([
      ['start', 'out'],
      ['hello', 'out'],
      ['tag', 'skipped'],
      ['wait', 'wait'],
    ]);
  });

  it('a config that no longer parses fails as such; a failed enrollment can still be cancelled', async () => {
    const real = f.deps.registry.get('add-tag')!;
    const stricter = registryWith(f.deps.registry, 'add-tag', { ...real, config: real.config.refine(() => false, 'no longer accepted') } as AnyNodeDefinition);
    await run(stricter, 0, { kind: 'start' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'failed', exit_reason: 'config-invalid', failed_node_id: 'tag' });
    expect(await run(stricter, 1, { kind: 'cancel' })).toEqual({ seq: 2, done: true, status: 'cancelled' });
    expect(await f.enrollment(enrollmentId)).toMatchObject({ status: 'cancelled', failure: null, failed_node_id: null });
  });
});
