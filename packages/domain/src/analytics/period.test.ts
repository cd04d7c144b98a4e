import { describe, expect, it } from 'vitest';
import { resolvePeriod } from './period.ts';

describe('resolvePeriod', () => {
  it('reads days in the workspace zone and includes the whole last day', () => {
    const p = resolvePeriod('Asia/Shanghai', '2025-03-01', '2025-03-31');
    expect(p.from.toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('takes instants as they are, and one day is a 24-hour period (23 on a DST day)', () => {
    expect(resolvePeriod('UTC', '2025-03-01T08:00:00+08:00', '2025-03-02T00:00:00Z')).toEqual({ from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-03-02T00:00:00Z') });
    const one = resolvePeriod('Europe/Berlin', '2025-03-30', '2025-03-30');
    expect((one.to.getTime() - one.from.getTime()) / 3_600_000).toBe(23);
  });
});
