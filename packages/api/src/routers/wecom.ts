import { configureWeCom, testWeCom, WeComConfigInput, weComStatus } from '@sopline/domain';
import { adminProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * The workspace's WeCom connection (admins only). `configure` needs no network and answers the
 * callback URL to paste into WeCom's console; `status` never carries a secret, only whether each is
 * set; `test` asks WeCom for access tokens and explains what fails in words.
 */
export const wecomRouter = router({
  configure: adminProcedure.input(WeComConfigInput).mutation(({ ctx, input }) => configureWeCom(ctx.deps, viewerOf(ctx), input, ctx.origin ?? null)),
  status: adminProcedure.query(({ ctx }) => weComStatus(ctx.deps, viewerOf(ctx), ctx.origin ?? null)),
  test: adminProcedure.mutation(({ ctx }) => testWeCom(ctx.deps, viewerOf(ctx))),
});
