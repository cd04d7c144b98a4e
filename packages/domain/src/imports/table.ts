import type { Db, ImportJob } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { CsvDialect, Row } from '@sopline/tabular';
import { readCsvRows, readXlsxSheets, TableError, UnreadableFile, withHeader } from '@sopline/tabular';
import { DomainError } from '../errors.ts';

/** Why a file cannot be imported, in the user's words; the `field` is the upload. */
export function fileProblem(err: unknown): DomainError | null {
  const fail = (t: Text) => new DomainError('import.file', t, [], { field: 'file' });
  if (err instanceof UnreadableFile) {
    switch (err.code) {
      case 'xls':
        return fail(text('这是旧版 Excel（.xls）文件：请在 Excel 里“另存为” .xlsx 或 CSV 后再上传', 'This is an old Excel (.xls) workbook: use "Save as" in Excel to make it .xlsx or CSV, then upload again'));
      case 'zip':
        return fail(text('这是压缩包，不是表格：请上传 .xlsx 或 CSV 文件', 'This is a zip archive, not a spreadsheet: upload an .xlsx or CSV file'));
      case 'binary':
        return fail(text('无法读取这个文件：请上传 .xlsx 或 CSV 文件', 'This file cannot be read: upload an .xlsx or CSV file'));
      case 'empty':
        return fail(text('文件是空的', 'The file is empty'));
    }
  }
  if (err instanceof TableError) {
    switch (err.code) {
      case 'quote':
        return fail(text(`第 ${err.row} 行：引号没有闭合（单元格内的引号请写成两个 ""）`, `Row ${err.row}: a quote is never closed (write "" for a quote inside a cell)`));
      case 'too-long':
        return fail(text(`第 ${err.row} 行过长，可能有引号没有闭合`, `Row ${err.row} is far too long; a quote may be left open`));
      case 'invalid':
        return fail(err.row > 0 ? text(`第 ${err.row} 行无法读取：${err.message}`, err.message) : text('文件已损坏，或不是 Excel 工作簿：请在 Excel 里重新保存后再上传', 'The file is damaged or not an Excel workbook: save it again in Excel and upload it again'));
    }
  }
  return null;
}

export type SheetSummary = { name: string; rows: number };

/** The sheets of an uploaded workbook, read whole (uploads of .xlsx are capped for this). */
async function workbookOf(db: Db, jobId: string) {
  const parts: Buffer[] = [];
  for await (const chunk of repos(db).imports.chunks(jobId)) parts.push(chunk);
  return readXlsxSheets(Buffer.concat(parts));
}

export async function sheetSummaries(db: Db, jobId: string): Promise<SheetSummary[]> {
  // Rows below the header: what the user thinks of as the sheet's records.
  return (await workbookOf(db, jobId)).map((s) => ({ name: s.name, rows: Math.max(0, s.rows.length - 1) }));
}

/** The sheet to import when none was chosen: the first with any rows. */
export function defaultSheet(sheets: SheetSummary[]): string | null {
  return (sheets.find((s) => s.rows > 0) ?? sheets[0])?.name ?? null;
}

/**
 * The uploaded table, read again from its stored pieces: its header row and a stream of the rows
 * below it. A CSV streams; a workbook is read whole. Unreadable content is a DomainError naming the file.
 */
export async function openTable(db: Db, job: Pick<ImportJob, 'id' | 'format' | 'dialect'>, sheet: string | null): Promise<{ header: Row | undefined; body: AsyncGenerator<Row> }> {
  try {
    if (job.format === 'csv') {
      const dialect = JSON.parse(job.dialect ?? '{}') as CsvDialect;
      const rows = readCsvRows(repos(db).imports.chunks(job.id), dialect);
      const table = await withHeader(rows);
      return { header: table.header, body: guarded(table.body) };
    }
    const sheets = await workbookOf(db, job.id);
    const chosen = sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.rows.length > 0) ?? sheets[0];
    if (sheet !== null && chosen?.name !== sheet) throw new DomainError('import.sheet', text(`工作簿里没有名为「${sheet}」的工作表`, `The workbook has no sheet named "${sheet}"`), [], { field: 'sheet' });
    return withHeader(chosen?.rows ?? []);
  } catch (err) {
    throw fileProblem(err) ?? err;
  }
}

async function* guarded(rows: AsyncGenerator<Row>): AsyncGenerator<Row> {
  try {
    yield* rows;
  } catch (err) {
    throw fileProblem(err) ?? err;
  }
}
