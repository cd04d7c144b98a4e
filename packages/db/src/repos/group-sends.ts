import type { Kysely, Selectable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, GroupSendItemStatus, WecomGroupSendItemTable, WecomGroupSendTable } from '../schema.ts';
import { claimDueRow } from './claims.ts';

export type GroupSendRow = Selectable<WecomGroupSendTable>;
export type GroupSendItemRow = Selectable<WecomGroupSendItemTable>;

/** WeCom group sends and their items (one per task); see migration 011. */
export function groupSendsRepo(db: Kysely<Database>) {
  return {
    async create(send: Pick<GroupSendRow, 'workspace_id' | 'owner_id' | 'sender' | 'content' | 'created_by'>, items: Array<Pick<GroupSendItemRow, 'task_id' | 'customer_id' | 'external_userid' | 'asked_on'>>): Promise<GroupSendRow> {
      const row: GroupSendRow = {
        ...send,
        id: newId(),
        msgid: null,
        state: 'creating',
        error: null,
        polls: 0,
        next_poll_at: null,
        last_polled_at: null,
        reminders: '[]',
        created_at: nowIso(),
        finished_at: null,
        claimed_by: null,
        claimed_until: null,
      };
      await db.insertInto('wecom_group_sends').values(row).execute();
      if (items.length > 0) {
        await db
          .insertInto('wecom_group_send_items')
          .values(items.map((i) => ({ ...i, send_id: row.id, workspace_id: send.workspace_id, status: 'pending' as const, sent_at: null })))
          .execute();
      }
      return row;
    },
    get(workspaceId: string, id: string): Promise<GroupSendRow | undefined> {
      return db.selectFrom('wecom_group_sends').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    items(sendId: string): Promise<GroupSendItemRow[]> {
      return db.selectFrom('wecom_group_send_items').selectAll().where('send_id', '=', sendId).execute();
    },
    /** Items of several sends at once, for a list. */
    itemsOfSends(sendIds: string[]): Promise<GroupSendItemRow[]> {
      if (sendIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('wecom_group_send_items').selectAll().where('send_id', 'in', sendIds).execute();
    },
    /** The latest item of each of these tasks, with its send's state (for the inbox). */
    async latestOfTasks(workspaceId: string, taskIds: string[]): Promise<Map<string, GroupSendItemRow & { send_state: GroupSendRow['state']; created_at: string }>> {
      if (taskIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('wecom_group_send_items as i')
        .innerJoin('wecom_group_sends as s', 's.id', 'i.send_id')
        .selectAll('i')
        .select(['s.state as send_state', 's.created_at'])
        .where('i.workspace_id', '=', workspaceId)
        .where('i.task_id', 'in', taskIds)
        .orderBy('s.created_at')
        .execute();
      return new Map(rows.map((r) => [r.task_id, r]));
    },
    /** How many sends each customer was asked for on `day` that WeCom may still deliver or did (pending or sent). */
    async askedOn(workspaceId: string, customerIds: string[], day: string): Promise<Map<string, number>> {
      if (customerIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('wecom_group_send_items')
        .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', 'in', customerIds)
        .where('asked_on', '=', day)
        .where('status', 'in', ['pending', 'sent'])
        .groupBy('customer_id')
        .execute();
      return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
    },
    list(workspaceId: string, options: { ownerId?: string; since: string; limit: number }): Promise<GroupSendRow[]> {
      let q = db.selectFrom('wecom_group_sends').selectAll().where('workspace_id', '=', workspaceId).where('created_at', '>=', options.since);
      if (options.ownerId) q = q.where('owner_id', '=', options.ownerId);
      return q.orderBy('created_at', 'desc').limit(options.limit).execute();
    },
    async update(id: string, patch: Partial<Pick<GroupSendRow, 'msgid' | 'state' | 'error' | 'polls' | 'next_poll_at' | 'last_polled_at' | 'reminders' | 'finished_at' | 'claimed_by' | 'claimed_until'>>): Promise<void> {
      await db.updateTable('wecom_group_sends').set(patch).where('id', '=', id).execute();
    },
    /** Moves an item on, only from `from` (so a late poll never undoes what happened). */
    async setItem(sendId: string, taskId: string, status: GroupSendItemStatus, from: GroupSendItemStatus[], sentAt: string | null = null): Promise<boolean> {
      const result = await db
        .updateTable('wecom_group_send_items')
        .set({ status, sent_at: sentAt })
        .where('send_id', '=', sendId)
        .where('task_id', '=', taskId)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Every still-pending item of the send becomes `status` (cancelled, expired). */
    async settlePending(sendId: string, status: GroupSendItemStatus): Promise<void> {
      await db.updateTable('wecom_group_send_items').set({ status }).where('send_id', '=', sendId).where('status', '=', 'pending').execute();
    },
    /** Claims the waiting send whose poll is due soonest, for one process. */
    async claimDue(holder: string, ttlMs: number, now = nowIso()): Promise<GroupSendRow | undefined> {
      const id = await claimDueRow(db, 'wecom_group_sends', { state: 'waiting', dueColumn: 'next_poll_at', orderBy: 'next_poll_at', holder, ttlMs, now });
      return id ? db.selectFrom('wecom_group_sends').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    },
  };
}
