import { describe, expect, it } from 'vitest';
import { addDays, csvName, lastDays, periodProblem, todayIn } from './period.ts';

describe('dashboard periods', () => {
  it("takes today in the workspace's zone, not the browser's", () => {
    const now = new Date('2025-03-31T17:00:00Z'); // already 1 April in Shanghai
    expect(todayIn('Asia/Shanghai', now)).toBe('2025-04-01');
    expect(todayIn('America/New_York', now)).toBe('2025-03-31');
    expect(lastDays(7, 'Asia/Shanghai', now)).toEqual({ from: '2025-03-26', to: '2025-04-01' });
    expect(lastDays(1, 'UTC', now)).toEqual({ from: '2025-03-31', to: '2025-03-31' });
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('says what is wrong with a custom period', () => {
    expect(periodProblem({ from: '2025-03-01', to: '2025-03-31' })).toBeNull();
    expect(periodProblem({ from: '2025-03-01', to: '2025-03-01' })).toBeNull();
    expect(periodProblem({ from: '', to: '2025-03-31' })).toBe('missing');
    expect(periodProblem({ from: '2025-04-01', to: '2025-03-31' })).toBe('order');
    expect(periodProblem({ from: '2020-01-01', to: '2025-03-31' })).toBe('too-long');
    expect(csvName('funnel', { from: '2025-03-01', to: '2025-03-31' })).toBe('sopline-funnel-2025-03-01_2025-03-31.csv');
  });
});
