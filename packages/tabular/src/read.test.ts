import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvDialectOf, encodingOf, formatOf, readCsvRows, readXlsxSheets, TableError, withHeader } from './index.ts';
import type { Row } from './index.ts';

const collect = async (rows: AsyncIterable<Row>) => {
  const out: Row[] = [];
  for await (const r of rows) out.push(r);
  return out;
};

/** Reads a CSV as an upload would: dialect from the first bytes, then the bytes in small pieces. */
async function csvRows(bytes: Uint8Array, pieceSize = 7): Promise<Row[]> {
  const dialect = csvDialectOf(bytes.subarray(0, 64 * 1024));
  const pieces = Array.from({ length: Math.ceil(bytes.length / pieceSize) }, (_, i) => bytes.subarray(i * pieceSize, (i + 1) * pieceSize));
  return collect(readCsvRows(pieces, dialect));
}

describe('CSV', () => {
  it('reads a BOM, CRLF, quoted commas, quotes and line breaks, and counts rows as a spreadsheet shows them', async () => {
    const csv = '\uFEFFname,phone,note\r\n"王, 小明",13800000001,"说""好""的"\r\n\r\n李雷,13800000002,"第一行\r\n第二行"\r\n韩梅梅,13800000003,x\r\n';
    const rows = await csvRows(Buffer.from(csv, 'utf8'));
    expect(rows).toEqual([
      { row: 1, cells: ['name', 'phone', 'note'] },
      { row: 2, cells: ['王, 小明', '13800000001', '说"好"的'] },
      { row: 4, cells: ['李雷', '13800000002', '第一行\r\n第二行'] },
      { row: 5, cells: ['韩梅梅', '13800000003', 'x'] },
    ]);
  });

  it('detects GBK/GB18030 as Excel saves it on a Chinese Windows, even when a character is split across pieces', async () => {
    const gbk = iconv.encode('姓名,手机号,城市\n张三,13800000001,广州\n', 'gbk');
    expect(encodingOf(gbk)).toBe('gb18030');
    const rows = await csvRows(gbk, 3);
    expect(rows.map((r) => r.cells)).toEqual([
      ['姓名', '手机号', '城市'],
      ['张三', '13800000001', '广州'],
    ]);
  });

  it('does not take UTF-8 for GBK when the sample ends in the middle of a character', () => {
    const utf8 = Buffer.from('姓名,城市\n张三,广州', 'utf8');
    expect(encodingOf(utf8.subarray(0, utf8.length - 1))).toBe('utf-8');
  });

  it('reads tab-separated "Unicode text" (UTF-16 with BOM) and lone CR line ends', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('姓名\t手机号\r张三\t13800000001\r', 'utf-16le')]);
    expect(csvDialectOf(utf16)).toEqual({ encoding: 'utf-16le', delimiter: '\t' });
    expect((await csvRows(utf16, 5)).map((r) => r.cells)).toEqual([
      ['姓名', '手机号'],
      ['张三', '13800000001'],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell and keeps rows with a different number of cells for the caller to judge', async () => {
    const rows = await csvRows(Buffer.from('a,b\n5"4 screen,x\nonly-one\n'));
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b'], ['5"4 screen', 'x'], ['only-one']]);
  });

  it('reports a quote left open with the row it starts in', async () => {
    const err = await csvRows(Buffer.from('a,b\n1,2\n3,"never closed\n4,5\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableError);
    expect((err as TableError).code).toBe('quote');
    expect((err as TableError).row).toBe(3);
  });

  it('streams 50,000 rows without holding them: heap grows by far less than the file', async () => {
    const line = (i: number) => `客户${i},1380${String(i).padStart(7, '0')},user${i}@example.com,vip|新客,广州市天河区某某路${i}号\n`;
    async function* file() {
      yield Buffer.from('name,phone,email,tags,address\n');
      for (let i = 0; i < 50_000; i += 500) yield Buffer.from(Array.from({ length: 500 }, (_, k) => line(i + k)).join(''));
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    let last: Row | undefined;
    for await (const r of readCsvRows(file(), { encoding: 'utf-8', delimiter: ',' })) {
      count += 1;
      last = r;
      if (count % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(50_001);
    expect(last?.row).toBe(50_001);
    // The file is ~4.3 MB of text (~9 MB as JS strings); holding its rows would cost several times that.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('file kinds', () => {
  it('tells .xlsx, old .xls, other zips and binaries from CSV by their bytes', () => {
    expect(formatOf(Buffer.from('name,phone\n'))).toBe('csv');
    expect(formatOf(minimalXlsx([[['a']]]))).toBe('xlsx');
    expect(() => formatOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toThrow(/\.xls/);
    expect(() => formatOf(zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) }))).toThrow(/zip/);
    expect(() => formatOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toThrow(/not text/);
    expect(() => formatOf(new Uint8Array())).toThrow(/empty/);
  });
});

type XCell = string | number | { formula: string; value: number | string } | { date: number } | null;

/**
 * A workbook written as Excel writes one (Office Open XML parts in a zip), so cached formula results,
 * shared strings and date styles are read the way they come from a real file.
 */
function minimalXlsx(sheets: XCell[][][], names = sheets.map((_, i) => `Sheet${i + 1}`)): Uint8Array {
  const strings: string[] = [];
  const sst = (s: string) => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetXml = (rows: XCell[][]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((cells, r) => {
        const xml = cells
          .map((c, i) => {
            const ref = `${col(i)}${r + 1}`;
            if (c === null) return '';
            if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
            if (typeof c === 'string') return `<c r="${ref}" t="s"><v>${sst(c)}</v></c>`;
            if ('date' in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
            return typeof c.value === 'number' ? `<c r="${ref}"><f>${esc(c.formula)}</f><v>${c.value}</v></c>` : `<c r="${ref}" t="str"><f>${esc(c.formula)}</f><v>${esc(c.value)}</v></c>`;
          })
          .join('');
        return xml === '' ? '' : `<row r="${r + 1}">${xml}</row>`;
      })
      .join('')}</sheetData></worksheet>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
  };
  for (const [i, rows] of sheets.entries()) files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(rows));
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
  );
  return zipSync(files);
}

describe('.xlsx', () => {
  it('reads every sheet, formulas as their computed values, long numbers and dates exactly, and skips empty rows but counts them', async () => {
    const book = minimalXlsx(
      [
        [
          ['客户名单 2026-11'],
          ['姓名', '手机号', '生日', '消费合计'],
          ['张三', 13800000001, { date: 33604 }, { formula: 'SUM(10,20.5)', value: 30.5 }],
          [null, null, null, null],
          ['李四', 13800000002, null, { formula: 'CONCAT("a","b")', value: 'ab' }],
        ],
        [
          ['order_id', 'amount'],
          ['A-1', 99.9],
        ],
      ],
      ['客户', '订单'],
    );
    expect(formatOf(book)).toBe('xlsx');
    const sheets = await readXlsxSheets(Buffer.from(book));
    expect(sheets.map((s) => s.name)).toEqual(['客户', '订单']);
    const [customers, orders] = sheets;
    expect(customers!.rows).toEqual([
      { row: 1, cells: ['客户名单 2026-11', '', '', ''] },
      { row: 2, cells: ['姓名', '手机号', '生日', '消费合计'] },
      // 33604 is 1992-01-01 in Excel's 1900 date system.
      { row: 3, cells: ['张三', '13800000001', '1992-01-01', '30.5'] },
      { row: 5, cells: ['李四', '13800000002', '', 'ab'] },
    ]);
    expect(orders!.rows[1]).toEqual({ row: 2, cells: ['A-1', '99.9'] });

    const { header, body } = await withHeader(customers!.rows);
    expect(header?.row).toBe(2);
    expect((await collect(body)).map((r) => r.row)).toEqual([3, 5]);
  });

  it('refuses a damaged workbook with a reason', async () => {
    const book = minimalXlsx([[['a', 'b']]]);
    const err = await readXlsxSheets(Buffer.from(book.subarray(0, book.length / 2))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableError);
  });
});

describe('header', () => {
  it('takes the first row as the header unless it is a lone title over a fuller row', async () => {
    const plain = await withHeader([
      { row: 1, cells: ['name', 'phone'] },
      { row: 2, cells: ['a', '1'] },
    ]);
    expect(plain.header?.cells).toEqual(['name', 'phone']);
    expect((await collect(plain.body)).length).toBe(1);
    const empty = await withHeader([]);
    expect(empty.header).toBeUndefined();
  });
});
