import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { BulkJob, Database } from '../schema.ts';
import { claimNextJob, claimUntil } from './claims.ts';

type Counts = { done: number; succeeded: number; skipped: number };

const until = claimUntil;

/**
 * Progress rows of background jobs (bulk enrolment), polled by the UI. A running job is claimed by
 * one process at a time (`claimed_by` until `claimed_until`); the holder renews the claim as it
 * writes progress, and a job whose claim has lapsed — its process died — is free for any other.
 */
export function bulkJobsRepo(db: Kysely<Database>) {
  return {
    async create(input: {
      workspaceId: string;
      journeyId: string;
      kind: BulkJob['kind'];
      params: unknown;
      total: number;
      createdBy: string | null;
      customerIds?: string[];
      /** Claim it at once for this holder (the process that will run it). */
      claim?: { holder: string; ttlMs: number };
    }): Promise<BulkJob> {
      const row: BulkJob = {
        id: newId(),
        workspace_id: input.workspaceId,
        journey_id: input.journeyId,
        kind: input.kind,
        params: JSON.stringify(input.params),
        status: 'running',
        total: input.total,
        done: 0,
        succeeded: 0,
        skipped: 0,
        error: null,
        created_by: input.createdBy,
        created_at: nowIso(),
        finished_at: null,
        claimed_by: input.claim?.holder ?? null,
        claimed_until: input.claim ? until(input.claim.ttlMs) : null,
        customer_ids: input.customerIds ? JSON.stringify(input.customerIds) : null,
      };
      await db.insertInto('bulk_jobs').values(row).execute();
      return row;
    },
    get(workspaceId: string, id: string): Promise<BulkJob | undefined> {
      return db.selectFrom('bulk_jobs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    /** Claims the oldest running job nobody holds (never claimed, or its claim lapsed); undefined when none. */
    async claimNext(holder: string, ttlMs: number): Promise<BulkJob | undefined> {
      const id = await claimNextJob(db, 'bulk_jobs', 'status', ['running'], holder, ttlMs);
      return id === undefined ? undefined : db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Writes progress; with `claim`, also renews it, and returns false when the holder has lost it. */
    async progress(id: string, counts: Counts, claim?: { holder: string; ttlMs: number }): Promise<boolean> {
      let q = db.updateTable('bulk_jobs').set(claim ? { ...counts, claimed_until: until(claim.ttlMs) } : counts).where('id', '=', id);
      if (claim) q = q.where('claimed_by', '=', claim.holder).where('status', '=', 'running');
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async finish(id: string, outcome: { status: 'done' | 'failed'; done: number; succeeded: number; skipped: number; error?: string | null }, holder?: string): Promise<void> {
      let q = db
        .updateTable('bulk_jobs')
        .set({
          status: outcome.status,
          done: outcome.done,
          succeeded: outcome.succeeded,
          skipped: outcome.skipped,
          error: outcome.error?.slice(0, 2000) ?? null,
          finished_at: nowIso(),
          claimed_until: null,
        })
        .where('id', '=', id);
      if (holder) q = q.where('claimed_by', '=', holder);
      await q.execute();
    },
    /** Lets another process take the job at once (this one is shutting down mid-job). */
    async release(id: string, holder: string, counts: Counts): Promise<void> {
      await db.updateTable('bulk_jobs').set({ ...counts, claimed_until: null }).where('id', '=', id).where('claimed_by', '=', holder).where('status', '=', 'running').execute();
    },
  };
}
