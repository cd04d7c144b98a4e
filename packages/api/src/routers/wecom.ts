import { configureWeCom, startWeComImport, testWeCom, WeComConfigInput, weComConnected, weComImportStatus, weComStatus, weComUnmapped } from '@sopline/domain';
import { adminProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * The workspace's WeCom connection (admins only). `configure` needs no network and answers the
 * callback URL to paste into WeCom's console; `status` never carries a secret, only whether each is
 * set; `test` asks WeCom for access tokens and explains what fails in words.
 */
export const wecomRouter = router({
  configure: adminProcedure.input(WeComConfigInput).mutation(({ ctx, input }) => configureWeCom(ctx.deps, viewerOf(ctx), input, ctx.origin ?? null)),
  /** Whether WeCom is connected at all, for ops screens that depend on it (channel codes). */
  connected: managerProcedure.query(({ ctx }) => weComConnected(ctx.deps, viewerOf(ctx))),
  status: adminProcedure.query(({ ctx }) => weComStatus(ctx.deps, viewerOf(ctx), ctx.origin ?? null)),
  test: adminProcedure.mutation(({ ctx }) => testWeCom(ctx.deps, viewerOf(ctx))),
  /** "Import from WeCom": every member's existing contacts, as a background job (a second start answers the running one). */
  importStart: adminProcedure.mutation(({ ctx }) => startWeComImport(ctx.deps, viewerOf(ctx))),
  importStatus: adminProcedure.query(({ ctx }) => weComImportStatus(ctx.deps, viewerOf(ctx))),
  /** WeCom members with customers but no Sopline user (the dashboard's warning). */
  unmapped: managerProcedure.query(({ ctx }) => weComUnmapped(ctx.deps, viewerOf(ctx))),
});
