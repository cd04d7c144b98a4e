import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import writeXlsxFile from 'write-excel-file/node';

/** One exported cell: text, a number, or a date (written as the sheet's date type in .xlsx, ISO text in CSV). */
export type OutCell = string | number | Date | null;

/**
 * A CSV stream that Excel opens right on a Chinese Windows: UTF-8 with a BOM, CRLF, every cell that
 * needs it quoted. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are written with
 * a leading apostrophe, so an exported customer name cannot run code on the reader's machine.
 */
export function csvStream(rows: AsyncIterable<OutCell[]> | Iterable<OutCell[]>): Readable {
  const out = stringify({ bom: true, record_delimiter: 'windows', escape_formulas: true, cast: { date: (d) => d.toISOString() } });
  void (async () => {
    try {
      for await (const row of rows) {
        if (!out.write(row)) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    } catch (err) {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return out;
}

/** An .xlsx workbook of one sheet, the first row bold and frozen (a zip: built whole, so callers cap the rows). */
export async function xlsxBuffer(sheetName: string, header: string[], rows: Iterable<OutCell[]>): Promise<Buffer> {
  const data = [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...[...rows].map((row) => row.map((value) => (value === null ? null : value instanceof Date ? { value, format: 'yyyy-mm-dd hh:mm' } : { value })))];
  return (await writeXlsxFile(data, { sheet: sheetName.slice(0, 31), stickyRowsCount: 1 }).toBuffer()) as Buffer;
}
