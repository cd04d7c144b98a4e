import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';

describe('money', () => {
  it('writes yuan as ¥ in both languages', () => {
    expect(formatMoney(299, 'zh-CN')).toBe('¥299.00');
    expect(formatMoney(1299.5, 'en')).toBe('¥1,299.50');
  });
});
