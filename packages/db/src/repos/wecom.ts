import type { Kysely, Selectable } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, WecomCallbackTable, WecomFollowTable, WecomSettingsTable } from '../schema.ts';
import { claimUntil } from './claims.ts';

export type WecomSettingsRow = Selectable<WecomSettingsTable>;
export type WecomCallbackRow = Selectable<WecomCallbackTable>;
export type WecomFollowRow = Selectable<WecomFollowTable>;

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
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const now = nowIso();
        const free = await db
          .selectFrom('wecom_callbacks')
          .select('id')
          .where('state', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
          .orderBy('received_at')
          .limit(1)
          .executeTakeFirst();
        if (!free) return undefined;
        const won = await db
          .updateTable('wecom_callbacks')
          .set({ claimed_by: holder, claimed_until: claimUntil(ttlMs) })
          .where('id', '=', free.id)
          .where('state', '=', 'pending')
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
          .executeTakeFirst();
        if (Number(won.numUpdatedRows) === 1) return db.selectFrom('wecom_callbacks').selectAll().where('id', '=', free.id).executeTakeFirst();
      }
      return undefined;
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
    async follow(input: { workspaceId: string; externalUserId: string; wecomUserId: string; customerId: string; state: string | null; remark: string | null; addedAt: string }): Promise<void> {
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
          oc.columns(['workspace_id', 'external_userid', 'wecom_userid']).doUpdateSet({ customer_id: input.customerId, remark: input.remark, removed_at: null, removed_by: null, ...(input.state ? { state: input.state } : {}) }),
        )
        .execute();
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
    follows(workspaceId: string, externalUserId: string): Promise<WecomFollowRow[]> {
      return db.selectFrom('wecom_follows').selectAll().where('workspace_id', '=', workspaceId).where('external_userid', '=', externalUserId).orderBy('added_at').execute();
    },
  };
}
