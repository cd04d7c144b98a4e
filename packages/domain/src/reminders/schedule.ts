import { DateTime } from 'luxon';

/** 'HH:mm', 00:00–23:59. */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(zone: string): boolean {
  return zone.length <= 64 && DateTime.now().setZone(zone).isValid;
}

/**
 * The first instant strictly after `now` when the wall clock in `zone` shows `time`, and that
 * local date. Luxon resolves daylight-saving edges: a time skipped by a spring-forward gap fires at
 * the first valid instant after it (02:30 → 03:30 in New York), and a time repeated at fall-back
 * fires once, at its first occurrence.
 */
export function nextFireTime(time: string, zone: string, now: Date): { at: Date; localDate: string } {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  for (let days = 0; days <= 2; days += 1) {
    const day = local.startOf('day').plus({ days });
    const candidate = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
    if (candidate.toMillis() > now.getTime()) return { at: candidate.toJSDate(), localDate: day.toISODate()! };
  }
  throw new Error(`no ${time} in ${zone} within two days of ${now.toISOString()}`);
}

/** The start and end (exclusive) of a local date in `zone`, as ISO instants. */
export function localDayRange(localDate: string, zone: string): { from: string; to: string } {
  const start = DateTime.fromISO(localDate, { zone }).startOf('day');
  return { from: start.toUTC().toISO()!, to: start.plus({ days: 1 }).toUTC().toISO()! };
}

export function localDateOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}
