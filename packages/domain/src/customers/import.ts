import type { Db } from '@sopline/db';
import { EXTERNAL_ID_COLUMNS } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { parseCsv } from './csv.ts';
import type { ItemError } from '../events/ingest-batch.ts';
import { itemErrors } from '../events/ingest-batch.ts';
import type { Stage } from '../stages/stages.ts';
import { workspaceStages } from '../stages/stages.ts';
import { CustomerUpsertInput, upsertCustomerIn } from './upsert.ts';

/** The largest CSV accepted, in bytes of UTF-8. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_COLUMNS = 100;

/** Columns with a meaning; every other column becomes a property named by its header. */
export const CSV_COLUMNS = ['name', ...EXTERNAL_ID_COLUMNS, 'stage', 'tags', 'owner_email', 'timezone'] as const;
type KnownColumn = (typeof CSV_COLUMNS)[number];

/** A row that was not imported, and why. `row` counts the header as row 1; `field` is null for the row as a whole. */
export type ImportError = { row: number; field: string | null; message: string };
export type ImportResult = { created: number; updated: number; errors: ImportError[] };

const headerError = (en: string, zh: string) => new DomainError('csv.header', text(`CSV 表头有误：${zh}`, `The CSV header is wrong: ${en}`), [], { field: 'csv' });

type Column = { index: number; known: KnownColumn } | { index: number; property: string };

function readHeader(cells: string[]): Column[] {
  if (cells.length > MAX_CSV_COLUMNS) throw headerError(`more than ${MAX_CSV_COLUMNS} columns`, `列数超过 ${MAX_CSV_COLUMNS}`);
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const [index, raw] of cells.entries()) {
    const name = raw.trim();
    if (name === '') throw headerError(`column ${index + 1} has no name`, `第 ${index + 1} 列没有列名`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw headerError(`the column "${name}" appears twice`, `列「${name}」出现了两次`);
    seen.add(key);
    const known = (CSV_COLUMNS as readonly string[]).includes(key) ? (key as KnownColumn) : undefined;
    if (!known && name.length > 100) throw headerError(`the column name "${name.slice(0, 20)}…" is longer than 100 characters`, `列名「${name.slice(0, 20)}…」超过 100 个字符`);
    columns.push(known ? { index, known } : { index, property: name });
  }
  if (!columns.some((c) => 'known' in c && (EXTERNAL_ID_COLUMNS as readonly string[]).includes(c.known))) {
    throw headerError(`add at least one of the columns ${EXTERNAL_ID_COLUMNS.join(', ')} to match customers by`, `至少需要以下一列用于识别客户：${EXTERNAL_ID_COLUMNS.join('、')}`);
  }
  return columns;
}

/** Splits "vip|新客; 门店" into tags. */
export function splitTags(cell: string): string[] {
  return [...new Set(cell.split(/[|;]/).map((t) => t.trim()).filter((t) => t !== ''))];
}

/** Where an upsert error points, as the CSV column it came from. */
function fieldOf(path: string): string | null {
  if (path === '') return null;
  const [head, rest] = [path.split('.')[0]!, path.split('.').slice(1)];
  if (head === 'ownerEmail') return 'owner_email';
  if (head === 'properties') return rest[0] ?? 'properties';
  return head;
}

/**
 * A CSV file as every import reads it: at most MAX_CSV_BYTES, a header, and the rows that are not
 * empty, numbered as a spreadsheet shows them (the header is row 1). A row whose cell count differs
 * from the header's is reported in `errors`, not returned.
 */
export function csvTable(csv: string): { header: string[]; rows: Array<{ row: number; cells: string[] }>; errors: ImportError[] } {
  if (Buffer.byteLength(csv) > MAX_CSV_BYTES) {
    throw new DomainError('csv.too-large', text(`CSV 文件不能超过 ${MAX_CSV_BYTES / 1024 / 1024} MB`, `The CSV file must not exceed ${MAX_CSV_BYTES / 1024 / 1024} MB`), [], { field: 'csv' });
  }
  const [header, ...records] = parseCsv(csv);
  if (!header) throw headerError('the file is empty', '文件是空的');
  const rows: Array<{ row: number; cells: string[] }> = [];
  const errors: ImportError[] = [];
  for (const [i, cells] of records.entries()) {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length !== header.length) errors.push({ row, field: null, message: `The row has ${cells.length} cells but the header has ${header.length} columns` });
    else rows.push({ row, cells });
  }
  return { header, rows, errors };
}

