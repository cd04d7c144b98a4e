import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';

export const csvError = (line: number, en: string, zh: string) =>
  new DomainError('csv.invalid', text(`CSV 第 ${line} 行：${zh}`, `CSV line ${line}: ${en}`), [], { line });

/**
 * Parses CSV text per RFC 4180: comma-separated fields, records ended by CRLF or LF (a lone CR
 * too), fields in double quotes may hold commas, line breaks and "" for a quote. A leading BOM is
 * dropped, and so is the line break ending the last record. Unquoted fields are taken as written
 * (a stray quote inside one is kept, as spreadsheet apps do); text after a closing quote, or a
 * quote left open, is an error naming the line.
 */
export function parseCsv(input: string): string[][] {
  const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = src.length;
  // True once the current record has any field, even an empty quoted one.
  let started = false;
  // A quote opens a quoted field only at the very start of a field.
  let atFieldStart = true;

  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    started = false;
    atFieldStart = true;
  };

  while (i < n) {
    const ch = src[i]!;
    if (ch === '"' && atFieldStart) {
      // A quoted field: read to the closing quote.
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= n) throw csvError(startLine, 'a quoted field is never closed', '引号内的字段没有结束引号');
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line += 1;
        field += c;
        i += 1;
      }
      started = true;
      atFieldStart = false;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw csvError(line, 'unexpected text after a closing quote (write "" for a quote inside a quoted field)', '结束引号后还有多余内容（引号内的引号请写成 ""）');
      }
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      started = true;
      atFieldStart = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      endRecord();
      continue;
    }
    field += ch;
    started = true;
    atFieldStart = false;
    i += 1;
  }
  if (started) endRecord();
  return records;
}
