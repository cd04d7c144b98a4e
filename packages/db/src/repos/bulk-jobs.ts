import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { BulkJob, Database } from '../schema.ts';

/** Progress rows of background jobs (bulk enrolment), polled by the UI. */
export function bulkJobsRepo(db: Kysely<Database>) {
  return {
    async create(input: { workspaceId: string; journeyId: string; kind: BulkJob['kind']; params: unknown; total: number; createdBy: string | null }): Promise<BulkJob> {
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
      };
      await db.insertInto('bulk_jobs').values(row).execute();
      return row;
    },
    get(workspaceId: string, id: string): Promise<BulkJob | undefined> {
      return db.selectFrom('bulk_jobs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    async progress(id: string, counts: { done: number; succeeded: number; skipped: number }): Promise<void> {
      await db.updateTable('bulk_jobs').set(counts).where('id', '=', id).execute();
    },
    async finish(id: string, outcome: { status: 'done' | 'failed'; done: number; succeeded: number; skipped: number; error?: string | null }): Promise<void> {
      await db
        .updateTable('bulk_jobs')
        .set({ status: outcome.status, done: outcome.done, succeeded: outcome.succeeded, skipped: outcome.skipped, error: outcome.error?.slice(0, 2000) ?? null, finished_at: nowIso() })
        .where('id', '=', id)
        .execute();
    },
  };
}
