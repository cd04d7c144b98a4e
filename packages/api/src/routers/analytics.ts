import { journeyConversion, nodeCounts, overdueByRep, segmentCounts, stageFunnel, taskCompletion } from '@sopline/domain';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';
import { Period, scoped } from './period.ts';

const Id = z.string().min(1).max(64);

/** Dashboards for ops managers and admins. */
export const analyticsRouter = router({
  /** Per node of a version (default: live): customers who entered, waiting now, and exited there. */
  nodeCounts: managerProcedure
    .input(z.object({ journeyId: Id, versionId: Id.optional() }))
    .query(({ ctx, input }) => nodeCounts(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.journeyId, versionId: input.versionId })),

  /** Customers per stage now, and per stage of the funnel (`stages`, default: the workspace's) who passed through it in the period and moved on (docs/analytics.md). */
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
