import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCustomer } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { pathOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const askThenListen: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'ask', type: 'send-script', config: { title: '问需求', script: '{{customer.name}}，最近有什么需要吗？' }, position: { x: 0, y: 140 } },
    { id: 'listen', type: 'wait-for-event', config: { event: { kind: 'reply.logged' }, timeout: { amount: 2, unit: 'days' } }, position: { x: 0, y: 280 } },
    { id: 'tag', type: 'add-tag', config: { tags: ['replied'] }, position: { x: -200, y: 420 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 560 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'listen' },
    { id: 'e3', source: 'listen', sourcePort: 'matched', target: 'tag' },
    { id: 'e4', source: 'listen', sourcePort: 'timeout', target: 'end' },
    { id: 'e5', source: 'tag', target: 'end' },
  ],
};

describe('an event that arrives before the customer reaches the wait for it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ server: 'dev' });
  });
  afterAll(() => h?.close());

  it('is kept by the run and ends the wait as soon as the customer gets there', async () => {
    const { journey } = await h.journey('提问后等回复', askThenListen);
    const c = await h.customer({ name: '秒回' });
    // No worker yet: the run exists but none of its steps has run.
    const run = await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id });
    if (!run.enrolled) throw new Error('not enrolled');
    await h.ingest({ customer: { id: c.id }, kind: 'reply.logged', payload: { text: '在的' }, idempotencyKey: 'fast-reply' });
    expect((await h.repos.enrollments.get(run.enrollmentId))?.status).toBe('active');
    await h.dispatch();

    await h.startWorker();
    expect(await h.finish({ workflow_id: run.workflowId })).toBe('completed');
    expect(await pathOf(h, run.enrollmentId)).toEqual(['start:out', 'ask:out', 'listen:wait', 'listen:matched', 'tag:out', 'end:exit:completed']);
    expect(await h.repos.tags.ofCustomer(c.id)).toEqual(['replied']);
  });
});
