import { repos } from '@sopline/db';
import { login, logout, WorkspaceZone } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

const publicUser = (u: { id: string; name: string; email: string; role: string }) => ({ id: u.id, name: u.name, email: u.email, role: u.role });

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ email: z.email().max(200), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { token, user, expiresAt } = await login({ db: ctx.db, sessionSecret: ctx.deps.sessionSecret }, { ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.cookies.setSession(token, expiresAt);
      return publicUser(user);
    }),
  /** What the sign-in page may say before anyone signs in: whether the demo's logins exist here. */
  signInHints: publicProcedure.query(async ({ ctx }) => ({ demo: (await repos(ctx.db).workspaces.demo()) !== undefined })),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout({ db: ctx.db }, ctx.session.sessionId);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
  me: authedProcedure.query(({ ctx }) => ({
    // `timezone`: the user's own zone, or null to follow the workspace's; `timeZone`: the one in force.
    user: { ...publicUser(ctx.session.user), timezone: ctx.session.user.timezone },
    workspace: { id: ctx.session.workspace.id, name: ctx.session.workspace.name, timezone: ctx.session.workspace.timezone, isDemo: ctx.session.workspace.is_demo === 1 },
    timeZone: ctx.session.user.timezone ?? ctx.session.workspace.timezone,
  })),
  /** The signed-in person's own preferences: their time zone (null = follow the workspace's). */
  updateProfile: authedProcedure.input(z.object({ timezone: WorkspaceZone.nullable() })).mutation(async ({ ctx, input }) => {
    await repos(ctx.db).users.update(ctx.session.workspace.id, ctx.session.user.id, { timezone: input.timezone });
    return { timezone: input.timezone, timeZone: input.timezone ?? ctx.session.workspace.timezone };
  }),
});
