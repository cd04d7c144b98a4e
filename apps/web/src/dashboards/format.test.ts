import { describe, expect, it } from 'vitest';
import { durationText, percentOf } from './format.ts';

describe('dashboard number formats', () => {
  it('percentages with at most one decimal', () => {
    expect(percentOf(0.625)).toBe('62.5');
    expect(percentOf(1 / 3)).toBe('33.3');
    expect(percentOf(1)).toBe('100');
    expect(percentOf(0)).toBe('0');
    expect(percentOf(null)).toBeNull();
  });

  it('durations in minutes, hours or days, in either language', () => {
    expect(durationText(35, 'en')).toBe('35 min');
    expect(durationText(-90, 'en')).toBe('1.5 h');
    expect(durationText(47 * 60, 'zh-CN')).toBe('47 小时');
    expect(durationText(3 * 1440, 'zh-CN')).toBe('3 天');
  });
});
