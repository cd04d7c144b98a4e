import { describe, expect, it } from 'vitest';
import { decodeCsv } from './csvFile.ts';

describe('decodeCsv', () => {
  it('reads UTF-8, with or without the BOM Excel writes', () => {
    const utf8 = new TextEncoder().encode('姓名,手机\r\n王女士,13800000001\r\n');
    expect(decodeCsv(utf8)).toEqual({ text: '姓名,手机\r\n王女士,13800000001\r\n', encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsv(withBom).text.startsWith('姓名')).toBe(true);
  });

  it('falls back to GB18030 for a file Excel saved as GBK on Chinese Windows', () => {
    // 客户,手机 in GBK: 客 BF CD, 户 BB A7, 手 CA D6, 机 BB FA.
    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0d, 0x0a]);
    expect(decodeCsv(gbk)).toEqual({ text: '客户,手机\r\n', encoding: 'gb18030' });
  });
});
