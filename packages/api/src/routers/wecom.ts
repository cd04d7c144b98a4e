import { agentConfigSignature, configureWeCom, sidebarCustomer, startWeComImport, weComSignInWorkspaces, testWeCom, WeComConfigInput, weComConnected, weComImportStatus, weComStatus, weComUnmapped } from '@sopline/domain';
import { z } from 'zod';
import { adminProcedure, authedProcedure, managerProcedure, publicProcedure, router } from '../trpc.ts';
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
  /** The workspaces whose members may sign in with WeCom (the sign-in page's button); public. */
  signInOptions: publicProcedure.query(async ({ ctx }) => ({ workspaces: await weComSignInWorkspaces(ctx.deps.db) })),
  /** The chat sidebar: the JS-SDK's agentConfig signature for the page at `url`. */
  agentConfig: authedProcedure.input(z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) })).mutation(({ ctx, input }) => agentConfigSignature(ctx.deps, viewerOf(ctx), input.url)),
  /** The chat sidebar: the customer of the current chat (WeCom's external_userid), as the viewer may see them. */
  sidebar: authedProcedure.input(z.object({ externalUserId: z.string().min(1).max(128) })).query(({ ctx, input }) => sidebarCustomer(ctx.deps, viewerOf(ctx), input.externalUserId)),
  /** WeCom members with customers but no Sopline user (the dashboard's warning). */
  unmapped: managerProcedure.query(({ ctx }) => weComUnmapped(ctx.deps, viewerOf(ctx))),
});
