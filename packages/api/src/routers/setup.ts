import { needsSetup, openSession, setUpInstallation, SetupInput } from '@sopline/domain';
import { publicProcedure, router } from '../trpc.ts';

/**
 * An empty install's first step, before anyone can sign in: `status` tells every page whether to lead to
 * the setup page; `create` makes the workspace and its first admin (once) and signs the admin in.
 */
export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.db) })),
  create: publicProcedure.input(SetupInput).mutation(async ({ ctx, input }) => {
    const { workspace, user } = await setUpInstallation(ctx, input);
    const { token, expiresAt } = await openSession({ db: ctx.db, sessionSecret: ctx.deps.sessionSecret }, user, { ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.cookies.setSession(token, expiresAt);
    return { user: { id: user.id, name: user.name, email: user.email, role: user.role }, workspace: { id: workspace.id, name: workspace.name, timezone: workspace.timezone } };
  }),
});
