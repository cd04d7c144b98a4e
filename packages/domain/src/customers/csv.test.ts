import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { parseCsv } from './csv.ts';

/** The writer side of RFC 4180, to round-trip tricky cells through the parser. */
function writeCsv(records: string[][], eol = '\r\n'): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replaceAll('"', '""')}"` : v);
  return records.map((r) => r.map(cell).join(',')).join(eol) + eol;
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('parseCsv', () => {
  it('splits records on LF, CRLF and a lone CR, and drops the final line break', () => {
    expect(parseCsv('a,b\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\rc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,b\r\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty fields, including trailing ones and empty quoted ones', () => {
    expect(parseCsv('a,,c\n,,\n"",x\nx,""\n')).toEqual([['a', '', 'c'], ['', '', ''], ['', 'x'], ['x', '']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('reads quoted fields holding commas, line breaks and doubled quotes', () => {
    expect(parseCsv('"张三, VIP","说 ""你好""","line1\r\nline2"\nnext,row,here')).toEqual([
      ['张三, VIP', '说 "你好"', 'line1\r\nline2'],
      ['next', 'row', 'here'],
    ]);
  });

  it('drops a leading byte-order mark and returns nothing for empty input', () => {
    expect(parseCsv('\uFEFFname,phone\n')).toEqual([['name', 'phone']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a stray quote inside an unquoted field, as spreadsheets do', () => {
    expect(parseCsv('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
  });

  it('names the line where a quoted field is left open', () => {
    const error = errorOf(() => parseCsv('name,phone\nok,1\n"broken,2\nmore\n'));
    expect(error.code).toBe('csv.invalid');
    expect(error.details).toEqual({ line: 3 });
    expect(error.message).toContain('line 3');
  });

  it('refuses text after a closing quote, counting lines inside quoted fields', () => {
    const error = errorOf(() => parseCsv('a,"multi\nline"\n"x"y,z\n'));
    expect(error.code).toBe('csv.invalid');
    expect(error.details).toEqual({ line: 3 });
  });

  it('round-trips awkward cells written by an RFC 4180 writer', () => {
    const cells = ['', ' ', 'plain', '逗号,在中间', '"', '""', 'a "quoted" word', 'tab\there', 'cr\ronly', 'lf\nonly', 'crlf\r\nboth', ',', ' leading', 'trailing ', '😀 emoji'];
    const records = cells.map((c, i) => [String(i), c, cells[(i + 3) % cells.length]!]);
    expect(parseCsv(writeCsv(records))).toEqual(records);
    expect(parseCsv(writeCsv(records, '\n'))).toEqual(records);
  });
});
