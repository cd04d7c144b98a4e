import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import type { RowProblem } from './customers.ts';
import type { StoredMapping } from './run.ts';
import { jobOf } from './upload.ts';

type Phase = 'check' | 'import';
export type RejectedRow = { row: number; problems: RowProblem[]; cells: string[] };

/** The rows the last dry run or the import refused, a page at a time (after `afterRow`), with the file's header. */
export async function importRejects(
  deps: Pick<DomainDeps, 'db'>,
  viewer: Viewer,
  input: { id: string; phase: Phase; limit: number; afterRow?: number | undefined },
): Promise<{ header: string[]; total: number; rows: RejectedRow[] }> {
  const job = await jobOf(deps, viewer, input.id);
  const header = job.mapping ? (JSON.parse(job.mapping) as StoredMapping).header : [];
  const rows = await repos(deps.db).imports.rejects(job.id, input.phase, { limit: input.limit, ...(input.afterRow !== undefined ? { afterRow: input.afterRow } : {}) });
  const total = input.phase === 'check' ? (job.checked ? (JSON.parse(job.checked) as { rejected: number }).rejected : job.rejected) : job.rejected;
  return { header, total, rows: rows.map((r) => ({ row: r.row, problems: JSON.parse(r.problems) as RowProblem[], cells: JSON.parse(r.cells) as string[] })) };
}

const PAGE = 1000;
const LABELS: Record<'zh-CN' | 'en', { row: string; problems: string }> = { 'zh-CN': { row: '行号', problems: '问题' }, en: { row: 'Row', problems: 'Problems' } };

/**
 * The error report of an import as spreadsheet rows: the row number in the user's file, what is
 * wrong in their language, then the row's own cells under its own header, so they can fix the rows
 * and import just this file again. Read from the database a page at a time.
 */
export async function importReport(
  deps: Pick<DomainDeps, 'db'>,
  viewer: Viewer,
  input: { id: string; lang: keyof Text },
): Promise<{ fileName: string; rows: AsyncGenerator<string[]> }> {
  const job = await jobOf(deps, viewer, input.id);
  const phase: Phase = job.state === 'imported' || job.state === 'importing' ? 'import' : 'check';
  const header = job.mapping ? (JSON.parse(job.mapping) as StoredMapping).header : [];
  const labels = LABELS[input.lang];
  const base = job.file_name.replace(/\.(csv|xlsx|txt)$/i, '');
  async function* rows(): AsyncGenerator<string[]> {
    yield [labels.row, labels.problems, ...header];
    let after = 0;
    for (;;) {
      const page = await repos(deps.db).imports.rejects(job.id, phase, { limit: PAGE, afterRow: after });
      for (const r of page) {
        const problems = JSON.parse(r.problems) as RowProblem[];
        yield [String(r.row), problems.map((p) => p[input.lang]).join('；'), ...(JSON.parse(r.cells) as string[])];
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.row;
    }
  }
  return { fileName: `${base}-${input.lang === 'en' ? 'rejected-rows' : '未导入的行'}.csv`, rows: rows() };
}
