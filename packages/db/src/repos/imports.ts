import type { Kysely, Updateable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, ImportJob, ImportJobTable, ImportReject, ImportState } from '../schema.ts';
import { claimNextJob, claimUntil } from './claims.ts';

/** The states in which a job has work left for whichever process holds it. */
export const RUNNING_IMPORT_STATES: readonly ImportState[] = ['checking', 'importing'];

export type ImportCounts = { rows_done: number; created: number; updated: number; rejected: number };
export type NewImportReject = { row: number; problems: unknown; cells: string[] };

/**
 * Import jobs: the uploaded file in pieces, the job's state and progress, and the rows it refused.
 * Like bulk jobs, a running job is claimed by one process at a time and resumed by another when its
 * claim lapses.
 */
export function importsRepo(db: Kysely<Database>) {
  return {
    async create(input: Pick<ImportJobTable, 'workspace_id' | 'kind' | 'file_name' | 'format' | 'created_by'>): Promise<ImportJob> {
      const at = nowIso();
      const row = {
        id: newId(),
        ...input,
        dialect: null,
        size_bytes: 0,
        sheets: null,
        sheet: null,
        mapping: null,
        state: 'uploading' as const,
        rows_total: null,
        rows_done: 0,
        created: 0,
        updated: 0,
        rejected: 0,
        checked: null,
        error: null,
        created_at: at,
        updated_at: at,
        finished_at: null,
        claimed_by: null,
        claimed_until: null,
      };
      await db.insertInto('import_jobs').values(row).execute();
      return row;
    },
    async appendChunk(jobId: string, seq: number, bytes: Buffer): Promise<void> {
      await db.insertInto('import_chunks').values({ job_id: jobId, seq, bytes }).execute();
    },
    /** The file's pieces in order, one query per piece: memory holds one piece at a time. */
    async *chunks(jobId: string): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq += 1) {
        const chunk = await db.selectFrom('import_chunks').select('bytes').where('job_id', '=', jobId).where('seq', '=', seq).executeTakeFirst();
        if (!chunk) return;
        yield Buffer.from(chunk.bytes);
      }
    },
    async deleteChunks(jobId: string): Promise<void> {
      await db.deleteFrom('import_chunks').where('job_id', '=', jobId).execute();
    },
    get(workspaceId: string, id: string): Promise<ImportJob | undefined> {
      return db.selectFrom('import_jobs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    byId(id: string): Promise<ImportJob | undefined> {
      return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    list(workspaceId: string, limit: number): Promise<ImportJob[]> {
      return db.selectFrom('import_jobs').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    /** Sets fields of a job that is in one of `states` (compare-and-set); false when it was not. */
    async update(id: string, states: readonly ImportState[], patch: Omit<Updateable<ImportJobTable>, 'id' | 'workspace_id'>): Promise<boolean> {
      const result = await db
        .updateTable('import_jobs')
        .set({ ...patch, updated_at: nowIso() })
        .where('id', '=', id)
        .where('state', 'in', [...states])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async claimNext(holder: string, ttlMs: number): Promise<ImportJob | undefined> {
      const id = await claimNextJob(db, 'import_jobs', 'state', RUNNING_IMPORT_STATES, holder, ttlMs);
      return id === undefined ? undefined : db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Writes progress and renews the claim; false when the holder has lost it (or the job left its state). */
    async progress(id: string, state: ImportState, counts: ImportCounts & { rows_total?: number }, claim: { holder: string; ttlMs: number }): Promise<boolean> {
      const result = await db
        .updateTable('import_jobs')
        .set({ ...counts, claimed_until: claimUntil(claim.ttlMs), updated_at: nowIso() })
        .where('id', '=', id)
        .where('claimed_by', '=', claim.holder)
        .where('state', '=', state)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Renews the claim alone (progress is written only with the rows it counts); false when the holder has lost it. */
    async renew(id: string, state: ImportState, claim: { holder: string; ttlMs: number }): Promise<boolean> {
      const result = await db.updateTable('import_jobs').set({ claimed_until: claimUntil(claim.ttlMs) }).where('id', '=', id).where('claimed_by', '=', claim.holder).where('state', '=', state).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Lets another process take the job at once (this one is shutting down mid-job). */
    async release(id: string, holder: string): Promise<void> {
      await db.updateTable('import_jobs').set({ claimed_until: null }).where('id', '=', id).where('claimed_by', '=', holder).execute();
    },
    async addRejects(jobId: string, phase: ImportReject['phase'], rejects: NewImportReject[]): Promise<void> {
      if (rejects.length === 0) return;
      await db
        .insertInto('import_rejects')
        .values(rejects.map((r) => ({ job_id: jobId, phase, row: r.row, problems: JSON.stringify(r.problems), cells: JSON.stringify(r.cells) })))
        // A resumed run may meet a row again that its dead predecessor already refused.
        .onConflict((oc) => oc.columns(['job_id', 'phase', 'row']).doNothing())
        .execute();
    },
    async clearRejects(jobId: string, phase: ImportReject['phase']): Promise<void> {
      await db.deleteFrom('import_rejects').where('job_id', '=', jobId).where('phase', '=', phase).execute();
    },
    rejects(jobId: string, phase: ImportReject['phase'], page: { limit: number; afterRow?: number }): Promise<ImportReject[]> {
      return db
        .selectFrom('import_rejects')
        .selectAll()
        .where('job_id', '=', jobId)
        .where('phase', '=', phase)
        .where('row', '>', page.afterRow ?? 0)
        .orderBy('row')
        .limit(page.limit)
        .execute();
    },
    /** Every job of a workspace, with its file and refused rows (the workspace is being deleted). */
    async deleteForWorkspace(workspaceId: string): Promise<void> {
      const jobs = db.selectFrom('import_jobs').select('id').where('workspace_id', '=', workspaceId);
      await db.deleteFrom('import_chunks').where('job_id', 'in', jobs).execute();
      await db.deleteFrom('import_rejects').where('job_id', 'in', jobs).execute();
      await db.deleteFrom('import_jobs').where('workspace_id', '=', workspaceId).execute();
    },
    /** Uploads that never finished (their process died mid-way), started before `before`. */
    async staleUploads(before: string): Promise<string[]> {
      return (await db.selectFrom('import_jobs').select('id').where('state', '=', 'uploading').where('created_at', '<', before).execute()).map((r) => r.id);
    },
    /** Drops a job whose upload never finished (nothing else refers to it yet). */
    async discard(id: string): Promise<void> {
      await db.deleteFrom('import_chunks').where('job_id', '=', id).execute();
      await db.deleteFrom('import_rejects').where('job_id', '=', id).execute();
      await db.deleteFrom('import_jobs').where('id', '=', id).execute();
    },
  };
}
