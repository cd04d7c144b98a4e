import type { Kysely } from 'kysely';
import type { Database, TaskRow } from '../schema.ts';

/** Which tasks an inbox page holds: open ones falling due in [dueFrom, dueTo), or closed ones. */
export type TaskInboxQuery = {
  workspaceId: string;
  /** One owner's tasks; null: unassigned tasks; undefined: everyone's. */
  ownerId?: string | null;
  /** Only this customer's tasks. */
  customerId?: string;
  range: { status: 'open'; dueFrom?: string; dueTo?: string } | { status: 'closed' };
  /** Keyset: the last row of the previous page (due_at for open tasks, completed_at for closed). */
  after?: { key: string; id: string };
  limit: number;
};

export type TaskInboxRow = TaskRow & {
  customer_name: string;
  customer_stage: string | null;
  journey_name: string | null;
  owner_name: string | null;
};

/** Read models of tasks: the inbox pages, badge counts and each customer's last purchase. */
export function taskViewsRepo(db: Kysely<Database>) {
  function scoped(input: Pick<TaskInboxQuery, 'workspaceId' | 'ownerId' | 'customerId' | 'range'>) {
    let q = db.selectFrom('tasks').where('tasks.workspace_id', '=', input.workspaceId);
    if (input.customerId !== undefined) q = q.where('tasks.customer_id', '=', input.customerId);
    if (input.ownerId !== undefined) q = input.ownerId === null ? q.where('tasks.owner_id', 'is', null) : q.where('tasks.owner_id', '=', input.ownerId);
    if (input.range.status === 'closed') return q.where('tasks.status', 'in', ['done', 'skipped']);
    q = q.where('tasks.status', '=', 'open');
    if (input.range.dueFrom) q = q.where('tasks.due_at', '>=', input.range.dueFrom);
    if (input.range.dueTo) q = q.where('tasks.due_at', '<', input.range.dueTo);
    return q;
  }

  return {
    /** Open tasks soonest due first; closed tasks most recently closed first. */
    inbox(input: TaskInboxQuery): Promise<TaskInboxRow[]> {
      const open = input.range.status === 'open';
      const keyColumn = open ? 'tasks.due_at' : 'tasks.completed_at';
      const dir = open ? 'asc' : 'desc';
      let q = scoped(input);
      const after = input.after;
      if (after) {
        const cmp = open ? '>' : '<';
        q = q.where((eb) => eb.or([eb(keyColumn, cmp, after.key), eb.and([eb(keyColumn, '=', after.key), eb('tasks.id', cmp, after.id)])]));
      }
      return q
        .innerJoin('customers', 'customers.id', 'tasks.customer_id')
        .leftJoin('journeys', 'journeys.id', 'tasks.journey_id')
        .leftJoin('users', 'users.id', 'tasks.owner_id')
        .selectAll('tasks')
        .select(['customers.name as customer_name', 'customers.stage as customer_stage', 'journeys.name as journey_name', 'users.name as owner_name'])
        .orderBy(keyColumn, dir)
        .orderBy('tasks.id', dir)
        .limit(input.limit)
        .execute();
    },

    async count(input: Pick<TaskInboxQuery, 'workspaceId' | 'ownerId' | 'range'>): Promise<number> {
      const row = await scoped(input)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Each customer's most recent purchase event (by occurred_at), keyed by customer id. */
    async lastPurchases(workspaceId: string, customerIds: string[]): Promise<Map<string, { occurred_at: string; payload: Record<string, unknown> }>> {
      const result = new Map<string, { occurred_at: string; payload: Record<string, unknown> }>();
      if (customerIds.length === 0) return result;
      const rows = await db
        .selectFrom('events as e')
        .select(['e.customer_id', 'e.occurred_at', 'e.payload'])
        .where('e.workspace_id', '=', workspaceId)
        .where('e.kind', '=', 'purchase')
        .where('e.customer_id', 'in', [...new Set(customerIds)])
        .where('e.seq', '=', (eb) =>
          eb
            .selectFrom('events as latest')
            .select('latest.seq')
            .whereRef('latest.customer_id', '=', 'e.customer_id')
            .where('latest.kind', '=', 'purchase')
            .orderBy('latest.occurred_at', 'desc')
            .orderBy('latest.seq', 'desc')
            .limit(1),
        )
        .execute();
      for (const row of rows) result.set(row.customer_id, { occurred_at: row.occurred_at, payload: JSON.parse(row.payload) as Record<string, unknown> });
      return result;
    },
  };
}