/**
 * Imports customers from CSV, matching existing ones by any external id (created when none
 * matches). Empty cells leave a field as it is; tags are added, never removed; other columns are
 * merged into properties. Every row is validated and written on its own (its own savepoint), so a
 * bad row never blocks the good ones: it is reported with its row number and column.
 */
export async function importCustomersCsv(deps: { db: Db }, viewer: Viewer, input: { csv: string }): Promise<ImportResult> {
  const { header, rows, errors } = csvTable(input.csv);
  const columns = readHeader(header);

  const items: Array<Record<string, unknown>> = [];
  const rowOfItem: number[] = [];
  for (const { row, cells } of rows) {
    const item: Record<string, unknown> = {};
    const properties: Record<string, string> = {};
    for (const column of columns) {
      const value = cells[column.index]!.trim();
      if (value === '') continue;
      if ('property' in column) {
        properties[column.property] = value;
        continue;
      }
      switch (column.known) {
        case 'tags':
          item.tags = splitTags(value);
          break;
        case 'owner_email':
          item.ownerEmail = value;
          break;
        case 'stage':
          // By code or label; the upsert resolves it against the workspace's stages.
          item.stage = value;
          break;
        default:
          item[column.known] = value;
      }
    }
    if (Object.keys(properties).length > 0) item.properties = properties;
    if (!EXTERNAL_ID_COLUMNS.some((col) => item[col] !== undefined)) {
      errors.push({ row, field: null, message: `The row has none of ${EXTERNAL_ID_COLUMNS.join(', ')} to match or create the customer by` });
      continue;
    }
    items.push(item);
    rowOfItem.push(row);
  }

  let created = 0;
  let updated = 0;
  // Read once for the whole file, not once per row that names a stage.
  const stages = await workspaceStages(deps.db, viewer.workspaceId);
  for (let start = 0; start < items.length; start += ROWS_PER_TRANSACTION) {
    const results = await upsertChunk(deps.db, viewer.workspaceId, items.slice(start, start + ROWS_PER_TRANSACTION), stages);
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') for (const e of result.errors) errors.push({ row: rowOfItem[start + i]!, field: fieldOf(e.path), message: e.message });
      else if (result.status === 'created') created += 1;
      else updated += 1;
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { created, updated, errors };
}

/**
 * Rows are committed in groups (one commit per row made a 10,000-row file take ~20 s), each row in
 * its own savepoint: a rejected row is rolled back alone, the rest of its group still commits.
 */
const ROWS_PER_TRANSACTION = 250;

type RowResult = { status: 'created' | 'updated' } | { status: 'rejected'; errors: ItemError[] };

/** The upsert's own "this item is wrong" error (its class is private to upsert.ts). */
function rejection(err: unknown): ItemError[] | null {
  if (!(err instanceof Error) || err instanceof AggregateError) return null;
  const list = (err as { errors?: unknown }).errors;
  return Array.isArray(list) ? (list as ItemError[]) : null;
}

async function upsertChunk(db: Db, workspaceId: string, items: Array<Record<string, unknown>>, stages: readonly Stage[]): Promise<RowResult[]> {
  const results: RowResult[] = [];
  const trx = await db.startTransaction().execute();
  try {
    for (const item of items) {
      const parsed = CustomerUpsertInput.safeParse(item);
      if (!parsed.success) {
        results.push({ status: 'rejected', errors: itemErrors(parsed.error) });
        continue;
      }
      const row = await trx.savepoint('csv_row').execute();
      try {
        const done = await upsertCustomerIn(row, workspaceId, parsed.data, stages);
        await row.releaseSavepoint('csv_row').execute();
        results.push({ status: done.status });
      } catch (err) {
        const rejected = rejection(err);
        if (!rejected) throw err;
        await row.rollbackToSavepoint('csv_row').execute();
        results.push({ status: 'rejected', errors: rejected });
      }
    }
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  }
  return results;
}
