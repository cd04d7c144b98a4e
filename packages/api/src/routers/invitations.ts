import { acceptInvitation, createInvitation, EntityId, listInvitations, lookupInvitation, openSession, revokeInvitation, Role } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

const token = z.string().trim().min(20).max(100);

/**
 * Bringing the team: an admin invites an e-mail with a role and gets a single-use link (7 days) to copy
 * and send; the invitee opens it, sets a name and password (or proves an existing account) and is
 * signed in to the workspace.
 */
export const invitationsRouter = router({
  list: adminProcedure.query(({ ctx }) => listInvitations(ctx, viewerOf(ctx))),
  /** Returns the link's token once (the link is `<app>/invite/<token>`), and whether it was e-mailed too. */
  create: adminProcedure
    .input(z.object({ email: z.email().max(200), role: Role }))
    // With SMTP_URL the link is also e-mailed; its address is SOPLINE_PUBLIC_URL, else the one the admin uses.
    .mutation(({ ctx, input }) => createInvitation({ db: ctx.db, mailer: ctx.deps.mailer }, viewerOf(ctx), { ...input, appUrl: ctx.deps.reminders?.publicUrl ?? ctx.origin ?? null })),
  revoke: adminProcedure.input(z.object({ invitationId: EntityId })).mutation(({ ctx, input }) => revokeInvitation(ctx, viewerOf(ctx), input)),
  /** Public: the token is the invitee's proof. */
  lookup: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => lookupInvitation(ctx, input.token)),
  accept: publicProcedure
    .input(z.object({ token, name: z.string().trim().max(100).optional(), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const user = await acceptInvitation(ctx, input);
      const { token: session, expiresAt } = await openSession({ db: ctx.db, sessionSecret: ctx.deps.sessionSecret }, user, { ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.cookies.setSession(session, expiresAt);
      return { id: user.id, name: user.name, email: user.email, role: user.role };
    }),
});
