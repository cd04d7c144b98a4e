import { archiveChannelCode, ChannelCodeInput, createChannelCode, EntityId, listChannelCodes, updateChannelCode } from '@sopline/domain';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

/**
 * Channel codes (渠道活码), for admins and ops managers: each is a WeCom contact way, so creating,
 * changing the reps of and retiring one asks WeCom first. The list carries each code's numbers.
 * The QR image itself is a file: GET /api/channel-codes/:id/qr.png.
 */
export const channelCodesRouter = router({
  list: managerProcedure.input(z.object({ archived: z.boolean().optional() }).prefault({})).query(({ ctx, input }) => listChannelCodes(ctx.deps, viewerOf(ctx), input)),
  create: managerProcedure.input(ChannelCodeInput).mutation(({ ctx, input }) => createChannelCode(ctx.deps, viewerOf(ctx), input)),
  update: managerProcedure.input(ChannelCodeInput.extend({ id: EntityId })).mutation(({ ctx, input }) => {
    const { id, ...rest } = input;
    return updateChannelCode(ctx.deps, viewerOf(ctx), id, rest);
  }),
  archive: managerProcedure.input(z.object({ id: EntityId })).mutation(({ ctx, input }) => archiveChannelCode(ctx.deps, viewerOf(ctx), input.id)),
});
