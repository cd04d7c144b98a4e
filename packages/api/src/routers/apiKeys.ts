import { createApiKey, DEFAULT_RATE_PER_MINUTE, listApiKeys, revokeApiKey } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';

/** Workspace API keys for machine clients of /api/v1 (shops, CRMs). Admins only. */
export const apiKeysRouter = router({
  /** Returns the clear key ONCE; only its hash is stored. */
  create: adminProcedure
    .input(z.object({ name: z.string().trim().min(1).max(100), ratePerMinute: z.number().int().min(1).max(100_000).default(DEFAULT_RATE_PER_MINUTE) }))
    .mutation(({ ctx, input }) =>
      createApiKey({ db: ctx.db }, { workspaceId: ctx.session.workspace.id, name: input.name, ratePerMinute: input.ratePerMinute, createdBy: ctx.session.user.id }),
    ),
  /** Newest first, revoked ones included; never the key or its hash. */
  list: adminProcedure.query(({ ctx }) => listApiKeys({ db: ctx.db }, ctx.session.workspace.id)),
  revoke: adminProcedure.input(z.object({ id: z.string().min(1).max(100) })).mutation(async ({ ctx, input }) => {
    await revokeApiKey({ db: ctx.db }, ctx.session.workspace.id, input.id);
    return { ok: true };
  }),
});
