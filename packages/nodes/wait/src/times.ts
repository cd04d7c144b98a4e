import { DateTime } from 'luxon';

export type Unit = 'minutes' | 'hours' | 'days' | 'weeks';

/** An unknown zone falls back to UTC rather than producing invalid dates. */
function safeZone(zone: string): string {
  return DateTime.now().setZone(zone).isValid ? zone : 'utc';
}

/** `now` seen in `zone`. */
export function zoned(now: Date, zone: string): DateTime {
  return DateTime.fromJSDate(now, { zone: safeZone(zone) });
}

function hourMinute(time: string): { hour: number; minute: number } {
  const [h, m] = time.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** Calendar arithmetic in the zone: "3 days" keeps the wall-clock time across a DST change. */
export function afterDuration(now: Date, zone: string, amount: number, unit: Unit): Date {
  return zoned(now, zone).plus({ [unit]: amount }).toJSDate();
}

/** The first moment strictly after `now` that falls on one of `weekdays` (ISO, Monday = 1) at `time`. */
export function nextWeekdayTime(now: Date, zone: string, weekdays: number[], time: string): Date {
  const today = zoned(now, zone).startOf('day');
  for (let d = 0; d <= 7; d += 1) {
    const candidate = today.plus({ days: d }).set(hourMinute(time));
    if (weekdays.includes(candidate.weekday) && candidate.toMillis() > now.getTime()) return candidate.toJSDate();
  }
  // Unreachable with at least one weekday: the same weekday next week is always later.
  throw new Error(`no weekday in ${JSON.stringify(weekdays)}`);
}

export type CalendarDate = { year: number | null; month: number; day: number };

/**
 * Reads a date property: '1990-05-17', a year-less '05-17' / '--05-17', or an ISO date-time
 * (an instant, whose calendar date is taken in `zone`). Anything else is null.
 */
export function parseDateProperty(value: unknown, zone: string): CalendarDate | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const s = value.trim();
  const monthDay = /^-{0,2}(\d{2})-(\d{2})$/.exec(s);
  if (monthDay) {
    const probe = DateTime.fromObject({ year: 2000, month: Number(monthDay[1]), day: Number(monthDay[2]) });
    return probe.isValid ? { year: null, month: probe.month, day: probe.day } : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const parsed = DateTime.fromISO(s, { zone: safeZone(zone) });
  return parsed.isValid ? { year: parsed.year, month: parsed.month, day: parsed.day } : null;
}

export type DateRule = { offsetDays: number; time: string; yearly: boolean };

/**
 * The next moment after `now` that is `offsetDays` from the date, at `time` in `zone`. Yearly rules
 * take this year's or next year's anniversary (29 Feb becomes 28 Feb in other years); a one-off date
 * that has already passed gives null.
 */
export function nextDateOccurrence(now: Date, zone: string, date: CalendarDate, rule: DateRule): Date | null {
  const local = zoned(now, zone);
  const at = (year: number) => {
    const month = DateTime.fromObject({ year, month: date.month }, { zone: local.zone });
    const day = Math.min(date.day, month.daysInMonth ?? 28);
    return DateTime.fromObject({ year, month: date.month, day, ...hourMinute(rule.time) }, { zone: local.zone }).plus({ days: rule.offsetDays });
  };
  if (!rule.yearly) {
    if (date.year === null) return null;
    const once = at(date.year);
    return once.toMillis() > now.getTime() ? once.toJSDate() : null;
  }
  // An offset of up to a year can pull last year's anniversary into this year, or push next year's back.
  for (let year = local.year - 1; year <= local.year + 2; year += 1) {
    const candidate = at(year);
    if (candidate.toMillis() > now.getTime()) return candidate.toJSDate();
  }
  return null;
}
