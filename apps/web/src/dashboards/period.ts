/** A dashboard period: calendar days in the workspace's zone, both included. */
export type Period = { from: string; to: string };
export type Preset = '7' | '30' | '90' | 'custom';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date 'YYYY-MM-DD' in the zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last `days` days up to and including today. */
export function lastDays(days: number, zone: string, now: Date = new Date()): Period {
  const to = todayIn(zone, now);
  return { from: addDays(to, -(days - 1)), to };
}

/** Why a custom period cannot be used, or null when it can (the server allows up to two years). */
export function periodProblem(p: Period): 'missing' | 'order' | 'too-long' | null {
  if (!DAY_RE.test(p.from) || !DAY_RE.test(p.to) || Number.isNaN(Date.parse(p.from)) || Number.isNaN(Date.parse(p.to))) return 'missing';
  if (p.from > p.to) return 'order';
  if (Date.parse(p.to) - Date.parse(p.from) > 730 * 86_400_000) return 'too-long';
  return null;
}

/** 'sopline-funnel-2025-03-01_2025-03-31.csv' */
export function csvName(chart: string, p: Period): string {
  return `sopline-${chart}-${p.from}_${p.to}.csv`;
}
