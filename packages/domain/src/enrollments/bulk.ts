import type { BulkJob, CustomerFilter } from '@sopline/db';
import { OPEN_STATUSES, repos } from '@sopline/db';
import { errors } from '../errors.ts';
import { DEFAULT_LEASE_MS, holderId } from '../leases.ts';
import { startLoop } from '../loop.ts';
import type { DomainDeps } from '../ports.ts';
import { enrolCustomer } from './enrol.ts';

/** Progress is written to the job row (renewing its claim) every this many customers, and at the end. */
export const BULK_PROGRESS_EVERY = 50;
/** Customers enrolled at once within a chunk. */
export const BULK_ENROL_CONCURRENCY = 8;

type Claim = { holder: string; ttlMs: number };

/**
 * Starts a bulk enrolment: picks the matching customers now and records a job row with them. The job
 * runs in the background of this process (`deps.backgroundJobs` 'here', the default; `finished`
 * settles when it ends) or is left for a worker process to claim ('workers'; `finished` is already
 * settled). Either way it is claimed with a lease: if its process dies, another one resumes it.
 */
export async function startBulkEnrol(
  deps: DomainDeps,
  input: { workspaceId: string; journeyId: string; userId: string | null } & ({ filter: CustomerFilter } | { customerIds: string[] }),
): Promise<{ job: BulkJob; finished: Promise<void> }> {
  const r = repos(deps.db);
  const journey = await r.journeys.get(input.workspaceId, input.journeyId);
  if (!journey) throw errors.notFound('旅程 / journey', input.journeyId);
  if (journey.status !== 'live' || !journey.live_version_id) throw errors.notLive();
  // Picked customers (already checked by the caller), or the ones the filter matches now.
  const ids = 'customerIds' in input ? input.customerIds : await r.customers.ids(input.workspaceId, input.filter);
  const claim = deps.backgroundJobs === 'workers' ? undefined : { holder: holderId(), ttlMs: DEFAULT_LEASE_MS };
  const job = await r.bulkJobs.create({
    workspaceId: input.workspaceId,
    journeyId: journey.id,
    kind: 'enrol',
    params: 'filter' in input ? { filter: input.filter } : { picked: ids.length },
    total: ids.length,
    createdBy: input.userId,
    customerIds: ids,
    ...(claim ? { claim } : {}),
  });
  const finished = claim ? runBulkJob(deps, job, claim) : Promise.resolve();
  return { job, finished };
}

/**
 * Runs a job this process has claimed, from where its row says it got to. The customers after the
 * last progress write may already be enrolled by a process that died: a refusal for one of those
 * whose open enrollment began after the job was created counts as this job's, and its run is started
 * again (idempotent), in case the process died between the enrollment row and the run.
 * Never rejects: the outcome is written to the row. With `shouldStop`, gives the job back mid-way.
 */
export async function runBulkJob(deps: DomainDeps, job: BulkJob, claim: Claim, options: { resumed?: boolean; shouldStop?: () => boolean } = {}): Promise<void> {
  const r = repos(deps.db);
  const counts = { done: job.done, succeeded: job.succeeded, skipped: job.skipped };
  try {
    const ids = job.customer_ids ? (JSON.parse(job.customer_ids) as string[]) : await r.customers.ids(job.workspace_id, (JSON.parse(job.params) as { filter: CustomerFilter }).filter);
    const uncertainUntil = options.resumed ? job.done + BULK_PROGRESS_EVERY : job.done;
    // One customer: true when this job enrolled them. A refusal (already in the journey) skips
    // that customer; anything else — the journey was paused meanwhile, the engine is down — throws
    // and stops the job with its reason.
    const enrolOne = async (i: number): Promise<boolean> => {
      const result = await enrolCustomer(deps, { workspaceId: job.workspace_id, journeyId: job.journey_id, customerId: ids[i]! });
      if (result.enrolled) return true;
      if (i >= uncertainUntil) return false;
      const existing = await r.enrollments.get(result.enrollmentId);
      if (!existing || existing.trigger_event_id !== null || existing.started_at < job.created_at || !OPEN_STATUSES.includes(existing.status)) return false;
      await deps.runner.start({ workflowId: existing.workflow_id, enrollmentId: existing.id });
      return true;
    };
    // A chunk at a time, BULK_ENROL_CONCURRENCY customers at once (each is a short transaction and a
    // call to the engine, mostly waiting); progress is written after each chunk. The claim is renewed
    // by a heartbeat too, so a chunk slowed down by a loaded engine never outlives it.
    let lost = false;
    const heartbeat = setInterval(() => {
      r.bulkJobs.progress(job.id, counts, claim).then(
        (held) => (lost ||= !held),
        () => {},
      );
    }, claim.ttlMs / 3);
    try {
      for (let from = job.done; from < ids.length; from += BULK_PROGRESS_EVERY) {
        if (options.shouldStop?.()) {
          await r.bulkJobs.release(job.id, claim.holder, counts);
          return;
        }
        const chunk = Array.from({ length: Math.min(BULK_PROGRESS_EVERY, ids.length - from) }, (_, k) => from + k);
        const outcomes: boolean[] = [];
        let next = 0;
        let failure: { error: unknown } | null = null;
        await Promise.all(
          Array.from({ length: Math.min(BULK_ENROL_CONCURRENCY, chunk.length) }, async () => {
            while (next < chunk.length && !failure) {
              const k = next++;
              try {
                outcomes[k] = await enrolOne(chunk[k]!);
              } catch (error) {
                failure ??= { error };
              }
            }
          }),
        );
        if (failure) throw (failure as { error: unknown }).error;
        const succeeded = outcomes.filter(Boolean).length;
        Object.assign(counts, { done: counts.done + chunk.length, succeeded: counts.succeeded + succeeded, skipped: counts.skipped + chunk.length - succeeded });
        // False: our claim lapsed and another process took the job over; it carries on from the row.
        if (lost || !(await r.bulkJobs.progress(job.id, counts, claim))) return;
      }
    } finally {
      clearInterval(heartbeat);
    }
    await r.bulkJobs.finish(job.id, { status: 'done', ...counts }, claim.holder);
  } catch (err) {
    await r.bulkJobs.finish(job.id, { status: 'failed', ...counts, error: err instanceof Error ? err.message : String(err) }, claim.holder).catch(() => {});
  }
}

/**
 * The worker side of bulk jobs: claims running jobs nobody holds — queued by an API process, or left
 * by a process that died — and runs them, one at a time. `poke()` looks again at once.
 */
export function startBulkJobRunner(
  deps: DomainDeps,
  options: { holder?: string; leaseMs?: number; intervalMs?: number; onError?: (message: string) => void } = {},
) {
  const claim = { holder: options.holder ?? holderId(), ttlMs: options.leaseMs ?? DEFAULT_LEASE_MS };
  const interval = options.intervalMs ?? Math.min(2000, claim.ttlMs / 4);
  return startLoop(async (stopped) => {
    try {
      const job = await repos(deps.db).bulkJobs.claimNext(claim.holder, claim.ttlMs);
      if (!job) return false;
      await runBulkJob(deps, job, claim, { resumed: true, shouldStop: stopped });
      return true;
    } catch (err) {
      options.onError?.(err instanceof Error ? err.message : String(err));
      return false;
    }
  }, interval);
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
