import type { Kysely, Selectable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, WecomCallbackTable, WecomFollowTable, WecomSettingsTable, WecomSyncTable } from '../schema.ts';
import { claimDueRow, claimNextJob, claimUntil } from './claims.ts';

export type WecomSettingsRow = Selectable<WecomSettingsTable>;
export type WecomCallbackRow = Selectable<WecomCallbackTable>;
export type WecomFollowRow = Selectable<WecomFollowTable>;
export type WecomSyncRow = Selectable<WecomSyncTable>;

/** How long a failed callback waits before its next try: 5 s, 10 s, 20 s … up to 10 minutes. */
export const callbackRetryDelayMs = (attempts: number) => Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));

export function wecomRepo(db: Kysely<Database>) {
  return {
    settings(workspaceId: string): Promise<WecomSettingsRow | undefined> {
      return db.selectFrom('wecom_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
    },
    settingsByCallbackKey(key: string): Promise<WecomSettingsRow | undefined> {
      return db.selectFrom('wecom_settings').selectAll().where('callback_key', '=', key).executeTakeFirst();
    },
    async saveSettings(row: WecomSettingsRow): Promise<void> {
      const { workspace_id: _id, callback_key: _key, ...changes } = row;
      await db
        .insertInto('wecom_settings')
        .values(row)
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
        .execute();
    },
    async markSettings(workspaceId: string, patch: Partial<Pick<WecomSettingsRow, 'callback_verified_at' | 'last_callback_at' | 'tested_at' | 'test_result'>>): Promise<void> {
      await db.updateTable('wecom_settings').set(patch).where('workspace_id', '=', workspaceId).execute();
    },

    // --- access tokens, shared by every process
    async token(workspaceId: string, app: string): Promise<{ token: string; expiresAt: Date } | null> {
      const row = await db.selectFrom('wecom_tokens').select(['token', 'expires_at']).where('workspace_id', '=', workspaceId).where('app', '=', app).executeTakeFirst();
      return row ? { token: row.token, expiresAt: new Date(row.expires_at) } : null;
    },
    async putToken(workspaceId: string, app: string, token: string, expiresAt: Date): Promise<void> {
      const expires_at = expiresAt.toISOString();
      await db
        .insertInto('wecom_tokens')
        .values({ workspace_id: workspaceId, app, token, expires_at })
        .onConflict((oc) => oc.columns(['workspace_id', 'app']).doUpdateSet({ token, expires_at }))
        .execute();
    },
    async dropToken(workspaceId: string, app: string, token?: string): Promise<void> {
      let q = db.deleteFrom('wecom_tokens').where('workspace_id', '=', workspaceId);
      if (app !== '*') q = q.where('app', '=', app);
      if (token !== undefined) q = q.where('token', '=', token);
      await q.execute();
    },

    // --- callbacks: stored as they arrive, processed after the answer
    /** Stores a callback unless the same message (digest) is already stored; true when it is new. */
    async storeCallback(input: { workspaceId: string; digest: string; kind: string; plaintext: string }): Promise<boolean> {
      const at = nowIso();
      const result = await db
        .insertInto('wecom_callbacks')
        .values({ id: newId(), workspace_id: input.workspaceId, digest: input.digest, kind: input.kind, plaintext: input.plaintext, received_at: at, state: 'pending', next_attempt_at: at })
        .onConflict((oc) => oc.columns(['workspace_id', 'digest']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Claims the oldest due pending callback nobody holds. */
    async claimCallback(holder: string, ttlMs: number): Promise<WecomCallbackRow | undefined> {
      const id = await claimDueRow(db, 'wecom_callbacks', { state: 'pending', dueColumn: 'next_attempt_at', orderBy: 'received_at', holder, ttlMs });
      return id ? db.selectFrom('wecom_callbacks').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    },
    async finishCallback(id: string, state: 'done' | 'failed', error: string | null): Promise<void> {
      await db.updateTable('wecom_callbacks').set({ state, error, processed_at: nowIso(), claimed_by: null, claimed_until: null }).where('id', '=', id).execute();
    },
    /** A try failed for a reason that may pass (WeCom unreachable): try again later. */
    async retryCallback(id: string, attempts: number, error: string): Promise<void> {
      const next = new Date(Date.now() + callbackRetryDelayMs(attempts)).toISOString();
      await db.updateTable('wecom_callbacks').set({ attempts, error, next_attempt_at: next, claimed_by: null, claimed_until: null }).where('id', '=', id).execute();
    },
    callbacks(workspaceId: string, limit = 100): Promise<WecomCallbackRow[]> {
      return db.selectFrom('wecom_callbacks').selectAll().where('workspace_id', '=', workspaceId).orderBy('received_at', 'desc').limit(limit).execute();
    },
    async callbackCounts(workspaceId: string): Promise<Record<'pending' | 'done' | 'failed', number>> {
      const rows = await db.selectFrom('wecom_callbacks').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('workspace_id', '=', workspaceId).groupBy('state').execute();
      const counts = { pending: 0, done: 0, failed: 0 };
      for (const row of rows) counts[row.state] = Number(row.n);
      return counts;
    },

    // --- which rep has which contact
    /** Records that the rep has the contact; true when that is new (or renewed after a deletion). */
    async follow(input: { workspaceId: string; externalUserId: string; wecomUserId: string; customerId: string; state: string | null; remark: string | null; addedAt: string }): Promise<boolean> {
      const before = await db
        .selectFrom('wecom_follows')
        .select('removed_at')
        .where('workspace_id', '=', input.workspaceId)
        .where('external_userid', '=', input.externalUserId)
        .where('wecom_userid', '=', input.wecomUserId)
        .executeTakeFirst();
      const values = {
        workspace_id: input.workspaceId,
        external_userid: input.externalUserId,
        wecom_userid: input.wecomUserId,
        customer_id: input.customerId,
        state: input.state,
        remark: input.remark,
        added_at: input.addedAt,
        removed_at: null,
        removed_by: null,
      };
      await db
        .insertInto('wecom_follows')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'external_userid', 'wecom_userid'])
            .doUpdateSet({ customer_id: input.customerId, remark: input.remark, removed_at: null, removed_by: null, ...(input.state ? { state: input.state } : {}), ...(before?.removed_at ? { added_at: input.addedAt } : {}) }),
        )
        .execute();
      return !before || before.removed_at !== null;
    },
    /** Marks a follow ended; false when it was not there or already ended. */
    async unfollow(workspaceId: string, externalUserId: string, wecomUserId: string, by: 'customer' | 'rep', at: string): Promise<boolean> {
      const result = await db
        .updateTable('wecom_follows')
        .set({ removed_at: at, removed_by: by })
        .where('workspace_id', '=', workspaceId)
        .where('external_userid', '=', externalUserId)
        .where('wecom_userid', '=', wecomUserId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Each customer's external_userid as a live contact of the member `wecomUserId`. */
    async contactsOf(workspaceId: string, wecomUserId: string, customerIds: string[]): Promise<Map<string, string>> {
      if (customerIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('wecom_follows')
        .select(['customer_id', 'external_userid'])
        .where('workspace_id', '=', workspaceId)
        .where('wecom_userid', '=', wecomUserId)
        .where('customer_id', 'in', customerIds)
        .where('removed_at', 'is', null)
        .execute();
      return new Map(rows.flatMap((r) => (r.customer_id ? [[r.customer_id, r.external_userid] as const] : [])));
    },
    follows(workspaceId: string, externalUserId: string): Promise<WecomFollowRow[]> {
      return db.selectFrom('wecom_follows').selectAll().where('workspace_id', '=', workspaceId).where('external_userid', '=', externalUserId).orderBy('added_at').execute();
    },

    // --- the corp tag catalogue (企业标签) mirrored as Sopline tags
    /** Makes the tag called `name` the mirror of WeCom's `wecomTagId` (and no other tag), creating it if needed; its id. */
    async linkTag(workspaceId: string, name: string, wecomTagId: string): Promise<string> {
      const current = await db.selectFrom('tags').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('wecom_tag_id', '=', wecomTagId).executeTakeFirst();
      if (current?.name === name) return current.id;
      if (current) await db.updateTable('tags').set({ wecom_tag_id: null }).where('id', '=', current.id).execute();
      const at = nowIso();
      await db.insertInto('tags').values({ id: newId(), workspace_id: workspaceId, name, created_at: at }).onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing()).execute();
      const tag = await db.selectFrom('tags').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirstOrThrow();
      await db.updateTable('tags').set({ wecom_tag_id: wecomTagId }).where('id', '=', tag.id).execute();
      return tag.id;
    },
    taggedByWecomId(workspaceId: string, wecomTagId: string) {
      return db.selectFrom('tags').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('wecom_tag_id', '=', wecomTagId).executeTakeFirst();
    },
    /** Tag names by WeCom tag id, for the ids given. */
    async tagNames(workspaceId: string, wecomTagIds: string[]): Promise<Map<string, string>> {
      if (wecomTagIds.length === 0) return new Map();
      const rows = await db.selectFrom('tags').select(['name', 'wecom_tag_id']).where('workspace_id', '=', workspaceId).where('wecom_tag_id', 'in', wecomTagIds).execute();
      return new Map(rows.map((r) => [r.wecom_tag_id!, r.name]));
    },
    /** Forgets the WeCom link of every tag whose corp tag is gone; the Sopline tags and their customers stay. */
    async unlinkTagsExcept(workspaceId: string, present: string[]): Promise<number> {
      let q = db.updateTable('tags').set({ wecom_tag_id: null }).where('workspace_id', '=', workspaceId).where('wecom_tag_id', 'is not', null);
      if (present.length > 0) q = q.where('wecom_tag_id', 'not in', present);
      return Number((await q.executeTakeFirst()).numUpdatedRows);
    },

    // --- members who have contacts but no Sopline user
    /** WeCom userids with current contacts that no user of the workspace is mapped to, with how many. */
    unmappedMembers(workspaceId: string): Promise<Array<{ wecom_userid: string; customers: number }>> {
      return db
        .selectFrom('wecom_follows')
        .select(['wecom_follows.wecom_userid', (eb) => eb.fn.count<number>('wecom_follows.external_userid').distinct().as('customers')])
        .where('wecom_follows.workspace_id', '=', workspaceId)
        .where('wecom_follows.removed_at', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('users').select('users.id').where('users.workspace_id', '=', workspaceId).whereRef('users.wecom_userid', '=', 'wecom_follows.wecom_userid'))),
        )
        .groupBy('wecom_follows.wecom_userid')
        .orderBy('wecom_follows.wecom_userid')
        .execute()
        .then((rows) => rows.map((r) => ({ wecom_userid: r.wecom_userid, customers: Number(r.customers) })));
    },
    /** Gives the member's current, unowned contacts to `userId`; how many. */
    async assignUnowned(workspaceId: string, wecomUserId: string, userId: string): Promise<number> {
      const result = await db
        .updateTable('customers')
        .set({ owner_id: userId, updated_at: nowIso() })
        .where('workspace_id', '=', workspaceId)
        .where('owner_id', 'is', null)
        .where('id', 'in', db.selectFrom('wecom_follows').select('customer_id').where('workspace_id', '=', workspaceId).where('wecom_userid', '=', wecomUserId).where('removed_at', 'is', null).where('customer_id', 'is not', null).$narrowType<{ customer_id: string }>())
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    // --- "import from WeCom" runs
    async createSync(workspaceId: string, createdBy: string | null): Promise<WecomSyncRow> {
      const at = nowIso();
      const row = { id: newId(), workspace_id: workspaceId, state: 'running' as const, members: null, cursor: null, error: null, created_by: createdBy, created_at: at, updated_at: at, finished_at: null };
      await db.insertInto('wecom_syncs').values(row).execute();
      return db.selectFrom('wecom_syncs').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    },
    sync(workspaceId: string, id: string): Promise<WecomSyncRow | undefined> {
      return db.selectFrom('wecom_syncs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    syncById(id: string): Promise<WecomSyncRow | undefined> {
      return db.selectFrom('wecom_syncs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    latestSync(workspaceId: string): Promise<WecomSyncRow | undefined> {
      return db.selectFrom('wecom_syncs').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    },
    async updateSync(id: string, patch: Partial<Omit<WecomSyncRow, 'id' | 'workspace_id' | 'created_at'>>): Promise<void> {
      await db.updateTable('wecom_syncs').set({ ...patch, updated_at: nowIso() }).where('id', '=', id).execute();
    },
    claimSync(holder: string, ttlMs: number): Promise<string | undefined> {
      return claimNextJob(db, 'wecom_syncs', 'state', ['running'], holder, ttlMs);
    },
    async renewSync(id: string, holder: string, ttlMs: number): Promise<void> {
      await db.updateTable('wecom_syncs').set({ claimed_until: claimUntil(ttlMs) }).where('id', '=', id).where('claimed_by', '=', holder).execute();
    },
  };
}
