import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCustomer } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import type { DevServer } from '@sopline/temporal-dev';
import { startDevServer } from '@sopline/temporal-dev';
import { pathOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

/** A customer who replies again and again loops through one wait: the history grows per reply. */
const replyLoop: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'listen', type: 'wait-for-event', config: { event: { kind: 'reply.logged' }, timeout: { amount: 30, unit: 'days' } }, position: { x: 0, y: 140 } },
    { id: 'tag', type: 'add-tag', config: { tags: ['engaged'] }, position: { x: -200, y: 280 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 200, y: 280 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'listen' },
    { id: 'e2', source: 'listen', sourcePort: 'matched', target: 'tag' },
    { id: 'e3', source: 'tag', target: 'listen' },
    { id: 'e4', source: 'listen', sourcePort: 'timeout', target: 'end' },
  ],
};

describe('continue-as-new when Temporal suggests it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopline-can-'));
  let server: DevServer;
  let h: Harness;
  beforeAll(async () => {
    // A server that suggests continue-as-new after a few dozen history events instead of thousands.
    server = await startDevServer({ dbFile: join(dir, 'temporal.db'), dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 } });
    h = await createHarness({ server: 'dev', address: server.address });
    await h.startWorker();
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries the customer across runs without losing or repeating a step', async () => {
    const { journey } = await h.journey('回复循环', replyLoop);
    const c = await h.customer({ name: '话痨' });
    const run = await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id });
    if (!run.enrolled) throw new Error('not enrolled');
    const handle = h.client.workflow.getHandle(run.workflowId);
    const firstRunId = (await handle.describe()).runId;
    const REPLIES = 12;
    for (let i = 1; i <= REPLIES; i += 1) {
      await h.ingest({ customer: { id: c.id }, kind: 'reply.logged', payload: { n: i }, idempotencyKey: `reply-${i}` });
      await h.dispatch();
      // trigger + first wait = 2 visits; each reply adds: wait ends, tag, wait starts again.
      await h.until(`reply ${i} handled`, async () => {
        const e = await h.repos.enrollments.get(run.enrollmentId);
        return e?.status === 'waiting' && e.visits === 2 + 3 * i;
      });
    }
    const lastRunId = (await handle.describe()).runId;
    expect(lastRunId).not.toBe(firstRunId);
    const firstRunHistory = await h.client.workflow.getHandle(run.workflowId, firstRunId).fetchHistory();
    // 28 = EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW in temporal.api.enums.v1.EventType.
    expect(Number(firstRunHistory.events?.at(-1)?.eventType)).toBe(28);

    const path = await pathOf(h, run.enrollmentId);
    expect(path).toHaveLength(2 + 3 * REPLIES);
    expect(path.filter((p) => p === 'listen:matched')).toHaveLength(REPLIES);
    expect(await h.repos.tags.ofCustomer(c.id)).toEqual(['engaged']);
    await handle.terminate('test done');
  });
});
