import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { ApiKey, Database, Session } from '../schema.ts';

export function sessionsRepo(db: Kysely<Database>) {
  return {
    async create(row: Session): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    get(id: string): Promise<Session | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteOfUser(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpired(nowIsoValue: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', nowIsoValue).execute();
    },
  };
}

export function loginFailuresRepo(db: Kysely<Database>) {
  return {
    async record(email: string, ip: string, at = nowIso()): Promise<void> {
      await db.insertInto('login_failures').values({ id: newId(), email, ip, at }).execute();
    },
    /** Failures for this e-mail, and from this address, since `sinceIso`. */
    async count(email: string, ip: string, sinceIso: string): Promise<{ byEmail: number; byIp: number }> {
      const byEmail = await db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', email).where('at', '>=', sinceIso).executeTakeFirstOrThrow();
      const byIp = await db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('at', '>=', sinceIso).executeTakeFirstOrThrow();
      return { byEmail: Number(byEmail.n), byIp: Number(byIp.n) };
    },
    async clear(email: string): Promise<void> {
      await db.deleteFrom('login_failures').where('email', '=', email).execute();
    },
  };
}

export function apiKeysRepo(db: Kysely<Database>) {
  return {
    async create(input: { workspaceId: string; name: string; prefix: string; keyHash: string; ratePerMinute: number; createdBy: string | null }): Promise<ApiKey> {
      const row: ApiKey = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: input.name,
        prefix: input.prefix,
        key_hash: input.keyHash,
        rate_per_minute: input.ratePerMinute,
        created_by: input.createdBy,
        created_at: nowIso(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return row;
    },
    byHash(keyHash: string): Promise<ApiKey | undefined> {
      return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
    },
    list(workspaceId: string): Promise<ApiKey[]> {
      return db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').execute();
    },
    async revoke(workspaceId: string, id: string): Promise<boolean> {
      const r = await db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async markUsed(id: string): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: nowIso() }).where('id', '=', id).execute();
    },
  };
}
