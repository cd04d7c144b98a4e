/** The file kinds we read: text with separators, or an Office Open XML workbook. */
export type Format = 'csv' | 'xlsx';
/** What a CSV's bytes are in: UTF-8 (with or without BOM), Excel's "Unicode text", or GB18030 (a superset of GBK and GB2312). */
export type Encoding = 'utf-8' | 'utf-16le' | 'gb18030';

/** Why a file cannot be read at all; `code` is stable for callers that translate it. */
export class UnreadableFile extends Error {
  readonly code: 'xls' | 'zip' | 'binary' | 'empty';
  constructor(code: UnreadableFile['code'], message: string) {
    super(message);
    this.code = code;
  }
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Tells an .xlsx from a CSV by its first bytes, never by its name alone (people rename files). The old
 * binary .xls (an OLE container) and other zip files are refused with a reason.
 */
export function formatOf(head: Uint8Array, fileName = ''): Format {
  if (head.length === 0) throw new UnreadableFile('empty', 'The file is empty');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new UnreadableFile('xls', 'The file is an old Excel .xls workbook');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // An .xlsx is a zip whose parts include xl/workbook.xml; the name shows up in the first local headers.
    const text = new TextDecoder('latin1').decode(head.subarray(0, Math.min(head.length, 64 * 1024)));
    if (text.includes('[Content_Types].xml') || text.includes('xl/') || /\.xlsx$/i.test(fileName)) return 'xlsx';
    throw new UnreadableFile('zip', 'The file is a zip archive, not a spreadsheet');
  }
  if (encodingOf(head) !== 'utf-16le' && head.subarray(0, 4096).includes(0)) throw new UnreadableFile('binary', 'The file is not text');
  return 'csv';
}

/**
 * The encoding of a CSV from a sample of its first bytes: a BOM decides; otherwise bytes that are
 * valid UTF-8 are UTF-8, and anything else is taken as GB18030 — what Excel and WPS save as "CSV"
 * on a Chinese Windows. A multi-byte character cut off at the end of the sample does not count.
 */
export function encodingOf(sample: Uint8Array): Encoding {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(sample, [0xff, 0xfe])) return 'utf-16le';
  let end = sample.length;
  // Step back over an incomplete UTF-8 sequence at the very end (at most 3 continuation bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const b = sample[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * The separator of a CSV from its first line: the one of comma, tab and semicolon that occurs most
 * outside quotes (Excel's "Unicode text" uses tabs, European locales semicolons); comma on a tie.
 */
export function delimiterOf(firstLine: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}
