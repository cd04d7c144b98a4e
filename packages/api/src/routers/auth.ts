import { repos } from '@sopline/db';
import { login, logout, WorkspaceZone } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

/** The demo seed's logins (apps/server/src/seed/demo.ts). */
const DEMO_EMAIL = /^[a-z0-9]+@demo\.sopline\.dev$/;
const ROLE_ORDER = ['admin', 'ops', 'sales'];

const publicUser = (u: { id: string; name: string; email: string; role: string }) => ({ id: u.id, name: u.name, email: u.email, role: u.role });

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ email: z.email().max(200), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { token, user, expiresAt } = await login({ db: ctx.db, sessionSecret: ctx.deps.sessionSecret }, { ...input, ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.cookies.setSession(token, expiresAt);
      return publicUser(user);
    }),
  /**
   * What the sign-in page may say before anyone signs in: whether the demo exists here, and its seeded
   * logins (one per role, so a visitor can try the rep's inbox as well as the designer). Only the seed's
   * own addresses: anyone else added to the demo workspace is not named.
   */
  signInHints: publicProcedure.query(async ({ ctx }) => {
    const r = repos(ctx.db);
    const demo = await r.workspaces.demo();
    if (!demo) return { demo: false, demoLogins: [] };
    const seeded = (await r.users.list(demo.id)).filter((u) => u.active === 1 && DEMO_EMAIL.test(u.email)).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.email.localeCompare(b.email));
    return { demo: true, demoLogins: seeded.map((u) => ({ email: u.email, name: u.name, role: u.role })) };
  }),
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
