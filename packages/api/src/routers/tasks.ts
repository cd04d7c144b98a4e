import { closeTaskAs, EntityId, listTasks, reassignTask, snoozeTaskAs, TASK_OUTCOMES, TASK_VIEWS, taskCounts } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

const YEAR_MS = 366 * 86_400_000;
const page = { view: z.enum(TASK_VIEWS).default('today'), cursor: z.string().min(1).max(500).optional(), limit: z.number().int().min(1).max(200).default(50) };
const close = z.object({ taskId: EntityId, outcome: z.enum(TASK_OUTCOMES), note: z.string().trim().max(2000).optional() });

/**
 * The task inbox: views by the day in the workspace's time zone (today / overdue / upcoming /
 * done), keyset-paginated. Sales reps act only on their own tasks; managers see the team's.
 */
export const tasksRouter = router({
  mine: authedProcedure.input(z.object(page).prefault({})).query(({ ctx, input }) => listTasks(ctx, viewerOf(ctx), { ...input, ownerId: ctx.session.user.id })),
  /** Any rep's tasks (ownerId), unassigned ones (null), or everyone's (left out). */
  team: managerProcedure
    .input(z.object({ ...page, ownerId: EntityId.nullable().optional() }).prefault({}))
    .query(({ ctx, input }) => listTasks(ctx, viewerOf(ctx), input)),
  complete: authedProcedure.input(close).mutation(({ ctx, input }) => closeTaskAs(ctx, viewerOf(ctx), { ...input, status: 'done' })),
  skip: authedProcedure.input(close).mutation(({ ctx, input }) => closeTaskAs(ctx, viewerOf(ctx), { ...input, status: 'skipped' })),
  /** Moves the due time to `until` (in the future, within a year). */
  snooze: authedProcedure
    .input(
      z.object({
        taskId: EntityId,
        until: z.iso.datetime({ offset: true }).refine((s) => Date.parse(s) <= Date.now() + YEAR_MS, 'snooze at most a year ahead'),
      }),
    )
    .mutation(({ ctx, input }) => snoozeTaskAs(ctx, viewerOf(ctx), { taskId: input.taskId, until: new Date(input.until) })),
  reassign: managerProcedure.input(z.object({ taskId: EntityId, ownerId: EntityId })).mutation(({ ctx, input }) => reassignTask(ctx, viewerOf(ctx), input)),
  /** Badge numbers for the signed-in user: open tasks due today, and overdue. */
  counts: authedProcedure.query(({ ctx }) => taskCounts(ctx, viewerOf(ctx), { ownerId: ctx.session.user.id })),
});
