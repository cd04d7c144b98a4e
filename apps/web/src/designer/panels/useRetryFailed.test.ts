import { describe, expect, it } from 'vitest';
import { failuresStrings } from '../strings/failures.ts';
import { chunks, resultLines } from './useRetryFailed.ts';

describe('retrying failed customers', () => {
  it('goes in calls of ten, in order, none empty', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `e${i}`);
    const parts = chunks(ids);
    expect(parts.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(parts.flat()).toEqual(ids);
    expect(chunks([])).toEqual([]);
  });

  it('says what came of it: retried or skipped, failed again, already gone on — only the lines that apply', () => {
    expect(resultLines({ retried: 3, stillFailed: 0, notFailed: 0 }, false)).toEqual([{ key: 'designer.failures.result.retried', count: 3 }]);
    expect(resultLines({ retried: 2, stillFailed: 0, notFailed: 0 }, true)).toEqual([{ key: 'designer.failures.result.skipped', count: 2 }]);
    expect(resultLines({ retried: 0, stillFailed: 2, notFailed: 1 }, false)).toEqual([
      { key: 'designer.failures.result.stillFailed', count: 2 },
      { key: 'designer.failures.result.notFailed', count: 1 },
    ]);
  });

  it('every failure code has a short label in both languages, and the Chinese ones carry no English', () => {
    const codes = ['node-type-missing', 'config-invalid', 'gone', 'node-failed', 'transient-exhausted', 'unknown'] as const;
    for (const code of codes) {
      expect(failuresStrings.en.failures.codes[code]).toMatch(/\w/);
      expect(failuresStrings['zh-CN'].failures.codes[code]).not.toMatch(/[A-Za-z]/);
    }
    const leaves = (o: object): string[] => Object.values(o).flatMap((v: unknown) => (typeof v === 'string' ? [v] : leaves(v as object)));
    const zh = leaves(failuresStrings['zh-CN']).map((v) => v.replace(/\{\{\w+\}\}/g, ''));
    expect(zh.length).toBe(leaves(failuresStrings.en).length);
    expect(zh.filter((v) => /[A-Za-z]/.test(v))).toEqual([]);
  });
});
