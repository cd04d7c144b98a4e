import type { TaskRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { errors } from '../errors.ts';
import type { DomainDeps } from '../ports.ts';

/** 'sent': the script went out (copied and sent by the rep, or delivered by a WeCom group send). */
export const TASK_OUTCOMES = ['sent', 'replied', 'bought', 'no-answer', 'wrong-contact', 'other'] as const;
export type TaskOutcomeCode = (typeof TASK_OUTCOMES)[number];
/** What a skip may record: everything but 'sent' (a skipped task's script did not go out). */
export const SKIP_OUTCOMES = ['replied', 'bought', 'no-answer', 'wrong-contact', 'other'] as const satisfies readonly TaskOutcomeCode[];

/**
 * Closes a task as done or skipped. The outcome is also recorded as a `task.completed` event (and a
 * reply as `reply.logged`), so journeys waiting for a reply wake through the usual event path.
 */
export async function closeTask(
  deps: Pick<DomainDeps, 'db'>,
  input: { workspaceId: string; taskId: string; status: 'done' | 'skipped'; outcome?: TaskOutcomeCode | null; note?: string | null; via?: 'wecom' },
): Promise<TaskRow> {
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const task = await r.tasks.get(input.workspaceId, input.taskId);
    if (!task) throw errors.notFound('任务 / task', input.taskId);
    const closed = await r.tasks.close(task.id, { status: input.status, outcome: input.outcome ?? null, note: input.note?.slice(0, 2000) ?? null, closed_via: input.via ?? null });
    if (!closed) throw errors.taskClosed();
    const payload = { taskId: task.id, status: input.status, outcome: input.outcome ?? null, journeyId: task.journey_id, ...(input.via ? { via: input.via } : {}) };
    await r.events.insert({ workspaceId: task.workspace_id, customerId: task.customer_id, kind: 'task.completed', payload, idempotencyKey: `task.completed:${task.id}` });
    if (input.outcome === 'replied') {
      await r.events.insert({ workspaceId: task.workspace_id, customerId: task.customer_id, kind: 'reply.logged', payload, idempotencyKey: `reply.logged:${task.id}` });
    }
    return (await r.tasks.get(input.workspaceId, task.id))!;
  });
}

/** Moves an open task's due time; a snooze into the past is refused. */
export async function snoozeTask(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; taskId: string; until: Date; now?: Date }): Promise<TaskRow> {
  const r = repos(deps.db);
  const task = await r.tasks.get(input.workspaceId, input.taskId);
  if (!task) throw errors.notFound('任务 / task', input.taskId);
  if (input.until.getTime() <= (input.now ?? new Date()).getTime()) throw errors.snoozeInPast();
  if (!(await r.tasks.snooze(task.id, input.until.toISOString()))) throw errors.taskClosed();
  return (await r.tasks.get(input.workspaceId, task.id))!;
}
