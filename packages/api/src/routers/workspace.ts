import { getWorkspaceSettings, onboardingOf, removeDemoData, updateWorkspaceSettings, WorkspaceSettingsPatch } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/** The signed-in user's workspace: name, time zone, quiet hours, frequency caps. Managers read; admins change. */
export const workspaceRouter = router({
  get: managerProcedure.query(({ ctx }) => getWorkspaceSettings(ctx.deps, viewerOf(ctx))),
  /** The first-day checklist: which steps the workspace has taken (each ticks itself). */
  onboarding: managerProcedure.query(({ ctx }) => onboardingOf(ctx, viewerOf(ctx))),
  /** Only the fields given change; quiet hours are both times or both null; caps 1–50 or null. */
  update: adminProcedure.input(WorkspaceSettingsPatch).mutation(({ ctx, input }) => updateWorkspaceSettings(ctx.deps, viewerOf(ctx), input)),
  /** Empties the demo workspace (runs cancelled; customers, journeys, tasks, events and the other demo accounts deleted). */
  removeDemo: adminProcedure.input(z.object({ confirmName: z.string().max(200) })).mutation(({ ctx, input }) => removeDemoData(ctx.deps, viewerOf(ctx), input)),
});
