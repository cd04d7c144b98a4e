import { nodeCounts, stageFunnel, taskCompletion } from '@sopline/domain';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';

const Id = z.string().min(1).max(64);
const MAX_PERIOD_MS = 731 * 86_400_000;

/** [from, to): ISO instants with an offset, at most two years apart. */
const Period = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), { message: 'from must be before to', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_PERIOD_MS, { message: 'a period spans at most two years', path: ['to'] });

/** Dashboards for ops managers and admins. */
export const analyticsRouter = router({
  /** Per node of a version (default: live): customers who entered, waiting now, and exited there. */
  nodeCounts: managerProcedure
    .input(z.object({ journeyId: Id, versionId: Id.optional() }))
    .query(({ ctx, input }) => nodeCounts(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.journeyId, versionId: input.versionId })),

  /** Stages now, stage changes in the period, and conversion between consecutive `stages` (default: retail). */
  stageFunnel: managerProcedure
    .input(Period.and(z.object({ stages: z.array(z.string().trim().min(1).max(64)).min(2).max(20).optional() })))
    .query(({ ctx, input }) => stageFunnel(ctx.deps, { workspaceId: ctx.session.workspace.id, from: new Date(input.from), to: new Date(input.to), stages: input.stages })),

  /** Per rep: tasks due in the period and what became of them. */
  taskCompletion: managerProcedure
    .input(Period)
    .query(({ ctx, input }) => taskCompletion(ctx.deps, { workspaceId: ctx.session.workspace.id, from: new Date(input.from), to: new Date(input.to) })),
});
