import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { ChannelSettingsRow, Database, DeliveryRow, DeliveryStatus, DigestSettingsRow, User } from '../schema.ts';

export type NewDelivery = Pick<DeliveryRow, 'workspace_id' | 'user_id' | 'kind' | 'dedupe_key' | 'channel' | 'target' | 'summary'>;
export type DigestTaskRow = { id: string; title: string; due_at: string; priority: 'low' | 'normal' | 'high'; customer_name: string };
export type DigestCandidate = { workspace_id: string; user_id: string };

/** Channel settings per workspace, digest settings per user, and the delivery log. */
export function remindersRepo(db: Kysely<Database>) {
  return {
    channel(workspaceId: string): Promise<ChannelSettingsRow | undefined> {
      return db.selectFrom('channel_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
    },
    async saveChannel(row: Omit<ChannelSettingsRow, 'id' | 'updated_at'>): Promise<void> {
      const values = { id: newId(), ...row, updated_at: nowIso() };
      await db
        .insertInto('channel_settings')
        .values(values)
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ channel: values.channel, config: values.config, enabled: values.enabled, updated_at: values.updated_at, updated_by: values.updated_by }))
        .execute();
    },

    digest(workspaceId: string, userId: string): Promise<DigestSettingsRow | undefined> {
      return db.selectFrom('digest_settings').selectAll().where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
    },
    async saveDigest(row: Omit<DigestSettingsRow, 'id' | 'updated_at'>): Promise<void> {
      const values = { id: newId(), ...row, updated_at: nowIso() };
      await db
        .insertInto('digest_settings')
        .values(values)
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({ enabled: values.enabled, local_time: values.local_time, timezone: values.timezone, locale: values.locale, mention: values.mention, updated_at: values.updated_at }),
        )
        .execute();
    },
    /** Active users of workspaces whose channel is on: whose digest workflows should be running (their own setting decides the rest). */
    digestCandidates(workspaceId?: string): Promise<DigestCandidate[]> {
      let q = db
        .selectFrom('users')
        .innerJoin('channel_settings', 'channel_settings.workspace_id', 'users.workspace_id')
        .leftJoin('digest_settings', 'digest_settings.user_id', 'users.id')
        .select(['users.workspace_id as workspace_id', 'users.id as user_id'])
        .where('users.active', '=', 1)
        .where('channel_settings.enabled', '=', 1)
        .where((eb) => eb.or([eb('digest_settings.enabled', 'is', null), eb('digest_settings.enabled', '=', 1)]));
      if (workspaceId) q = q.where('users.workspace_id', '=', workspaceId);
      return q.orderBy('users.id').execute();
    },
    user(workspaceId: string, userId: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', userId).executeTakeFirst();
    },

    /** A rep's open tasks due before `before` (today's and overdue), soonest first. */
    openTasksDueBefore(workspaceId: string, ownerId: string, before: string, limit: number): Promise<DigestTaskRow[]> {
      return db
        .selectFrom('tasks')
        .innerJoin('customers', 'customers.id', 'tasks.customer_id')
        .select(['tasks.id', 'tasks.title', 'tasks.due_at', 'tasks.priority', 'customers.name as customer_name'])
        .where('tasks.workspace_id', '=', workspaceId)
        .where('tasks.owner_id', '=', ownerId)
        .where('tasks.status', '=', 'open')
        .where('tasks.due_at', '<', before)
        .orderBy('tasks.due_at')
        .orderBy('tasks.id')
        .limit(limit)
        .execute();
    },

    /** The delivery row for this key, created as pending if it is new (the unique key makes this race-free). */
    async claimDelivery(input: NewDelivery): Promise<DeliveryRow> {
      const now = nowIso();
      await db
        .insertInto('deliveries')
        .values({ id: newId(), ...input, status: 'pending', attempts: 0, last_error: null, created_at: now, updated_at: now, delivered_at: null })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
      return db.selectFrom('deliveries').selectAll().where('dedupe_key', '=', input.dedupe_key).executeTakeFirstOrThrow();
    },
    /**
     * Counts one more attempt of a pending delivery, if the count is still `seen` (compare-and-set:
     * of two senders racing on one key, only one goes ahead). Returns the new count, or null.
     */
    async startAttempt(id: string, seen: number): Promise<number | null> {
      const result = await db
        .updateTable('deliveries')
        .set({ attempts: seen + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('attempts', '=', seen)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? seen + 1 : null;
    },
    async finishAttempt(id: string, outcome: { status: DeliveryStatus; error: string | null }): Promise<void> {
      const now = nowIso();
      await db
        .updateTable('deliveries')
        .set({ status: outcome.status, last_error: outcome.error, updated_at: now, ...(outcome.status === 'delivered' ? { delivered_at: now } : {}) })
        .where('id', '=', id)
        .where('status', '!=', 'delivered')
        .execute();
    },
    delivery(workspaceId: string, dedupeKey: string): Promise<DeliveryRow | undefined> {
      return db.selectFrom('deliveries').selectAll().where('workspace_id', '=', workspaceId).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    },
    /** The workspace's delivery log, newest first, with the recipient's name. */
    async deliveries(workspaceId: string, input: { userId?: string; status?: DeliveryStatus; limit: number; offset: number }): Promise<{ rows: Array<DeliveryRow & { user_name: string | null }>; total: number }> {
      let q = db.selectFrom('deliveries').where('deliveries.workspace_id', '=', workspaceId);
      if (input.userId) q = q.where('deliveries.user_id', '=', input.userId);
      if (input.status) q = q.where('deliveries.status', '=', input.status);
      const rows = await q
        .leftJoin('users', 'users.id', 'deliveries.user_id')
        .selectAll('deliveries')
        .select('users.name as user_name')
        .orderBy('deliveries.created_at', 'desc')
        .orderBy('deliveries.id', 'desc')
        .limit(input.limit)
        .offset(input.offset)
        .execute();
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(total.n) };
    },
  };
}
