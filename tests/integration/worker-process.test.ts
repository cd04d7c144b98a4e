import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { newId, repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import { createCustomer, ingestEvent, publishJourney } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';

const main = fileURLToPath(new URL('../../workflows/journey/src/main.ts', import.meta.url));

const tagJourney: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-tag-added', config: { tags: ['vip'] }, position: { x: 0, y: 0 } },
    { id: 'care', type: 'send-script', config: { title: 'VIP 关怀', script: '{{customer.name}}，感谢您成为 VIP！' }, position: { x: 0, y: 140 } },
    { id: 'stage', type: 'set-stage', config: { stage: 'advocate' }, position: { x: 0, y: 280 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 420 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'care' },
    { id: 'e2', source: 'care', target: 'stage' },
    { id: 'e3', source: 'stage', target: 'end' },
  ],
};

describe('the worker process on its own', () => {
  it('drains stored events into journeys and runs them to the end, then stops on SIGTERM', async () => {
    const { db, close, url: databaseUrl } = await openTestDatabase({ prefix: 'worker' });
    const r = repos(db);
    const workspace = await r.workspaces.create({ name: '独立进程', timezone: 'Asia/Shanghai' });
    const journey = await r.journeys.create({ workspaceId: workspace.id, name: 'VIP 关怀', graph: tagJourney });
    await publishJourney({ db, registry: defaultRegistry }, { workspaceId: workspace.id, journeyId: journey.id });
    const customers = await Promise.all(['甲', '乙', '丙'].map((name) => createCustomer({ db }, { workspaceId: workspace.id, name })));
    // Only two of them get the tag that triggers the journey.
    for (const c of customers.slice(0, 2)) {
      await ingestEvent({ db }, { workspaceId: workspace.id, customer: { id: c.id }, kind: 'tag.added', payload: { tag: 'vip' }, idempotencyKey: `vip-${c.id}` });
    }

    const child = spawn(process.execPath, [main], {
      env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: inject('temporalDevAddress'), SOPLINE_TASK_QUEUE: `worker-${newId()}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    try {
      const deadline = Date.now() + 60_000;
      let done: Array<{ status: string }> = [];
      while (Date.now() < deadline) {
        done = await db.selectFrom('enrollments').select('status').where('journey_id', '=', journey.id).where('status', '=', 'completed').execute();
        if (done.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(done.length, output).toBe(2);
      for (const [i, c] of customers.entries()) {
        const tasks = await r.tasks.ofCustomer(c.id);
        const customer = await r.customers.get(workspace.id, c.id);
        if (i < 2) {
          expect(tasks.map((t) => t.script)).toEqual([`${c.name}，感谢您成为 VIP！`]);
          expect(customer?.stage).toBe('advocate');
        } else {
          expect(tasks).toEqual([]);
          expect(customer?.stage).toBeNull();
        }
      }
      expect(output).toContain('sopline worker');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await close();
    }
  });
});
