import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixture, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { runBulkJob, startBulkEnrol, startBulkJobRunner } from './bulk.ts';

const journey = line([
  ['start', 'trigger-manual'],
  ['end', 'exit'],
]);

describe('bulk enrolment jobs shared by processes', () => {
  let f: Fixture;
  let journeyId: string;
  let customerIds: string[];
  beforeEach(async () => {
    f = await createFixture();
    journeyId = await f.liveJourney(journey);
    customerIds = [];
    for (let i = 0; i < 120; i += 1) customerIds.push((await f.customer()).id);
  });
  afterEach(async () => {
    await f.close();
  });

  it('queues the job for the workers when this process runs none, and a worker runs it', async () => {
    const { job, finished } = await startBulkEnrol({ ...f.deps, backgroundJobs: 'workers' }, { workspaceId: f.workspace.id, journeyId, filter: {}, userId: null });
    await finished;
    expect(await repos(f.db).bulkJobs.get(f.workspace.id, job.id)).toMatchObject({ status: 'running', done: 0, claimed_by: null });
    expect(f.runner.of('start')).toHaveLength(0);

    const runner = startBulkJobRunner(f.deps, { holder: 'worker-1', intervalMs: 10 });
    const deadline = Date.now() + 10_000;
    while ((await repos(f.db).bulkJobs.get(f.workspace.id, job.id))?.status === 'running' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(await repos(f.db).bulkJobs.get(f.workspace.id, job.id)).toMatchObject({ status: 'done', total: 120, done: 120, succeeded: 120, skipped: 0, claimed_by: 'worker-1' });
    expect(new Set(f.runner.of('start').map((c) => c.enrollmentId)).size).toBe(120);
  });

  it("resumes a dead process's job from its last progress row, counting and restarting the runs it had begun", async () => {
    const bulkJobs = repos(f.db).bulkJobs;
    const job = await bulkJobs.create({ workspaceId: f.workspace.id, journeyId, kind: 'enrol', params: { filter: {} }, total: 120, createdBy: null, customerIds, claim: { holder: 'dead', ttlMs: 1 } });
    // The dead process wrote progress for the first 50, then enrolled 7 more (the last one's run never
    // started) before it died.
    for (const id of customerIds.slice(0, 57)) await f.enrol(journeyId, id);
    await bulkJobs.progress(job.id, { done: 50, succeeded: 50, skipped: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const startsBefore = f.runner.of('start').length;

    const claimed = await bulkJobs.claimNext('heir', 30_000);
    expect(claimed).toMatchObject({ id: job.id, claimed_by: 'heir', done: 50 });
    await runBulkJob(f.deps, claimed!, { holder: 'heir', ttlMs: 30_000 }, { resumed: true });
    expect(await bulkJobs.get(f.workspace.id, job.id)).toMatchObject({ status: 'done', done: 120, succeeded: 120, skipped: 0 });
    const enrollments = await repos(f.db).enrollments.ofJourney(journeyId);
    expect(enrollments).toHaveLength(120);
    // The 7 begun by the dead process are started again (idempotent in the engine), the 63 new ones once.
    const started = f.runner.of('start').slice(startsBefore);
    expect(started).toHaveLength(70);
    expect(new Set(started.map((c) => c.enrollmentId)).size).toBe(70);
  });

  it('does not let a second process claim a job whose claim is alive', async () => {
    const bulkJobs = repos(f.db).bulkJobs;
    await bulkJobs.create({ workspaceId: f.workspace.id, journeyId, kind: 'enrol', params: { filter: {} }, total: 0, createdBy: null, customerIds: [], claim: { holder: 'alive', ttlMs: 60_000 } });
    expect(await bulkJobs.claimNext('other', 60_000)).toBeUndefined();
  });
});
