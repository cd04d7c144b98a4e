import { DateTime } from 'luxon';

/** A calendar day 'YYYY-MM-DD' (read in the workspace zone) or an ISO instant with an offset. */
export type PeriodBound = string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resolves a dashboard period to [from, to) instants. Days are read in the workspace's zone, and a
 * day as `to` includes that whole day, so { from: '2025-03-01', to: '2025-03-31' } is all of March.
 */
export function resolvePeriod(zone: string, from: PeriodBound, to: PeriodBound): { from: Date; to: Date } {
  const at = (value: string, end: boolean) => {
    if (!DAY_RE.test(value)) return new Date(value);
    const day = DateTime.fromISO(value, { zone }).startOf('day');
    return (end ? day.plus({ days: 1 }) : day).toJSDate();
  };
  return { from: at(from, false), to: at(to, true) };
}
