import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import readXlsxFile from 'read-excel-file/node';
import type { Encoding } from './detect.ts';
import { delimiterOf, encodingOf } from './detect.ts';

/** One row of a sheet: `row` is its number as a spreadsheet app shows it (the first row is 1). */
export type Row = { row: number; cells: string[] };

/** A file that was readable up to a point, then broken (a quote never closed, a record too long). */
export class TableError extends Error {
  readonly row: number;
  readonly code: 'quote' | 'too-long' | 'invalid';
  constructor(code: TableError['code'], row: number, message: string) {
    super(message);
    this.code = code;
    this.row = row;
  }
}

/** The longest record accepted, in characters: a stray quote must not swallow a whole file into one cell. */
export const MAX_RECORD_CHARS = 1_000_000;

/** How to read a CSV, decided once from its first bytes (stored with an upload, so every later read agrees). */
export type CsvDialect = { encoding: Encoding; delimiter: ',' | '\t' | ';' };

export function csvDialectOf(sample: Uint8Array): CsvDialect {
  const encoding = encodingOf(sample);
  const text = iconv.decode(Buffer.from(sample), encoding);
  return { encoding, delimiter: delimiterOf(text.split(/\r\n|\n|\r/, 1)[0] ?? '') };
}

const isEmpty = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Streams the rows of a CSV from its bytes, decoding as it goes: memory stays flat whatever the
 * file's size. RFC 4180 quoting (commas, quotes and line breaks inside quotes), CRLF/LF/CR, a BOM;
 * a stray quote inside an unquoted cell is kept as Excel keeps it. Rows with no text are skipped
 * but still counted, so numbers match what the user sees in their spreadsheet.
 */
export async function* readCsvRows(bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, dialect: CsvDialect): AsyncGenerator<Row> {
  const parser = parse({ delimiter: dialect.delimiter, bom: true, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_CHARS });
  const feeding = pipeline(Readable.from(bytes), iconv.decodeStream(dialect.encoding), parser);
  // The pipeline's own failure (a broken source) also surfaces through the parser; don't leave it unhandled.
  feeding.catch(() => {});
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (!isEmpty(record)) yield { row, cells: record };
    }
  } catch (err) {
    throw asTableError(err, row + 1);
  } finally {
    parser.destroy();
  }
  await feeding.catch((err: unknown) => {
    throw asTableError(err, row + 1);
  });
}

function asTableError(err: unknown, rowSeen: number): Error {
  let row = rowSeen;
  if (err instanceof TableError) return err;
  if (err instanceof CsvError) {
    // The parser runs ahead of the reader: its own count of finished records says where it stopped.
    const records = (err as CsvError & { records?: number }).records;
    if (typeof records === 'number') row = records + 1;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') return new TableError('quote', row, `Row ${row}: a quoted cell is never closed`);
    if (err.code === 'CSV_MAX_RECORD_SIZE') return new TableError('too-long', row, `Row ${row}: the row is longer than ${MAX_RECORD_CHARS} characters (a quote left open?)`);
    return new TableError('invalid', row, `Row ${row}: ${err.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** A sheet of a workbook: its name and its non-empty rows. */
export type Sheet = { name: string; rows: Row[] };

/**
 * A cell of a workbook as text: numbers exactly as the file stores them (a phone number stays
 * 13800138000, never 1.38e10), dates as ISO dates (with the time when it has one), booleans as
 * TRUE/FALSE as Excel shows them, formulas as their last computed value.
 */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * Reads every sheet of an .xlsx (it is a zip, so it is read whole; callers cap its size). Empty rows
 * anywhere are skipped but counted.
 */
export async function readXlsxSheets(file: Buffer): Promise<Sheet[]> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile<string>>>;
  try {
    sheets = await readXlsxFile(file, { parseNumber: (s: string) => s, trim: false });
  } catch (err) {
    throw new TableError('invalid', 0, `The workbook cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return sheets.map(({ sheet, data }) => ({
    name: sheet,
    rows: data.flatMap((cells, i) => {
      const texts = cells.map(cellText);
      return isEmpty(texts) ? [] : [{ row: i + 1, cells: texts }];
    }),
  }));
}

const filled = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;

/**
 * Splits a table into its header and the rows below it. The header is the first row, unless that row
 * is a title (one cell filled — "客户名单 2026-11", often merged across) over a row with more: then the
 * title is passed over. Undefined header: the table has no rows at all.
 */
export async function withHeader(rows: AsyncIterable<Row> | Iterable<Row>): Promise<{ header: Row | undefined; body: AsyncGenerator<Row> }> {
  const iterator = (Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]()) as AsyncIterator<Row> | Iterator<Row>;
  const next = async () => {
    const r = await iterator.next();
    return r.done ? undefined : r.value;
  };
  let header = await next();
  let first = await next();
  if (header && first && filled(header.cells) === 1 && filled(first.cells) > 1) {
    header = first;
    first = await next();
  }
  async function* body(): AsyncGenerator<Row> {
    try {
      for (let r = first; r; r = await next()) yield r;
    } finally {
      await iterator.return?.();
    }
  }
  return { header, body: body() };
}
