/** The encodings a customer file arrives in: what Excel saves ("CSV UTF-8", or GBK on a Chinese Windows). */
export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * Text of a CSV file as the person saved it: UTF-8 (with or without a BOM) when the bytes are valid
 * UTF-8, else GB18030, the superset of GBK and GB2312 that Excel writes on Chinese Windows. Valid UTF-8
 * is very rarely also meaningful GBK, and GBK Chinese text is almost never valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
