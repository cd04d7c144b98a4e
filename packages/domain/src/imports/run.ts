import type { Db, ImportCounts, ImportJob, NewImportReject } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';
import { DEFAULT_LEASE_MS, holderId } from '../leases.ts';
import { startLoop } from '../loop.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import type { RowProblem } from './customers.ts';
import { writeCustomers } from './customers.ts';
import type { ImportMapping } from './fields.ts';
import { ImportMapping as MappingSchema, mappingProblems, PROPERTY_TARGET } from './fields.ts';
import { addProperties } from '../properties/properties.ts';
import type { OrderItem } from './orders.ts';
import { writeOrders } from './orders.ts';
import { duplicateTracker, rowReader } from './preview.ts';
import { openTable } from './table.ts';
import type { ImportJobView } from './upload.ts';
import { importView, jobOf } from './upload.ts';

/** Rows written per transaction; progress is committed with each group, so a resumed import starts after the last one. */
export const IMPORT_ROWS_PER_COMMIT = 250;

type Claim = { holder: string; ttlMs: number };
type Phase = 'check' | 'import';
/** What a run reads its rows by; `header` is kept for the error report, which outlives the file. */
export type StoredMapping = { columns: ImportMapping; startJourneys: boolean; header: string[] };

/**
 * Starts a dry run ('check': everything the import would do, rolled back, counted) or the import
 * itself, with a mapping, as a background job. It runs in this process (`deps.backgroundJobs`
 * 'here') or is left for a worker; either way a claim lets another process resume it if this one dies.
 */
export async function startImport(
  deps: DomainDeps,
  viewer: Viewer,
  input: { id: string; phase: Phase; sheet?: string | undefined; mapping: ImportMapping; startJourneys?: boolean | undefined },
): Promise<{ job: ImportJobView; finished: Promise<void> }> {
  const job = await jobOf(deps, viewer, input.id);
  const stateError = () => {
    const busy = job.state === 'checking' || job.state === 'importing';
    return new DomainError(
      'import.state',
      busy ? text('这份文件正在处理中，请等它完成', 'This file is being processed; wait for it to finish') : text('这份文件已经导入过了：要再导入，请重新上传', 'This file has been imported already: upload it again to import it again'),
    );
  };
  const from = input.phase === 'check' ? ['uploaded', 'checked', 'failed'] : ['uploaded', 'checked'];
  if (!from.includes(job.state)) throw stateError();
  const sheet = input.sheet ?? job.sheet;
  const { header, body } = await openTable(deps.db, job, sheet);
  await body.return(undefined);
  const mapping = MappingSchema.parse(input.mapping);
  const problems = mappingProblems(job.kind, header?.cells ?? [], mapping);
  if (problems.length > 0) throw new DomainError('import.mapping', problems[0]!, [], { field: 'mapping', problems });
  const r = repos(deps.db);
  const state = input.phase === 'check' ? 'checking' : 'importing';
  const claim = deps.backgroundJobs === 'workers' ? undefined : { holder: holderId(), ttlMs: DEFAULT_LEASE_MS };
  const stored: StoredMapping = { columns: mapping, startJourneys: input.startJourneys ?? false, header: (header?.cells ?? []).map((c) => c.trim()) };
  const moved = await r.imports.update(job.id, from as ImportJob['state'][], {
    state,
    sheet,
    mapping: JSON.stringify(stored),
    rows_done: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    error: null,
    finished_at: null,
    ...(claim ? { claimed_by: claim.holder, claimed_until: new Date(Date.now() + claim.ttlMs).toISOString() } : { claimed_by: null, claimed_until: null }),
  });
  // Another tab started a run meanwhile.
  if (!moved) throw stateError();
  // Columns kept as properties the workspace does not define yet become text properties (renamed
  // and retyped in Settings), so journeys can read them; a dry run declares nothing.
  if (job.kind === 'customers' && input.phase === 'import') {
    const added = mapping.flatMap((t) => (t !== null && t.startsWith(PROPERTY_TARGET) ? [{ key: t.slice(PROPERTY_TARGET.length), type: 'text' as const }] : []));
    await addProperties(deps.db, job.workspace_id, added);
  }
  await r.imports.clearRejects(job.id, input.phase);
  const fresh = (await r.imports.byId(job.id))!;
  const finished = claim ? runImportJob(deps, fresh, claim) : Promise.resolve();
  return { job: importView(fresh), finished };
}

const asText = (err: unknown) => (err instanceof DomainError ? err.text : text(`导入中断：${err instanceof Error ? err.message : String(err)}`, `The import stopped: ${err instanceof Error ? err.message : String(err)}`));

/** Our claim lapsed and another process took the job over; it carries on from the row. */
class LostClaim extends Error {}

type Outcome = { status: 'created' | 'updated' } | { status: 'rejected'; problems: RowProblem[] };

/**
 * Runs a claimed job from where its row says it got to. The file is read again from the start: rows
 * before `rows_done` are only read (to know the ids they named), not written again. Never rejects:
 * the outcome is written to the row. With `shouldStop`, gives the job back between groups.
 */
