import type { ImportJob, ImportJobTable, ImportKind } from '@sopline/db';
import type { Updateable } from 'kysely';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { Format } from '@sopline/tabular';
import { csvDialectOf, formatOf } from '@sopline/tabular';
import { DomainError } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';
import type { SheetSummary } from './table.ts';
import { defaultSheet, fileProblem, openTable, sheetSummaries } from './table.ts';

/** The largest files accepted: a CSV streams, so it may be large; a workbook is read whole. */
export const MAX_IMPORT_BYTES: Record<Format, number> = { csv: 50 * 1024 * 1024, xlsx: 15 * 1024 * 1024 };
/** Pieces the file is kept in. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;
export const MAX_IMPORT_COLUMNS = 200;
/** How much of a file's start its encoding and separator are judged on. */
const HEAD_BYTES = 256 * 1024;

export const forbiddenImport = () => new DomainError('auth.forbidden', text('只有管理员和运营可以导入', 'Only admins and ops can import'));

export function requireManager(viewer: Viewer): void {
  if (!isManager(viewer)) throw forbiddenImport();
}

/** An import job as the UI shows it. */
export type ImportJobView = {
  id: string;
  kind: ImportKind;
  fileName: string;
  format: Format;
  sizeBytes: number;
  state: ImportJob['state'];
  sheet: string | null;
  sheets: SheetSummary[] | null;
  rowsTotal: number | null;
  rowsDone: number;
  created: number;
  updated: number;
  rejected: number;
  /** The last finished dry run. */
  checked: { created: number; updated: number; rejected: number; rows: number } | null;
  error: Text | null;
  startJourneys: boolean;
  createdAt: string;
  finishedAt: string | null;
};

export function importView(job: ImportJob): ImportJobView {
  const mapping = job.mapping ? (JSON.parse(job.mapping) as { startJourneys?: boolean }) : null;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    format: job.format,
    sizeBytes: job.size_bytes,
    state: job.state,
    sheet: job.sheet,
    sheets: job.sheets ? (JSON.parse(job.sheets) as SheetSummary[]) : null,
    rowsTotal: job.rows_total,
    rowsDone: job.rows_done,
    created: job.created,
    updated: job.updated,
    rejected: job.rejected,
    checked: job.checked ? (JSON.parse(job.checked) as ImportJobView['checked']) : null,
    error: job.error ? (JSON.parse(job.error) as Text) : null,
    startJourneys: mapping?.startJourneys ?? false,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

const tooLarge = (format: Format) =>
  new DomainError('import.too-large', text(`${format === 'csv' ? 'CSV' : 'Excel'} 文件不能超过 ${MAX_IMPORT_BYTES[format] / 1024 / 1024} MB${format === 'xlsx' ? '：更大的表格请另存为 CSV 再上传' : ''}`, `${format === 'csv' ? 'A CSV' : 'An Excel'} file must not exceed ${MAX_IMPORT_BYTES[format] / 1024 / 1024} MB${format === 'xlsx' ? ': save a larger sheet as CSV and upload that' : ''}`), [], { field: 'file' });

/**
 * Stores an uploaded file as a new import job, piece by piece as it arrives (memory holds one piece),
 * and reads enough of it to know it is a table: its kind (by its bytes), a CSV's encoding and
 * separator, a workbook's sheets, and a header. Anything wrong and nothing is kept.
 */
export async function uploadImport(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { kind: ImportKind; fileName: string; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }): Promise<ImportJobView> {
  requireManager(viewer);
  const fileName = input.fileName.trim().slice(0, 200) || 'upload';
  const r = repos(deps.db);
  const job = await r.imports.create({ workspace_id: viewer.workspaceId, kind: input.kind, file_name: fileName, format: 'csv', created_by: viewer.userId });
  try {
    let format: Format | null = null;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let seq = 0;
    // The first bytes decide the format, a CSV's encoding and separator: kept as they arrive.
    const head: Buffer[] = [];
    let headBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await r.imports.appendChunk(job.id, seq++, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    };
    for await (const piece of input.body) {
      const bytes = Buffer.from(piece);
      if (bytes.length === 0) continue;
      if (format === null) format = formatOf(bytes.subarray(0, 64 * 1024), fileName);
      if (headBytes < HEAD_BYTES) {
        head.push(bytes.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(bytes.length, HEAD_BYTES - headBytes);
      }
      size += bytes.length;
      if (size > MAX_IMPORT_BYTES[format]) throw tooLarge(format);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= IMPORT_CHUNK_BYTES) await flush();
    }
    await flush();
    if (format === null) throw new DomainError('import.file', text('文件是空的', 'The file is empty'), [], { field: 'file' });
    const patch: Omit<Updateable<ImportJobTable>, 'id'> & { dialect?: string | null; sheet?: string | null } = { format, size_bytes: size, state: 'uploaded' };
    if (format === 'csv') {
      patch.dialect = JSON.stringify(csvDialectOf(Buffer.concat(head)));
    } else {
      const sheets = await sheetSummaries(deps.db, job.id);
      patch.sheets = JSON.stringify(sheets);
      patch.sheet = defaultSheet(sheets);
    }
    const { header, body } = await openTable(deps.db, { id: job.id, format, dialect: patch.dialect ?? null }, patch.sheet ?? null);
    await body.return(undefined);
    if (!header) throw new DomainError('import.file', text('文件里没有任何内容', 'The file has no rows'), [], { field: 'file' });
    if (header.cells.length > MAX_IMPORT_COLUMNS) throw new DomainError('import.file', text(`文件超过 ${MAX_IMPORT_COLUMNS} 列`, `The file has more than ${MAX_IMPORT_COLUMNS} columns`), [], { field: 'file' });
    await r.imports.update(job.id, ['uploading'], patch);
    return importView({ ...job, ...patch } as ImportJob);
  } catch (err) {
    await r.imports.discard(job.id);
    throw fileProblem(err) ?? err;
  }
}

export async function jobOf(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, id: string): Promise<ImportJob> {
  requireManager(viewer);
  const job = await repos(deps.db).imports.get(viewer.workspaceId, id);
  if (!job || job.state === 'uploading') throw new DomainError('not-found', text('找不到这次导入，可能已被删除', 'No such import; it may have been removed'));
  return job;
}

export async function getImport(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { id: string }): Promise<ImportJobView> {
  return importView(await jobOf(deps, viewer, input.id));
}

export async function listImports(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { kind?: ImportKind }): Promise<ImportJobView[]> {
  requireManager(viewer);
  const jobs = await repos(deps.db).imports.list(viewer.workspaceId, 20);
  return jobs.filter((j) => j.state !== 'uploading' && (input.kind === undefined || j.kind === input.kind)).map(importView);
}
