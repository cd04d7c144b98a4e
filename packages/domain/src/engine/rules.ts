import { DateTime } from 'luxon';

function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Quiet hours: a task never falls due between `start` and `end` (local, in `zone`; the window may
 * span midnight, e.g. 21:00–09:00). A due time inside the window moves to its end.
 */
export function applyQuietHours(due: Date, zone: string, start: string | null, end: string | null): Date {
  const s = start ? minutesOf(start) : null;
  const e = end ? minutesOf(end) : null;
  if (s === null || e === null || s === e) return due;
  const local = DateTime.fromJSDate(due, { zone });
  const minute = local.hour * 60 + local.minute;
  const quiet = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!quiet) return due;
  let target = local.set({ hour: Math.floor(e / 60), minute: e % 60, second: 0, millisecond: 0 });
  if (target <= local) target = target.plus({ days: 1 });
  return target.toJSDate();
}

/** The local day and ISO week containing `at`, as UTC ISO bounds, for the frequency cap. */
export function capWindows(at: Date, zone: string): { day: [string, string]; week: [string, string] } {
  const local = DateTime.fromJSDate(at, { zone });
  const day = local.startOf('day');
  const week = local.startOf('week');
  return {
    day: [day.toUTC().toISO()!, day.plus({ days: 1 }).toUTC().toISO()!],
    week: [week.toUTC().toISO()!, week.plus({ weeks: 1 }).toUTC().toISO()!],
  };
}

export function isValidZone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}
