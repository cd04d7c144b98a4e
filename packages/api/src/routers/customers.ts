import {
  assignOwner,
  bulkAddTags,
  bulkAssignOwner,
  bulkEnrol,
  bulkRemoveTags,
  MAX_BULK_IDS,
  createCustomerAs,
  CUSTOMER_SORTS,
  customerDetail,
  customerStages,
  CustomerFields,
  EntityId,
  getCustomerProfile,
  NewCustomerFields,
  searchCustomers,
  TagName,
  updateCustomer,
} from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { pageInput, viewerOf } from '../viewer.ts';

const filterText = z.string().trim().min(1).max(64);

/** The list's filters (as `search` takes them). */
const ListFilter = {
  /** Name, phone, e-mail or member id contains this. */
  q: z.string().trim().max(100).optional(),
  tags: z.array(TagName).max(20).optional(),
  tagMode: z.enum(['any', 'all']).default('any'),
  /** null: customers without a stage. */
  stage: filterText.nullable().optional(),
  /** null: customers without an owner. */
  ownerId: EntityId.nullable().optional(),
};

/**
 * Which customers a bulk action works on: `customerIds` (picked, at most MAX_BULK_IDS) or `filter`
 * (every customer the list's filters match, at most MAX_BULK_MATCHING) — one of the two.
 */
const Target = z.object({ customerIds: z.array(EntityId).min(1).max(MAX_BULK_IDS).optional(), filter: z.object(ListFilter).optional() });
const oneTarget: [(v: { customerIds?: unknown; filter?: unknown }) => boolean, { message: string; path: string[] }] = [
  (v) => (v.customerIds === undefined) !== (v.filter === undefined),
  { message: 'give customerIds or filter (one of the two)', path: ['customerIds'] },
];
const targetOf = (input: z.output<typeof Target>) => (input.customerIds ? { customerIds: input.customerIds } : { filter: input.filter! });
const bulkTags = z.array(TagName).min(1).max(20);

/** Customers. A sales rep sees and edits only the customers they own; assigning owners is for managers (imports: the imports router). */
export const customersRouter = router({
  search: authedProcedure
    .input(
      z
        .object({
          ...ListFilter,
          sort: z.enum(CUSTOMER_SORTS).default('createdAt'),
          dir: z.enum(['asc', 'desc']).optional(),
          ...pageInput,
        })
        .prefault({}),
    )
    .query(({ ctx, input }) => searchCustomers(ctx, viewerOf(ctx), input)),
  /** The stages in use (for filters and pickers), with customer counts; a rep counts only their own customers. */
  stages: authedProcedure.query(({ ctx }) => customerStages(ctx, viewerOf(ctx))),
  /** Profile, tags, owner, enrollments and a timeline of events, journey steps and tasks, newest first. */
  get: authedProcedure
    .input(z.object({ customerId: EntityId, timelineLimit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => getCustomerProfile(ctx.deps, viewerOf(ctx), input)),
  create: authedProcedure.input(NewCustomerFields).mutation(async ({ ctx, input }) => customerDetail(await createCustomerAs(ctx, viewerOf(ctx), input))),
  update: authedProcedure
    .input(CustomerFields.extend({ customerId: EntityId }))
    .mutation(async ({ ctx, input }) => customerDetail(await updateCustomer(ctx, viewerOf(ctx), input))),
  /** Gives customers (and, by default, their open tasks) to an active user of the workspace; null unassigns. */
  assignOwner: managerProcedure
    .input(z.object({ customerIds: z.array(EntityId).min(1).max(200), ownerId: EntityId.nullable(), moveOpenTasks: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => assignOwner(ctx, viewerOf(ctx), input)),

  // Bulk actions from the list: all or nothing (one transaction; one id that is not the caller's refuses
  // the whole call), answering how many customers they were about and how many changed.
  /** Adds tags to the customers (a rep: only their own). */
  bulkTag: authedProcedure.input(Target.extend({ tags: bulkTags }).refine(...oneTarget)).mutation(({ ctx, input }) => bulkAddTags(ctx, viewerOf(ctx), { target: targetOf(input), tags: input.tags })),
  /** Removes tags from the customers (a rep: only their own). */
  bulkUntag: authedProcedure.input(Target.extend({ tags: bulkTags }).refine(...oneTarget)).mutation(({ ctx, input }) => bulkRemoveTags(ctx, viewerOf(ctx), { target: targetOf(input), tags: input.tags })),
  /** Gives the customers (and their open tasks, by default) to an active user, or to nobody; managers only. */
  bulkAssignOwner: managerProcedure
    .input(Target.extend({ ownerId: EntityId.nullable(), moveOpenTasks: z.boolean().default(true) }).refine(...oneTarget))
    .mutation(({ ctx, input }) => bulkAssignOwner(ctx, viewerOf(ctx), { target: targetOf(input), ownerId: input.ownerId, moveOpenTasks: input.moveOpenTasks })),
  /** Enrols the customers into a live journey as a background job (progress: enrollments.bulkJob); managers only. */
  bulkEnrol: managerProcedure
    .input(Target.extend({ journeyId: EntityId }).refine(...oneTarget))
    .mutation(({ ctx, input }) => bulkEnrol(ctx.deps, viewerOf(ctx), { target: targetOf(input), journeyId: input.journeyId })),
});
