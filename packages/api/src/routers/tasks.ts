import { closeTaskAs, EntityId, listTasks, reassignTask, SKIP_OUTCOMES, snoozeTaskAs, TASK_OUTCOMES, TASK_VIEWS, taskCounts } from '@sopline/domain';
import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '../trpc.ts';
import { viewerOf } from '../viewer.ts';

const YEAR_MS = 366 * 86_400_000;
const page = { view: z.enum(TASK_VIEWS).default('today'), cursor: z.string().min(1).max(500).optional(), limit: z.number().int().min(1).max(200).default(50) };
const close = z.object({ taskId: EntityId, outcome: z.enum(TASK_OUTCOMES), note: z.string().trim().max(2000).optional() });
// A skipped task's script did not go out: 'sent' is refused, naming the field (outcome).
const skip = close.extend({
  outcome: z.enum(TASK_OUTCOMES).refine((o): o is (typeof SKIP_OUTCOMES)[number] => (SKIP_OUTCOMES as readonly string[]).includes(o), {
    message: "A skipped task was not sent: choose another outcome than 'sent'",
    params: { zh: '跳过的任务没有发出：请选择“已发送”以外的结果' },
  }),
});

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
  skip: authedProcedure.input(skip).mutation(({ ctx, input }) => closeTaskAs(ctx, viewerOf(ctx), { ...input, status: 'skipped' })),
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
