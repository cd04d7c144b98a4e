import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDayRange, nextFireTime } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('nextFireTime', () => {
  it('fires later today when the time is still ahead, else tomorrow (Asia/Shanghai, UTC+8, no DST)', () => {
    expect(nextFireTime('09:00', 'Asia/Shanghai', at('2026-03-02T00:30:00Z'))).toEqual({ at: at('2026-03-02T01:00:00Z'), localDate: '2026-03-02' });
    expect(nextFireTime('09:00', 'Asia/Shanghai', at('2026-03-02T01:00:00Z'))).toEqual({ at: at('2026-03-03T01:00:00Z'), localDate: '2026-03-03' });
    // 23:30 UTC on the 1st is already 07:30 on the 2nd in Shanghai.
    expect(nextFireTime('09:00', 'Asia/Shanghai', at('2026-03-01T23:30:00Z'))).toEqual({ at: at('2026-03-02T01:00:00Z'), localDate: '2026-03-02' });
  });

  it('keeps 09:00 local across the spring-forward change in New York', () => {
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT. 09:00 on the 7th is 14:00Z, on the 8th 13:00Z.
    const first = nextFireTime('09:00', 'America/New_York', at('2026-03-07T15:00:00Z'));
    expect(first).toEqual({ at: at('2026-03-08T13:00:00Z'), localDate: '2026-03-08' });
    expect(nextFireTime('09:00', 'America/New_York', first.at)).toEqual({ at: at('2026-03-09T13:00:00Z'), localDate: '2026-03-09' });
  });

  it('keeps 09:00 local across the fall-back change in New York', () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST. 09:00 is 13:00Z before and 14:00Z after.
    expect(nextFireTime('09:00', 'America/New_York', at('2026-10-31T14:00:00Z'))).toEqual({ at: at('2026-11-01T14:00:00Z'), localDate: '2026-11-01' });
  });

  it('a time inside the spring-forward gap fires once, at the first valid instant after it', () => {
    const next = nextFireTime('02:30', 'America/New_York', at('2026-03-08T05:00:00Z'));
    expect(next.localDate).toBe('2026-03-08');
    expect(next.at).toEqual(at('2026-03-08T07:30:00Z')); // 03:30 EDT
  });

  it('a time repeated at fall-back fires once that day', () => {
    const first = nextFireTime('01:30', 'America/New_York', at('2026-11-01T04:00:00Z'));
    // Luxon resolves the ambiguous 01:30 to its second occurrence (EST); either way, only one.
    expect(first).toEqual({ at: at('2026-11-01T06:30:00Z'), localDate: '2026-11-01' });
    expect(nextFireTime('01:30', 'America/New_York', first.at).localDate).toBe('2026-11-02');
  });

  it('always lands strictly after now, within 25 hours, on the wall-clock time asked for', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(...zones), (now, h, m, zone) => {
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const next = nextFireTime(time, zone, new Date(now));
        expect(next.at.getTime()).toBeGreaterThan(now);
        expect(next.at.getTime() - now).toBeLessThanOrEqual(25 * 3_600_000);
        const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next.at);
        // Equal, except inside a DST gap, where it moves forward by the gap.
        if (local !== time) expect(local > time).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('localDayRange', () => {
  it('is the local calendar day, 23 hours long on the spring-forward day', () => {
    expect(localDayRange('2026-03-02', 'Asia/Shanghai')).toEqual({ from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' });
    const { from, to } = localDayRange('2026-03-08', 'America/New_York');
    expect(Date.parse(to) - Date.parse(from)).toBe(23 * 3_600_000);
  });
});
