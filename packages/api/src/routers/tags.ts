import { addCustomerTags, deleteTag, EntityId, listTags, removeCustomerTags, renameTag, TagName } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { pageInput, viewerOf } from '../viewer.ts';

const customerTags = z.object({ customerId: EntityId, tags: z.array(TagName).min(1).max(20) });

/**
 * Tags. Adding and removing records tag.added / tag.removed events, as ingest does, so journeys
 * react; sales reps tag only their own customers. Renaming and deleting is for managers.
 */
export const tagsRouter = router({
  /** With customer counts (a sales rep's counts cover only their own customers). */
  list: authedProcedure
    .input(z.object({ q: z.string().trim().max(64).optional(), ...pageInput }).prefault({}))
    .query(({ ctx, input }) => listTags(ctx, viewerOf(ctx), input)),
  add: authedProcedure.input(customerTags).mutation(({ ctx, input }) => addCustomerTags(ctx, viewerOf(ctx), input)),
  remove: authedProcedure.input(customerTags).mutation(({ ctx, input }) => removeCustomerTags(ctx, viewerOf(ctx), input)),
  /** Refused (409) while a journey uses the tag, unless `force`. */
  rename: managerProcedure
    .input(z.object({ tagId: EntityId, name: TagName, force: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => renameTag(ctx, viewerOf(ctx), input)),
  /** Takes the tag off every customer (no tag.removed events); refused (409) while a journey uses it, unless `force`. */
  delete: managerProcedure
    .input(z.object({ tagId: EntityId, force: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => deleteTag(ctx, viewerOf(ctx), input)),
});
