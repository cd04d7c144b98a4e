import { describe, expect, it } from 'vitest';
import { formatRelative, formatWhen } from './format.ts';

describe('localised dates', () => {
  const now = Date.parse('2026-03-02T02:00:00.000Z');
  it('says how far away a time is in the largest unit that fits, in both languages', () => {
    expect(formatRelative('2026-03-05T02:00:00.000Z', 'en', now)).toBe('in 3 days');
    expect(formatRelative('2026-03-05T02:00:00.000Z', 'zh-CN', now)).toBe('3天后');
    expect(formatRelative('2026-03-02T01:55:00.000Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative(null, 'en', now)).toBe('');
  });
  it('formats a date and time, and survives bad input', () => {
    expect(formatWhen('2026-03-02T02:00:00.000Z', 'en')).toMatch(/2026/);
    expect(formatWhen(null, 'en')).toBe('—');
    expect(formatWhen('not a date', 'en')).toBe('not a date');
  });
});
