import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, TaskRow } from '../schema.ts';

export type NewTaskRow = Omit<TaskRow, 'id' | 'status' | 'outcome' | 'note' | 'snoozed_until' | 'completed_at' | 'created_at' | 'closed_via'>;

export function tasksRepo(db: Kysely<Database>) {
  return {
    async insert(input: NewTaskRow): Promise<TaskRow> {
      const row: TaskRow = { ...input, id: newId(), status: 'open', outcome: null, note: null, snoozed_until: null, completed_at: null, created_at: nowIso(), closed_via: null };
      await db.insertInto('tasks').values(row).execute();
      return row;
    },
    get(workspaceId: string, id: string): Promise<TaskRow | undefined> {
      return db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    /** Tasks of a customer falling due in [from, to): the frequency cap counts these. */
    countDue(customerId: string, fromIso: string, toIso: string): Promise<number> {
      return db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('customer_id', '=', customerId)
        .where('due_at', '>=', fromIso)
        .where('due_at', '<', toIso)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },
    ofCustomer(customerId: string): Promise<TaskRow[]> {
      return db.selectFrom('tasks').selectAll().where('customer_id', '=', customerId).orderBy('due_at').orderBy('created_at').execute();
    },
    ofWorkspace(workspaceId: string): Promise<TaskRow[]> {
      return db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).orderBy('due_at').execute();
    },
    /** An owner's open tasks due before `beforeIso`, soonest first. */
    openOfOwnerDueBefore(workspaceId: string, ownerId: string, beforeIso: string, limit: number): Promise<TaskRow[]> {
      return db
        .selectFrom('tasks')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('owner_id', '=', ownerId)
        .where('status', '=', 'open')
        .where('due_at', '<', beforeIso)
        .orderBy('due_at')
        .limit(limit)
        .execute();
    },
    async close(id: string, patch: { status: 'done' | 'skipped'; outcome: string | null; note: string | null; closed_via?: string | null }): Promise<boolean> {
      const result = await db
        .updateTable('tasks')
        .set({ ...patch, completed_at: nowIso() })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Gives an open task to another owner; false when it is not open (or not in the workspace). */
    async reassign(workspaceId: string, id: string, ownerId: string): Promise<boolean> {
      const result = await db.updateTable('tasks').set({ owner_id: ownerId }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Moves a customer's open tasks to its new owner; returns how many moved. */
    async reassignOpenOfCustomer(workspaceId: string, customerId: string, ownerId: string | null): Promise<number> {
      const result = await db
        .updateTable('tasks')
        .set({ owner_id: ownerId })
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', '=', customerId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async snooze(id: string, untilIso: string): Promise<boolean> {
      const result = await db.updateTable('tasks').set({ snoozed_until: untilIso, due_at: untilIso }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
