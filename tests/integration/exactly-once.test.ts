import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCustomer } from '@sopline/domain';
import { instantJourney } from '../fixtures/retail.ts';
import { pathOf, stateOf } from '../support/assert.ts';
import type { Harness } from '../support/harness.ts';
import { createHarness } from '../support/harness.ts';

const EXPECTED_PATH = ['start:out', 'hello:out', 'tag:out', 'stage:out', 'end:exit:completed'];

async function expectExactlyOnce(h: Harness, customerIds: string[]) {
  for (const id of customerIds) {
    const [enrollment, ...more] = await h.enrollmentsOf(id);
    expect(more).toHaveLength(0);
    expect(enrollment!.status).toBe('completed');
    expect(await pathOf(h, enrollment!.id)).toEqual(EXPECTED_PATH);
    expect((await h.repos.tasks.ofCustomer(id)).length).toBe(1);
    expect(await stateOf(h, id)).toEqual({ stage: 'interested', tags: ['greeted'] });
    const events = await h.repos.events.ofCustomer(id);
    expect(events.filter((e) => e.kind === 'tag.added')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'stage.changed')).toHaveLength(1);
  }
}

describe('exactly-once effects on a real Temporal dev server', () => {
  let h: Harness;
  const failed = new Set<string>();
  beforeAll(async () => {
    h = await createHarness({
      server: 'dev',
      // The activity commits its transaction, then "crashes" before reporting back — once per run.
      afterCommit: (input) => {
        if (failed.has(input.enrollmentId)) return;
        failed.add(input.enrollmentId);
        throw new Error('injected crash after commit');
      },
    });
    await h.startWorker();
  });
  afterAll(() => h?.close());

  it('an activity that fails after its DB commit is retried without a second task, tag or step', async () => {
    const { journey } = await h.journey('即时旅程', instantJourney());
    const customers = await Promise.all(Array.from({ length: 5 }, (_, i) => h.customer({ name: `客户${i}` })));
    const runs = [];
    for (const c of customers) runs.push(await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id }));
    for (const run of runs) {
      if (!run.enrolled) throw new Error('not enrolled');
      expect(await h.finish({ workflow_id: run.workflowId })).toBe('completed');
    }
    expect(failed.size).toBe(5);
    await expectExactlyOnce(h, customers.map((c) => c.id));
  });

  it('a worker stopped mid-run and a new one started: every customer completes once', async () => {
    await h.stopWorker();
    await h.startWorker(() => {});
    const { journey } = await h.journey('即时旅程 2', instantJourney());
    const customers = await Promise.all(Array.from({ length: 40 }, (_, i) => h.customer({ name: `批量${i}` })));
    const runs = await Promise.all(customers.map((c) => enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id })));
    await h.until('some customers completed', async () => {
      const done = await h.db.selectFrom('enrollments').select('id').where('journey_id', '=', journey.id).where('status', '=', 'completed').execute();
      return done.length > 0;
    });
    await h.stopWorker();
    const doneAtStop = await h.db.selectFrom('enrollments').select('id').where('journey_id', '=', journey.id).where('status', '=', 'completed').execute();
    await h.startWorker(() => {});
    for (const run of runs) {
      if (!run.enrolled) throw new Error('not enrolled');
      expect(await h.finish({ workflow_id: run.workflowId })).toBe('completed');
    }
    expect(doneAtStop.length).toBeGreaterThan(0);
    await expectExactlyOnce(h, customers.map((c) => c.id));
  });

  it('enrolling the same customer twice (never re-enter) starts one run', async () => {
    const { journey } = await h.journey('即时旅程 3', instantJourney());
    const c = await h.customer({ name: '重复' });
    const first = await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id });
    const second = await enrolCustomer(h.deps, { workspaceId: h.workspace.id, journeyId: journey.id, customerId: c.id });
    expect(first.enrolled).toBe(true);
    expect(second).toMatchObject({ enrolled: false, reason: 'already-entered' });
    if (first.enrolled) await h.finish({ workflow_id: first.workflowId });
    await expectExactlyOnce(h, [c.id]);
  });
});
