import { cancelEnrollment, enrolCustomer, getBulkJob, listEnrollments, MAX_RETRY, retryEnrollments, startBulkEnrol } from '@sopline/domain';
import { NodeId } from '@sopline/graph';
import { z } from 'zod';
import { managerProcedure, router } from '../trpc.ts';

const Id = z.string().min(1).max(64);
const Status = z.enum(['open', 'active', 'waiting', 'completed', 'exited', 'cancelled', 'failed']);

/** Customers in journeys: enrol by hand or in bulk, list, cancel. Ops managers and admins only. */
export const enrollmentsRouter = router({
  /** A refusal by the journey's re-entry rule is an answer, not an error: `{ enrolled: false, reason }`. */
  enrol: managerProcedure.input(z.object({ journeyId: Id, customerId: Id })).mutation(async ({ ctx, input }) => {
    const result = await enrolCustomer(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.journeyId, customerId: input.customerId });
    return result.enrolled
      ? { enrolled: true as const, enrollmentId: result.enrollmentId, versionId: result.versionId }
      : { enrolled: false as const, reason: result.reason, enrollmentId: result.enrollmentId };
  }),

  /** Starts a background job over the customers matching the filter (all of them when it is empty). */
  enrolBulk: managerProcedure
    .input(
      z.object({
        journeyId: Id,
        filter: z
          .object({ tagsAny: z.array(z.string().trim().min(1).max(64)).max(50).optional(), stage: z.string().trim().min(1).max(64).nullable().optional(), ownerId: Id.nullable().optional() })
          .default({}),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { job, finished } = await startBulkEnrol(ctx.deps, { workspaceId: ctx.session.workspace.id, journeyId: input.journeyId, filter: input.filter, userId: ctx.session.user.id });
      // The job records its own outcome (and never rejects); the caller polls `bulkJob`.
      void finished;
      return { jobId: job.id, total: job.total };
    }),

  bulkJob: managerProcedure.input(z.object({ jobId: Id })).query(({ ctx, input }) => getBulkJob(ctx.deps, { workspaceId: ctx.session.workspace.id, jobId: input.jobId })),

  list: managerProcedure
    .input(
      z.object({
        journeyId: Id,
        nodeId: NodeId.optional(),
        status: Status.optional(),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listEnrollments(ctx.deps, { workspaceId: ctx.session.workspace.id, ...input })),

  /** Runs a failed step again (after installing its plugin or fixing its config), or skips past the node: one or many. */
  retry: managerProcedure
    .input(z.object({ enrollmentIds: z.array(Id).min(1).max(MAX_RETRY), skip: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => retryEnrollments(ctx.deps, { workspaceId: ctx.session.workspace.id, enrollmentIds: input.enrollmentIds, skip: input.skip })),

  cancel: managerProcedure
    .input(z.object({ enrollmentId: Id }))
    .mutation(({ ctx, input }) => cancelEnrollment(ctx.deps, { workspaceId: ctx.session.workspace.id, enrollmentId: input.enrollmentId })),
});
