import { describe, expect, it } from 'vitest';
import { splitList } from './errors.ts';

describe('splitList', () => {
  it('splits on ASCII and full-width commas and spaces, dropping blanks', () => {
    expect(splitList('138, 139，140  141,,')).toEqual(['138', '139', '140', '141']);
    expect(splitList('  ')).toEqual([]);
  });
});
