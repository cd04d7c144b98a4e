/**
 * One clock for people: every time the UI shows or takes is read in the signed-in person's zone (their
 * own, else the workspace's), never silently in the browser's. The session gate sets the zone once the
 * user is known (`setClockZone`), before any page renders; when the browser's zone differs, times carry
 * the zone's name so nobody mistakes 09:00 Shanghai for 09:00 where the laptop is.
 */

let zone: string | undefined;

/** The browser's own zone (only ever a fallback before sign-in, and the default of a zone picker). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function setClockZone(next: string | undefined): void {
  zone = next;
}

/** The zone times are read in now. */
export function clockZone(): string {
  return zone ?? browserZone();
}

/** Whether the clock's zone reads differently from the browser's right now (so times need a label). */
export function zoneDiffers(at = new Date(), z = clockZone()): boolean {
  if (z === browserZone()) return false;
  const w = wallClock(at.getTime(), z);
  const b = wallClock(at.getTime(), browserZone());
  return w.hour !== b.hour || w.minute !== b.minute || w.day !== b.day;
}

/** The zone's name in the user's language: 中国时间 / China Time, 洛杉矶时间 / PT. */
export function zoneLabel(lang: string, z = clockZone(), at = new Date()): string {
  const name = (style: 'shortGeneric' | 'short') =>
    new Intl.DateTimeFormat(lang, { timeZone: z, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  try {
    return name('shortGeneric') ?? name('short') ?? z;
  } catch {
    return z;
  }
}

export type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

/** The wall-clock reading of `ms` in `z` (weekday: 0 = Sunday). */
export function wallClock(ms: number, z: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: z,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const w = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
  return { ...w, weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() };
}

function offsetAt(ms: number, z: string): number {
  const w = wallClock(ms, z);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which `z` reads the given wall-clock time (day may overflow the month). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, z: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, z);
  const second = guess - offsetAt(first, z);
  return new Date(second);
}

/** Calendar days from `now`'s day to `at`'s day, both read in `z` (0 = today, 1 = tomorrow, -3 = three days ago). */
export function dayOffset(at: Date, now: Date, z: string): number {
  const a = wallClock(at.getTime(), z);
  const b = wallClock(now.getTime(), z);
  return Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000);
}

const valid = (iso: string | null | undefined): Date | null => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

const withZone = (text: string, lang: string, z: string, at: Date, label: boolean | undefined) =>
  (label ?? zoneDiffers(at, z)) ? `${text} ${zoneLabel(lang, z, at)}` : text;

type Options = { zone?: string; now?: Date; /** force the zone name on (true) or off (false); default: when it differs from the browser's */ label?: boolean };

/** A date and time in the clock's zone, 24-hour: 2026年12月1日 14:05 / Dec 1, 2026, 14:05. */
export function formatDateTime(iso: string | null | undefined, lang: string, options: Options = {}): string {
  const d = valid(iso);
  if (!d) return iso ? iso : '—';
  const z = options.zone ?? clockZone();
  const text = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: z }).format(d);
  return withZone(text, lang, z, d, options.label);
}

/** The time of day alone in the clock's zone: 09:00. */
export function formatTime(iso: string, lang: string, options: Options = {}): string {
  const d = new Date(iso);
  const z = options.zone ?? clockZone();
  return withZone(new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: z }).format(d), lang, z, d, options.label);
}

/**
 * A moment as people say it on a card: 今天 09:00, 明天 09:00, 昨天 18:30, 周四 09:00 (this week ahead),
 * 3天前 (this week past), else 12月9日 09:00 — read in the clock's zone, labelled when that is not the browser's.
 */
export function formatRelativeDay(iso: string, lang: string, options: Options = {}): string {
  const d = valid(iso);
  if (!d) return '—';
  const z = options.zone ?? clockZone();
  const now = options.now ?? new Date();
  const days = dayOffset(d, now, z);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: z }).format(d);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  let text: string;
  if (days >= -1 && days <= 1) text = `${rtf.format(days, 'day')} ${time}`;
  else if (days > 1 && days < 7) text = `${new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: z }).format(d)} ${time}`;
  else if (days < -1 && days > -7) text = rtf.format(days, 'day');
  else {
    const sameYear = wallClock(d.getTime(), z).year === wallClock(now.getTime(), z).year;
    text = new Intl.DateTimeFormat(lang, { ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: z }).format(d);
  }
  return withZone(text, lang, z, d, options.label);
}

/** The value of an <input type="datetime-local"> for `at` in `z` (yyyy-mm-ddThh:mm). */
export function toLocalInput(at: Date, z = clockZone()): string {
  const w = wallClock(at.getTime(), z);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}

/** The instant an <input type="datetime-local"> value names when read in `z`; null when it is not one. */
export function fromLocalInput(value: string, z = clockZone()): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const at = zonedInstant(year, month, day, hour, minute, z);
  // 2026-02-31 is not a day: the instant must read back as what was typed.
  const back = wallClock(at.getTime(), z);
  return back.month === month && back.day === day ? at : null;
}
