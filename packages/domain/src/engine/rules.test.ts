import { describe, expect, it } from 'vitest';
import { applyQuietHours, capWindows } from './rules.ts';

const SH = 'Asia/Shanghai';

describe('quiet hours', () => {
  it('moves a task due at night to the end of the quiet window, across midnight', () => {
    // 23:30 Shanghai on 2 March → 09:00 on 3 March.
    expect(applyQuietHours(new Date('2026-03-02T15:30:00Z'), SH, '21:00', '09:00').toISOString()).toBe('2026-03-03T01:00:00.000Z');
    // 06:00 Shanghai → 09:00 the same day.
    expect(applyQuietHours(new Date('2026-03-01T22:00:00Z'), SH, '21:00', '09:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });

  it('leaves a daytime task alone, and the window end itself is allowed', () => {
    const noon = new Date('2026-03-02T04:00:00Z');
    expect(applyQuietHours(noon, SH, '21:00', '09:00')).toEqual(noon);
    const nine = new Date('2026-03-02T01:00:00Z');
    expect(applyQuietHours(nine, SH, '21:00', '09:00')).toEqual(nine);
  });

  it('handles a window inside one day (12:00–14:00 lunch break)', () => {
    expect(applyQuietHours(new Date('2026-03-02T04:30:00Z'), SH, '12:00', '14:00').toISOString()).toBe('2026-03-02T06:00:00.000Z');
  });

  it('does nothing when quiet hours are unset or malformed', () => {
    const t = new Date('2026-03-02T15:30:00Z');
    expect(applyQuietHours(t, SH, null, null)).toEqual(t);
    expect(applyQuietHours(t, SH, '25:00', '09:00')).toEqual(t);
  });
});

describe('frequency cap windows', () => {
  it('are the local day and ISO week containing the time', () => {
    const w = capWindows(new Date('2026-03-04T17:00:00Z'), SH); // Thursday 01:00 Shanghai
    expect(w.day).toEqual(['2026-03-04T16:00:00.000Z', '2026-03-05T16:00:00.000Z']);
    expect(w.week).toEqual(['2026-03-01T16:00:00.000Z', '2026-03-08T16:00:00.000Z']);
  });
});
