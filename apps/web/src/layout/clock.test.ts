import { afterEach, describe, expect, it } from 'vitest';
import { browserZone, clockZone, dayOffset, formatDateTime, formatRelativeDay, formatTime, fromLocalInput, setClockZone, toLocalInput, zoneDiffers, zoneLabel } from './clock.ts';

// Monday 2026-12-07 10:00 in Shanghai.
const now = new Date('2026-12-07T02:00:00Z');
const SH = 'Asia/Shanghai';

describe('one clock', () => {
  afterEach(() => setClockZone(undefined));

  it('reads times in the zone it is given, not the browser’s (the tests run in UTC)', () => {
    setClockZone(SH);
    expect(clockZone()).toBe(SH);
    // 09:00 in Shanghai is 01:00 UTC: the card must say 09:00.
    expect(formatTime('2026-12-08T01:00:00Z', 'zh-CN', { label: false })).toBe('09:00');
    expect(formatDateTime('2026-12-08T01:00:00Z', 'zh-CN', { label: false })).toBe('2026年12月8日 09:00');
  });

  it('names the zone next to the time when it differs from the browser’s', () => {
    setClockZone(SH);
    expect(zoneDiffers(now, browserZone())).toBe(false);
    expect(zoneDiffers(now, 'Pacific/Kiritimati')).toBe(browserZone() !== 'Pacific/Kiritimati');
    expect(formatTime('2026-12-08T01:00:00Z', 'zh-CN', { label: true })).toBe(`09:00 ${zoneLabel('zh-CN', SH)}`);
    expect(zoneLabel('zh-CN', SH)).toMatch(/中国/);
    expect(zoneLabel('en', SH)).toMatch(/China|GMT\+8/);
  });

  it('counts calendar days in the zone', () => {
    // 23:30 in Shanghai on the 7th is still the 7th there, though it is the 7th 15:30 in UTC.
    expect(dayOffset(new Date('2026-12-07T15:30:00Z'), now, SH)).toBe(0);
    // 00:30 on the 8th in Shanghai is tomorrow there, still the 7th in UTC.
    expect(dayOffset(new Date('2026-12-07T16:30:00Z'), now, SH)).toBe(1);
    expect(dayOffset(new Date('2026-12-07T16:30:00Z'), now, 'UTC')).toBe(0);
  });

  it('says days the way people do', () => {
    const rel = (iso: string, lang = 'zh-CN') => formatRelativeDay(iso, lang, { zone: SH, now, label: false });
    expect(rel('2026-12-07T01:00:00Z')).toBe('今天 09:00');
    expect(rel('2026-12-08T01:00:00Z')).toBe('明天 09:00');
    expect(rel('2026-12-06T10:30:00Z')).toBe('昨天 18:30');
    expect(rel('2026-12-04T01:00:00Z')).toBe('3天前');
    expect(rel('2026-12-10T01:00:00Z')).toMatch(/^周四 09:00$/);
    expect(rel('2026-12-25T01:00:00Z')).toBe('12月25日 09:00');
    expect(rel('2027-01-25T01:00:00Z')).toMatch(/^2027年1月25日 09:00$/);
    expect(rel('2026-12-08T01:00:00Z', 'en')).toBe('tomorrow 09:00');
    expect(rel('2026-12-04T01:00:00Z', 'en')).toBe('3 days ago');
  });

  it('takes a typed date and time in the zone, and refuses one that does not exist', () => {
    expect(fromLocalInput('2026-12-08T09:00', SH)?.toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(toLocalInput(new Date('2026-12-08T01:00:00Z'), SH)).toBe('2026-12-08T09:00');
    expect(fromLocalInput('2026-02-31T09:00', SH)).toBeNull();
    expect(fromLocalInput('tomorrow', SH)).toBeNull();
    expect(fromLocalInput('2026-12-08T25:00', SH)).toBeNull();
  });
});
