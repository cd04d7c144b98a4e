import type { BulkJob, CustomerFilter } from '@sopline/db';
import { repos } from '@sopline/db';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import { enrolCustomer } from './enrol.ts';

/** Progress is written to the job row every this many customers (and at the end). */
export const BULK_PROGRESS_EVERY = 50;

/**
 * Starts a bulk enrolment: picks the matching customers now, records a job row, and enrols them in
 * the background of this process, writing progress as it goes. `finished` settles when the job ends
 * (tests await it; callers poll the row). A process that stops mid-job leaves the row 'running';
 * starting the same job again is safe, since the re-entry rule skips customers already enrolled.
 */
export async function startBulkEnrol(
  deps: DomainDeps,
  input: { workspaceId: string; journeyId: string; filter: CustomerFilter; userId: string | null },
): Promise<{ job: BulkJob; finished: Promise<void> }> {
  const r = repos(deps.db);
  const journey = await r.journeys.get(input.workspaceId, input.journeyId);
  if (!journey) throw errors.notFound('旅程 / journey', input.journeyId);
  if (journey.status !== 'live' || !journey.live_version_id) throw errors.notLive();
  const ids = await r.customers.ids(input.workspaceId, input.filter);
  const job = await r.bulkJobs.create({ workspaceId: input.workspaceId, journeyId: journey.id, kind: 'enrol', params: { filter: input.filter }, total: ids.length, createdBy: input.userId });
  const finished = runJob(deps, { ...input, jobId: job.id, customerIds: ids });
  return { job, finished };
}

async function runJob(deps: DomainDeps, input: { workspaceId: string; journeyId: string; jobId: string; customerIds: string[] }): Promise<void> {
  const jobs = repos(deps.db).bulkJobs;
  const counts = { done: 0, succeeded: 0, skipped: 0 };
  try {
    for (const customerId of input.customerIds) {
      // One refusal (already in the journey) skips that customer; anything else — the journey was
      // paused meanwhile, the engine is down — stops the job with its reason.
      const result = await enrolCustomer(deps, { workspaceId: input.workspaceId, journeyId: input.journeyId, customerId });
      counts.done += 1;
      if (result.enrolled) counts.succeeded += 1;
      else counts.skipped += 1;
      if (counts.done % BULK_PROGRESS_EVERY === 0) await jobs.progress(input.jobId, counts);
    }
    await jobs.finish(input.jobId, { status: 'done', ...counts });
  } catch (err) {
    await jobs.finish(input.jobId, { status: 'failed', ...counts, error: err instanceof Error ? err.message : String(err) }).catch(() => {});
  }
}

export async function getBulkJob(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; jobId: string }) {
  const job = await repos(deps.db).bulkJobs.get(input.workspaceId, input.jobId);
  if (!job) throw errors.notFound('批量任务 / bulk job', input.jobId);
  return {
    id: job.id,
    journeyId: job.journey_id,
    status: job.status,
    total: job.total,
    done: job.done,
    succeeded: job.succeeded,
    skipped: job.skipped,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
