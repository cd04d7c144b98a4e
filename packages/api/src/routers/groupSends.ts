import { cancelGroupSendAs, EntityId, groupSendCandidates, listGroupSends, planGroupSend, refreshGroupSend, remindGroupSendAs, startGroupSend } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

const tasks = z.object({ taskIds: z.array(EntityId).min(1).max(10_000) });
const one = z.object({ id: EntityId });

/**
 * WeCom group sends from the inbox (企业群发): the groups of today's tasks that share one script,
 * a preview of who gets it and who not and why, the send itself (the rep confirms it in WeCom),
 * and the rep's recent sends with each customer's result, to refresh, remind or cancel.
 * Reps act on their own tasks and sends; managers on anyone's in the workspace.
 */
export const groupSendsRouter = router({
  candidates: authedProcedure.query(({ ctx }) => groupSendCandidates(ctx.deps, viewerOf(ctx))),
  list: authedProcedure.input(z.object({ ownerId: EntityId.optional() }).prefault({})).query(({ ctx, input }) => listGroupSends(ctx.deps, viewerOf(ctx), input)),
  preview: authedProcedure.input(tasks).query(async ({ ctx, input }) => {
    const plan = await planGroupSend(ctx.deps.db, viewerOf(ctx), input.taskIds);
    return { content: plan.content, recipients: plan.recipients.map(({ externalUserId: _hidden, ...who }) => who), excluded: plan.excluded };
  }),
  start: authedProcedure.input(tasks).mutation(({ ctx, input }) => startGroupSend(ctx.deps, viewerOf(ctx), input)),
  refresh: authedProcedure.input(one).mutation(({ ctx, input }) => refreshGroupSend(ctx.deps, viewerOf(ctx), input.id)),
  remind: authedProcedure.input(one).mutation(({ ctx, input }) => remindGroupSendAs(ctx.deps, viewerOf(ctx), input.id)),
  cancel: authedProcedure.input(one).mutation(({ ctx, input }) => cancelGroupSendAs(ctx.deps, viewerOf(ctx), input.id)),
});
