import { resolvePeriod } from '@sopline/domain';
import { z } from 'zod';

const MAX_PERIOD_MS = 731 * 86_400_000;
const DAY_MS = 86_400_000;

/** A calendar day in the workspace's zone, or an ISO instant with an offset. */
const Bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a day (YYYY-MM-DD) or an ISO date-time with an offset' });
/** Where a bound falls, ignoring the zone (at most 14 hours off, enough for the checks below); a day as `to` ends with it. */
const roughly = (bound: string, end: boolean) => Date.parse(bound) + (end && bound.length === 10 ? DAY_MS : 0);

/** [from, to): days (read in the workspace zone; `to` included) or instants, at most two years apart. The dashboards and the journeys list share it. */
export const Period = z
  .object({ from: Bound, to: Bound })
  .refine((p) => roughly(p.from, false) < roughly(p.to, true), { message: 'from must be before to', path: ['to'] })
  .refine((p) => roughly(p.to, true) - roughly(p.from, false) <= MAX_PERIOD_MS, { message: 'a period spans at most two years', path: ['to'] });

type Ctx = { session: { workspace: { id: string; timezone: string } } };

/** The workspace and the period as instants, read in the workspace's zone. */
export const scoped = (ctx: Ctx, p: { from: string; to: string }) => ({ workspaceId: ctx.session.workspace.id, ...resolvePeriod(ctx.session.workspace.timezone, p.from, p.to) });

/** The last `days` days up to and including today in the workspace's zone, as [from, to). */
export function lastDaysIn(zone: string, days: number, now: Date = new Date()): { from: Date; to: Date } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const start = new Date(Date.parse(today) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return resolvePeriod(zone, start, today);
}
