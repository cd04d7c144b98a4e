import { journeyConversion, nodeCounts, overdueByRep, resolvePeriod, segmentCounts, stageFunnel, taskCompletion } from '@sopline/domain';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';

const Id = z.string().min(1).max(64);
const MAX_PERIOD_MS = 731 * 86_400_000;
const DAY_MS = 86_400_000;

/** A calendar day in the workspace's zone, or an ISO instant with an offset. */
const Bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a day (YYYY-MM-DD) or an ISO date-time with an offset' });
/** Where a bound falls, ignoring the zone (at most 14 hours off, enough for the checks below); a day as `to` ends with it. */
const roughly = (bound: string, end: boolean) => Date.parse(bound) + (end && bound.length === 10 ? DAY_MS : 0);

/** [from, to): days (read in the workspace zone; `to` included) or instants, at most two years apart. */
const Period = z
  .object({ from: Bound, to: Bound })
  .refine((p) => roughly(p.from, false) < roughly(p.to, true), { message: 'from must be before to', path: ['to'] })
  .refine((p) => roughly(p.to, true) - roughly(p.from, false) <= MAX_PERIOD_MS, { message: 'a period spans at most two years', path: ['to'] });

type Ctx = { session: { workspace: { id: string; timezone: string } } };
const scoped = (ctx: Ctx, p: { from: string; to: string }) => ({ workspaceId: ctx.session.workspace.id, ...resolvePeriod(ctx.session.workspace.timezone, p.from, p.to) });

/** Dashboards for ops managers and admins. */
export const analyticsRouter = router({
  /** Per node of a version (default: live): customers who entered, waiting now, and exited there. */
  nodeCounts: managerProcedure
    .input(z.object({ journeyId: Id, versionId: Id.optional() }))
    .query(({ ctx, input }) => nodeCounts(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.journeyId, versionId: input.versionId })),

  /** Stages now, stage changes in the period, and conversion between consecutive `stages` (default: retail). */
  stageFunnel: managerProcedure
    .input(Period.and(z.object({ stages: z.array(z.string().trim().min(1).max(64)).min(2).max(20).optional() })))
    .query(({ ctx, input }) => stageFunnel(ctx.deps, { ...scoped(ctx, input), stages: input.stages })),

  /** Per rep: tasks due in the period and what became of them. */
  taskCompletion: managerProcedure.input(Period).query(({ ctx, input }) => taskCompletion(ctx.deps, scoped(ctx, input))),

  /** Per published journey: customers who entered in the period and how many reached its goal. */
  journeyConversion: managerProcedure.input(Period).query(({ ctx, input }) => journeyConversion(ctx.deps, scoped(ctx, input))),

  /** Per rep, now: open tasks past due (the 'remind' list). */
  overdueByRep: managerProcedure.query(({ ctx }) => overdueByRep(ctx.deps, { workspaceId: ctx.session.workspace.id })),

  /** Dormant and churned customers now, and the tags a win-back enrolment filters on. */
  segments: managerProcedure.query(({ ctx }) => segmentCounts(ctx.deps, { workspaceId: ctx.session.workspace.id })),
});
