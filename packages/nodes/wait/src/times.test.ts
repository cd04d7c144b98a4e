import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextDateOccurrence, nextWeekdayTime } from './times.ts';

const zones = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC');
const instants = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const times = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const WEEK = 7 * 24 * 3600 * 1000;

describe('time arithmetic', () => {
  it('nextWeekdayTime lands on a chosen weekday, strictly after now, within a week', () => {
    fc.assert(
      fc.property(instants, zones, fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), times, (now, zone, weekdays, time) => {
        const at = nextWeekdayTime(now, zone, weekdays, time);
        const local = DateTime.fromJSDate(at, { zone });
        expect(at.getTime()).toBeGreaterThan(now.getTime());
        expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(WEEK + 3600_000);
        expect(weekdays).toContain(local.weekday);
      }),
    );
  });

  it('a yearly date occurrence is ahead of now and at most about two years away', () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: -365, max: 365 }), (now, zone, month, day, offsetDays) => {
        const at = nextDateOccurrence(now, zone, { year: null, month, day }, { offsetDays, time: '10:00', yearly: true });
        expect(at).not.toBeNull();
        expect(at!.getTime()).toBeGreaterThan(now.getTime());
        expect(at!.getTime() - now.getTime()).toBeLessThan(2 * 366 * 24 * 3600 * 1000);
      }),
    );
  });
});
