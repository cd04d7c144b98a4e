import { createWorkspace, EntityId, listMemberships, NewWorkspaceInput, switchWorkspace } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * The workspaces a person belongs to (an agency runs several brands): list them for the header's
 * switcher, switch (a new session for their account there), and, as an admin, create another.
 */
export const workspacesRouter = router({
  list: authedProcedure.query(({ ctx }) => listMemberships(ctx, ctx.session)),
  switch: authedProcedure.input(z.object({ workspaceId: EntityId })).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, workspace, user } = await switchWorkspace({ db: ctx.db, sessionSecret: ctx.deps.sessionSecret }, ctx.session, { ...input, ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.cookies.setSession(token, expiresAt);
    return { workspace: { id: workspace.id, name: workspace.name }, role: user.role };
  }),
  create: adminProcedure.input(NewWorkspaceInput).mutation(({ ctx, input }) => createWorkspace(ctx, viewerOf(ctx), input)),
});
