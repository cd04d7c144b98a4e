export type CsvCell = string | number | null | undefined;

/** Byte-order mark: without it Excel reads a UTF-8 file as the local code page and garbles Chinese. */
export const BOM = '\uFEFF';

/**
 * One text cell. A text starting with = + - @ (or a tab / carriage return) would run as a formula in
 * Excel or Sheets, so it gets a leading apostrophe; numbers stay numbers. Quoted when it holds a
 * comma, quote or line break (quotes doubled), per RFC 4180.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: BOM, a header row, then the rows, CRLF between lines. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Saves the text as a file through the browser's download. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
