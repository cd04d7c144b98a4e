import { ChannelSettingsInput, DigestSettingsInput, EntityId, getChannelSettings, getDigestSettings, listDeliveries, remindRep, sendTestMessage, updateChannelSettings, updateDigestSettings } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { pageInput, viewerOf } from '../viewer.ts';

/**
 * Reminders: the workspace's notification channel (managers), each user's own daily digest, a test
 * message, the delivery log, and "remind this rep now". Secrets (webhook keys) never come back.
 */
export const remindersRouter = router({
  getSettings: managerProcedure.query(({ ctx }) => getChannelSettings(ctx.deps, viewerOf(ctx))),
  updateSettings: managerProcedure.input(ChannelSettingsInput).mutation(({ ctx, input }) => updateChannelSettings(ctx.deps, viewerOf(ctx), input)),
  /** The signed-in user's digest: on/off, time, zone, language, @mention. */
  mySettings: authedProcedure.query(({ ctx }) => getDigestSettings(ctx.deps, viewerOf(ctx))),
  updateMySettings: authedProcedure.input(DigestSettingsInput).mutation(({ ctx, input }) => updateDigestSettings(ctx.deps, viewerOf(ctx), input)),
  /** Sends a test message now, through the saved channel or the unsaved settings given. */
  sendTest: managerProcedure
    .input(z.object({ channel: z.string().trim().min(1).max(64).optional(), config: z.record(z.string(), z.unknown()).optional(), locale: z.enum(['zh-CN', 'en']).optional() }).prefault({}))
    .mutation(({ ctx, input }) => sendTestMessage(ctx.deps, viewerOf(ctx), input)),
  deliveries: managerProcedure
    .input(z.object({ userId: EntityId.optional(), status: z.enum(['pending', 'delivered', 'failed']).optional(), ...pageInput }).prefault({}))
    .query(({ ctx, input }) => listDeliveries(ctx.deps, viewerOf(ctx), input)),
  /** Sends the rep a list of their overdue tasks now: `{ delivered, reason?, message? }`. */
  remindRep: managerProcedure.input(z.object({ userId: EntityId })).mutation(({ ctx, input }) => remindRep(ctx.deps, viewerOf(ctx), input)),
});
