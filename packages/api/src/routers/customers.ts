import {
  assignOwner,
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

/** Customers. A sales rep sees and edits only the customers they own; assigning owners is for managers (imports: the imports router). */
export const customersRouter = router({
  search: authedProcedure
    .input(
      z
        .object({
          /** Name, phone, e-mail or member id contains this. */
          q: z.string().trim().max(100).optional(),
          tags: z.array(TagName).max(20).optional(),
          tagMode: z.enum(['any', 'all']).default('any'),
          /** null: customers without a stage. */
          stage: filterText.nullable().optional(),
          /** null: customers without an owner. */
          ownerId: EntityId.nullable().optional(),
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
});