export async function runImportJob(deps: DomainDeps, job: ImportJob, claim: Claim, options: { shouldStop?: () => boolean } = {}): Promise<void> {
  const r = repos(deps.db);
  const phase: Phase = job.state === 'checking' ? 'check' : 'import';
  const counts: ImportCounts = { rows_done: job.rows_done, created: job.created, updated: job.updated, rejected: job.rejected };
  let lost = false;
  // Renews the claim while a slow step (reading a whole workbook, a loaded database) runs between
  // groups. Only the claim: progress is written in the transaction of the rows it counts, never ahead.
  const heartbeat = setInterval(() => {
    r.imports.renew(job.id, job.state, claim).then(
      (held) => (lost ||= !held),
      () => {},
    );
  }, claim.ttlMs / 3);
  try {
    const { columns: mapping, startJourneys } = JSON.parse(job.mapping!) as StoredMapping;
    const reader = await rowReader(deps.db, job.kind, job.workspace_id, mapping);
    const duplicate = duplicateTracker();
    const { body } = await openTable(deps.db, job, job.sheet);
    let index = 0;
    let group: Array<{ row: number; cells: string[]; item: unknown }> = [];
    let refused: NewImportReject[] = [];

    // One group: its rows written (or tried, for a dry run), then its refusals and the progress, in
    // the import's own transaction so a resumed import neither skips nor repeats a row.
    const flushGroup = async (): Promise<void> => {
      const after = async (db: Db, outcomes: Outcome[]) => {
        const rejects = [...refused];
        for (const [i, o] of outcomes.entries()) {
          if (o.status === 'rejected') rejects.push({ row: group[i]!.row, problems: o.problems, cells: group[i]!.cells });
          else counts[o.status] += 1;
        }
        counts.rejected += rejects.length;
        counts.rows_done = index;
        await repos(db).imports.addRejects(job.id, phase, rejects);
        if (!(await repos(db).imports.progress(job.id, job.state, counts, claim))) throw new LostClaim();
      };
      const common = { dryRun: phase === 'check', history: !startJourneys, after };
      if (job.kind === 'customers') await writeCustomers(deps.db, job.workspace_id, group.map((g) => g.item as Record<string, unknown>), { ...common, stages: reader.stages, properties: reader.properties, mapping });
      else await writeOrders(deps.db, job.workspace_id, group.map((g) => g.item as OrderItem), common);
      group = [];
      refused = [];
      if (lost) throw new LostClaim();
      // SQLite answers synchronously: without a turn of the event loop here, a long import would hold
      // off every request (and the claim's heartbeat) of this process until it ends.
      await new Promise((resolve) => setImmediate(resolve));
    };

    for await (const row of body) {
      index += 1;
      const result = reader.read(row);
      let problems = result.problems;
      if (problems.length === 0) {
        const dup = duplicate(row.row, result.ids, mapping);
        if (dup) problems = [dup];
      }
      if (index <= job.rows_done) continue;
      if (problems.length > 0) refused.push({ row: row.row, problems, cells: row.cells });
      else group.push({ row: row.row, cells: row.cells, item: result.item });
      if (group.length + refused.length >= IMPORT_ROWS_PER_COMMIT) {
        await flushGroup();
        if (options.shouldStop?.()) {
          await r.imports.release(job.id, claim.holder);
          return;
        }
      }
    }
    await flushGroup();
    const at = new Date().toISOString();
    const total = { rows: index, created: counts.created, updated: counts.updated, rejected: counts.rejected };
    if (phase === 'check') {
      await r.imports.update(job.id, ['checking'], { state: 'checked', checked: JSON.stringify(total), rows_total: index, finished_at: at, claimed_until: null, ...counts });
    } else {
      await r.imports.update(job.id, ['importing'], { state: 'imported', rows_total: index, finished_at: at, claimed_until: null, ...counts });
      // The file is no longer needed: its refused rows are kept for the report.
      await r.imports.deleteChunks(job.id);
    }
  } catch (err) {
    if (err instanceof LostClaim) return;
    await r.imports
      .update(job.id, [job.state], { state: 'failed', error: JSON.stringify(asText(err)), finished_at: new Date().toISOString(), claimed_until: null, ...counts })
      .catch(() => {});
  } finally {
    clearInterval(heartbeat);
  }
}

/** Uploads left half-way by a process that died are dropped after this long. */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

/**
 * The worker side of imports: claims running jobs nobody holds — queued by an API process, or left
 * by a process that died — and runs them, one at a time; drops uploads that never finished.
 */
export function startImportJobRunner(deps: DomainDeps, options: { holder?: string; leaseMs?: number; intervalMs?: number; onError?: (message: string) => void } = {}) {
  const claim = { holder: options.holder ?? holderId(), ttlMs: options.leaseMs ?? DEFAULT_LEASE_MS };
  const interval = options.intervalMs ?? Math.min(2000, claim.ttlMs / 4);
  return startLoop(async (stopped) => {
    try {
      const r = repos(deps.db);
      for (const id of await r.imports.staleUploads(new Date(Date.now() - STALE_UPLOAD_MS).toISOString())) await r.imports.discard(id);
      const job = await r.imports.claimNext(claim.holder, claim.ttlMs);
      if (!job) return false;
      await runImportJob(deps, job, claim, { shouldStop: stopped });
      return true;
    } catch (err) {
      options.onError?.(err instanceof Error ? err.message : String(err));
      return false;
    }
  }, interval);
}
