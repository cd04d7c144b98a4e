import type { Db, ImportJob, ImportKind } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import type { Row } from '@sopline/tabular';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import type { CustomerDirectory, RowProblem } from './customers.ts';
import { customerDirectory, customerRow } from './customers.ts';
import type { ImportField, ImportMapping } from './fields.ts';
import { FIELD_LABELS, fieldsOf, guessMapping, mappingProblems } from './fields.ts';
import { orderRow } from './orders.ts';
import { openTable } from './table.ts';
import { workspaceProperties } from '../properties/properties.ts';
import type { ImportJobView } from './upload.ts';
import { importView, jobOf } from './upload.ts';

export const PREVIEW_ROWS = 20;

/** Reads rows of one kind by a mapping, keeping what the run needs to look up (stages, members, the zone). */
export type RowReader = { read: (row: Row) => { item: unknown; ids: string[]; problems: RowProblem[] }; stages: CustomerDirectory['stages']; properties: CustomerDirectory['properties'] };

export async function rowReader(db: Db, kind: ImportKind, workspaceId: string, mapping: ImportMapping): Promise<RowReader> {
  if (kind === 'customers') {
    const dir: CustomerDirectory = await customerDirectory(db, workspaceId);
    return { read: (row) => customerRow(row, mapping, dir), stages: dir.stages, properties: dir.properties };
  }
  const zone = (await repos(db).workspaces.get(workspaceId))?.timezone ?? 'UTC';
  return { read: (row) => orderRow(row, mapping, zone), stages: [], properties: [] };
}

/**
 * Tracks the ids rows name a customer or order by: a second row naming one already named earlier in
 * the file is refused, pointing at the first (two rows for one customer are a mistake in the sheet,
 * and merging them silently would hide it).
 */
export function duplicateTracker() {
  const seen = new Map<string, number>();
  return (row: number, ids: string[], mapping: ImportMapping): RowProblem | null => {
    for (const id of ids) {
      const first = seen.get(id);
      if (first !== undefined) {
        const [field, ...rest] = id.split(':');
        const value = rest.join(':');
        const label = FIELD_LABELS[field as ImportField] ?? { 'zh-CN': field, en: field };
        const column = mapping.indexOf(field as never);
        return { column: column >= 0 ? column : null, field: field ?? null, 'zh-CN': `与第 ${first} 行的${label['zh-CN']}相同（${value}）：同一${field === 'order' ? '订单' : '客户'}只导入第一行`, en: `Same ${label.en} as row ${first} (${value}): only the first row is imported` };
      }
    }
    for (const id of ids) seen.set(id, row);
    return null;
  };
}

export type ImportPreview = {
  job: ImportJobView;
  sheet: string | null;
  header: string[];
  headerRow: number;
  mapping: ImportMapping;
  mappingProblems: Text[];
  fields: Array<{ key: ImportField; label: Text }>;
  /** The customer properties the workspace defines, which columns may fill (customers files). */
  properties: Array<{ key: string; type: 'text' | 'number' | 'date'; label: Text }>;
  rows: Array<{ row: number; cells: string[]; problems: RowProblem[] }>;
};

function storedMapping(job: ImportJob): ImportMapping | null {
  return job.mapping ? (JSON.parse(job.mapping) as { columns: ImportMapping }).columns : null;
}

/**
 * The mapping step: the header, a mapping (the one given, the job's last one for the same sheet, or
 * one guessed from the header), what is wrong with it, and the first rows read by it with each
 * cell's problem.
 */
export async function previewImport(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { id: string; sheet?: string | undefined; mapping?: ImportMapping | undefined }): Promise<ImportPreview> {
  const job = await jobOf(deps, viewer, input.id);
  const sheet = input.sheet ?? job.sheet;
  const { header, body } = await openTable(deps.db, job, sheet);
  try {
    const cells = header?.cells.map((c) => c.trim()) ?? [];
    const stored = sheet === job.sheet ? storedMapping(job) : null;
    const properties = job.kind === 'customers' ? (await workspaceProperties(deps.db, viewer.workspaceId)).filter((p) => p.key !== 'birthday') : [];
    const mapping = input.mapping ?? (stored && stored.length === cells.length ? stored : guessMapping(job.kind, cells, properties));
    const problems = mappingProblems(job.kind, cells, mapping);
    const read = problems.length === 0 ? (await rowReader(deps.db, job.kind, viewer.workspaceId, mapping)).read : null;
    const duplicate = duplicateTracker();
    const rows: ImportPreview['rows'] = [];
    for await (const row of body) {
      const result = read?.(row);
      const rowProblems = result?.problems ?? [];
      if (result && rowProblems.length === 0) {
        const dup = duplicate(row.row, result.ids, mapping);
        if (dup) rowProblems.push(dup);
      }
      rows.push({ row: row.row, cells: cells.map((_, i) => row.cells[i] ?? ''), problems: rowProblems });
      if (rows.length >= PREVIEW_ROWS) break;
    }
    return {
      job: importView(job),
      sheet,
      header: cells,
      headerRow: header?.row ?? 1,
      mapping,
      mappingProblems: problems,
      fields: fieldsOf(job.kind).map((key) => ({ key, label: FIELD_LABELS[key] })),
      properties: properties.map(({ key, type, label }) => ({ key, type, label })),
      rows,
    };
  } finally {
    await body.return(undefined);
  }
}
