import { createUser, deactivateUser, EntityId, listUsers, NewPassword, reactivateUser, resetUserPassword, Role, setUserRole, setUserWecomId, WecomUserId } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, managerProcedure, router } from '../trpc.ts';
import { pageInput, viewerOf } from '../viewer.ts';

const userId = z.object({ userId: EntityId });

/** The workspace's users. Admins manage them; managers may list them (to assign owners). Never returns password hashes. */
export const usersRouter = router({
  list: managerProcedure
    .input(z.object({ q: z.string().trim().max(100).optional(), role: Role.optional(), active: z.boolean().optional(), ...pageInput }).prefault({}))
    .query(({ ctx, input }) => listUsers(ctx, viewerOf(ctx), input)),
  create: adminProcedure
    .input(z.object({ email: z.email().max(200), name: z.string().trim().min(1).max(100), role: Role, password: NewPassword }))
    .mutation(({ ctx, input }) => createUser(ctx, viewerOf(ctx), input)),
  setRole: adminProcedure.input(userId.extend({ role: Role })).mutation(({ ctx, input }) => setUserRole(ctx, viewerOf(ctx), input)),
  /** Also signs the user out everywhere; an admin cannot deactivate themselves. */
  deactivate: adminProcedure.input(userId).mutation(({ ctx, input }) => deactivateUser(ctx, viewerOf(ctx), input)),
  reactivate: adminProcedure.input(userId).mutation(({ ctx, input }) => reactivateUser(ctx, viewerOf(ctx), input)),
  /** Sets a new password (≥ 10 characters) and ends the user's other sessions. */
  /** Maps the user to their WeCom member UserID (null or '' removes it). */
  setWecomUserId: adminProcedure.input(userId.extend({ wecomUserId: WecomUserId.nullable() })).mutation(({ ctx, input }) => setUserWecomId(ctx, viewerOf(ctx), input)),
  resetPassword: adminProcedure.input(userId.extend({ password: NewPassword })).mutation(({ ctx, input }) => resetUserPassword(ctx, viewerOf(ctx), input)),
});
