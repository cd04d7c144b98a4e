import type { TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Db } from '@sopline/db';
import { errors } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { assignableUser, ownerScope } from '../users/viewer.ts';
import type { TaskOutcomeCode } from './tasks.ts';
import { closeTask, snoozeTask } from './tasks.ts';

/** A task's state after an action. */
export type TaskState = { id: string; status: TaskRow['status']; outcome: string | null; note: string | null; ownerId: string | null; dueAt: string; snoozedUntil: string | null; completedAt: string | null };

export function taskState(t: TaskRow): TaskState {
  return { id: t.id, status: t.status, outcome: t.outcome, note: t.note, ownerId: t.owner_id, dueAt: t.due_at, snoozedUntil: t.snoozed_until, completedAt: t.completed_at };
}

/** The task if the viewer may act on it: in their workspace and, for a sales rep, their own. */
async function actionableTask(db: Db, viewer: Viewer, taskId: string): Promise<TaskRow> {
  const task = await repos(db).tasks.get(viewer.workspaceId, taskId);
  const scope = ownerScope(viewer);
  if (!task || (scope !== undefined && task.owner_id !== scope)) throw errors.notFound('任务 / task', taskId);
  return task;
}

/** Closes the task as done or skipped, with an outcome (recorded as task.completed; 'replied' also as reply.logged). */
export async function closeTaskAs(
  deps: { db: Db },
  viewer: Viewer,
  input: { taskId: string; status: 'done' | 'skipped'; outcome: TaskOutcomeCode; note?: string | null },
): Promise<TaskState> {
  const task = await actionableTask(deps.db, viewer, input.taskId);
  return taskState(await closeTask(deps, { workspaceId: viewer.workspaceId, taskId: task.id, status: input.status, outcome: input.outcome, note: input.note ?? null }));
}

export async function snoozeTaskAs(deps: { db: Db }, viewer: Viewer, input: { taskId: string; until: Date; now?: Date }): Promise<TaskState> {
  const task = await actionableTask(deps.db, viewer, input.taskId);
  return taskState(await snoozeTask(deps, { workspaceId: viewer.workspaceId, taskId: task.id, until: input.until, now: input.now }));
}

/** Gives an open task to another active user of the workspace. */
export async function reassignTask(deps: { db: Db }, viewer: Viewer, input: { taskId: string; ownerId: string }): Promise<TaskState> {
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const task = await actionableTask(trx, viewer, input.taskId);
    await assignableUser(trx, viewer.workspaceId, input.ownerId);
    if (!(await r.tasks.reassign(viewer.workspaceId, task.id, input.ownerId))) throw errors.taskClosed();
    return taskState((await r.tasks.get(viewer.workspaceId, task.id))!);
  });
}
