import { enrolCustomer, retryEnrollments } from '@sopline/domain';
import { warnMissingNodeTypes, withErrorText } from '@sopline/journey-worker';
import type { NodeRegistry } from '@sopline/domain';
import { parseFailure } from '@sopline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

/** manual → script (a task) → tag → exit. */
const journey = {
  nodes: [
    { id: 'start', type: 'trigger-manual', position: { x: 0, y: 0 }, config: {} },
    { id: 'hello', type: 'send-script', position: { x: 0, y: 100 }, config: { script: '{{customer.name}} 您好', due: { afterMinutes: 30 } } },
    { id: 'tag', type: 'add-tag', position: { x: 0, y: 200 }, config: { tags: ['greeted'] } },
    { id: 'bye', type: 'exit', position: { x: 0, y: 300 }, config: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'out', target: 'tag' },
    { id: 'e3', source: 'tag', sourcePort: 'out', target: 'bye' },
  ],
};

describe('a journey whose node type is missing at run time (real Temporal worker)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ server: 'dev' });
  });
  afterAll(() => h?.close());

  it('fails the enrollment after one attempt with the reason, waits, and goes on once the plugin is back and it is retried — with no duplicate task', async () => {
    const { journey: j } = await h.journey('缺插件', journey);
    // The worker restarted without the plugin that brings add-tag.
    const without: NodeRegistry = Object.assign(Object.create(h.deps.registry) as NodeRegistry, { get: (t: string) => (t === 'add-tag' ? undefined : h.deps.registry.get(t)) });
    // At start-up the process says which live journey needs what, before any customer reaches it.
    const lines: string[] = [];
    const log = { info: () => {}, error: () => {}, warn: (m: string) => void lines.push(m) };
    expect(await warnMissingNodeTypes({ db: h.db, registry: without }, log)).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/journey "缺插件" \(workspace "Test shop"\) is live with node type "add-tag" that this process has not installed/)]);
    expect(await warnMissingNodeTypes({ db: h.db, registry: h.deps.registry }, log)).toBe(0);
    await h.startWorker(undefined, without);
    const c = await h.customer({ name: '王女士' });
    const enrolled = await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: j.id, customerId: c.id });
    if (!enrolled.enrolled) throw new Error('not enrolled');
    const failed = await h.until('the step to fail', async () => {
      const e = await h.repos.enrollments.get(enrolled.enrollmentId);
      return e?.status === 'failed' ? e : null;
    });
    expect(failed).toMatchObject({ failed_node_id: 'tag', exit_reason: 'node-type-missing', step_seq: 1 });
    expect(parseFailure(failed.failure)!.text['zh-CN']).toContain('没有安装');
    // One attempt: one failed step recorded, nothing of the run kept (the script's task was rolled back).
    expect((await h.repos.enrollments.steps(failed.id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual(['tag:failed']);
    expect(await h.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 0 });
    // The run is still there, waiting for an operator rather than retrying on its own.
    const description = await h.client.workflow.getHandle(failed.workflow_id).describe();
    expect(description.status.name).toBe('RUNNING');

    // The plugin is installed again and the worker restarted; the operator retries.
    await h.stopWorker();
    await h.startWorker();
    expect(await retryEnrollments(h.deps, { workspaceId: h.workspace.id, enrollmentIds: [failed.id], skip: false })).toEqual({ retried: 1, stillFailed: 0, notFailed: 0 });
    expect(await h.finish(failed)).toBe('completed');
    const done = (await h.repos.enrollments.get(failed.id))!;
    expect(done).toMatchObject({ status: 'completed', failure: null, failed_node_id: null });
    expect(Number((await h.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);
    // A second retry of a customer who went on changes nothing.
    expect(await retryEnrollments(h.deps, { workspaceId: h.workspace.id, enrollmentIds: [failed.id], skip: false })).toEqual({ retried: 0, stillFailed: 0, notFailed: 1 });
  });

  it('forwards Temporal’s log entries with their errors as message and stack, not {}', () => {
    const fields = withErrorText({ error: new Error('database is locked'), attempt: 3 });
    expect(JSON.stringify(fields)).toMatch(/Error: database is locked\\n\s+at /);
    expect(fields.attempt).toBe(3);
  });
});
