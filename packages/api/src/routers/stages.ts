import { saveStages, StageListInput, workspaceStages } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * The workspace's lifecycle stages: everyone reads them (labels in both languages, the funnel's order);
 * ops managers and admins edit the list. Every API accepts a stage by code or label and stores the code.
 */
export const stagesRouter = router({
  list: authedProcedure.query(({ ctx }) => workspaceStages(ctx.db, viewerOf(ctx).workspaceId)),
  save: managerProcedure.input(z.object({ stages: StageListInput })).mutation(({ ctx, input }) => saveStages(ctx, viewerOf(ctx), input.stages)),
});
