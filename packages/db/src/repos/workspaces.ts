import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, User, Workspace } from '../schema.ts';
import { containsText } from './text-match.ts';

export type NewWorkspace = {
  name: string;
  timezone: string;
  quietStart?: string | null;
  quietEnd?: string | null;
  capPerDay?: number | null;
  capPerWeek?: number | null;
  /** The demo workspace that `pnpm start` seeds. */
  isDemo?: boolean;
};

export function workspacesRepo(db: Kysely<Database>) {
  return {
    async create(input: NewWorkspace): Promise<Workspace> {
      const row: Workspace = {
        id: newId(),
        name: input.name,
        timezone: input.timezone,
        quiet_start: input.quietStart ?? null,
        quiet_end: input.quietEnd ?? null,
        cap_per_day: input.capPerDay ?? null,
        cap_per_week: input.capPerWeek ?? null,
        created_at: nowIso(),
        is_demo: input.isDemo ? 1 : 0,
      };
      await db.insertInto('workspaces').values(row).execute();
      return row;
    },
    get(id: string): Promise<Workspace | undefined> {
      return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The demo workspace, if the install has one. */
    demo(): Promise<Workspace | undefined> {
      return db.selectFrom('workspaces').selectAll().where('is_demo', '=', 1).orderBy('created_at').executeTakeFirst();
    },
    async update(id: string, patch: Partial<Omit<Workspace, 'id' | 'created_at'>>): Promise<void> {
      await db.updateTable('workspaces').set(patch).where('id', '=', id).execute();
    },
  };
}

export function usersRepo(db: Kysely<Database>) {
  return {
    async create(input: { workspaceId: string; email: string; name: string; role: User['role']; passwordHash?: string | null }): Promise<User> {
      const row: User = {
        id: newId(),
        workspace_id: input.workspaceId,
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash ?? null,
        active: 1,
        created_at: nowIso(),
        wecom_userid: null,
        timezone: null,
      };
      await db.insertInto('users').values(row).execute();
      return row;
    },
    get(workspaceId: string, id: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    },
    /** By e-mail across workspaces: login names the workspace by its user's e-mail. */
    byEmail(email: string): Promise<User[]> {
      return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).execute();
    },
    list(workspaceId: string): Promise<User[]> {
      return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
    },
    /** The member WeCom knows by this userid (Team settings map each rep to theirs). */
    byWecomUserId(workspaceId: string, wecomUserId: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('wecom_userid', '=', wecomUserId).executeTakeFirst();
    },
    async setWecomUserId(workspaceId: string, id: string, wecomUserId: string | null): Promise<boolean> {
      const result = await db.updateTable('users').set({ wecom_userid: wecomUserId }).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    byEmailIn(workspaceId: string, email: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('email', '=', email.toLowerCase()).executeTakeFirst();
    },
    /** A page of the workspace's users by name, and how many match in all. */
    async page(workspaceId: string, input: { q?: string; role?: User['role']; active?: boolean; limit: number; offset: number }): Promise<{ rows: User[]; total: number }> {
      let q = db.selectFrom('users').where('workspace_id', '=', workspaceId);
      if (input.role) q = q.where('role', '=', input.role);
      if (input.active !== undefined) q = q.where('active', '=', input.active ? 1 : 0);
      if (input.q) {
        const text = input.q;
        q = q.where((eb) => eb.or([containsText('name', text), containsText('email', text)]));
      }
      const rows = await q.selectAll().orderBy('name').orderBy('id').limit(input.limit).offset(input.offset).execute();
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(total.n) };
    },
    async update(workspaceId: string, id: string, patch: { role?: User['role']; active?: boolean; passwordHash?: string; name?: string; timezone?: string | null }): Promise<boolean> {
      const set: Partial<Pick<User, 'role' | 'active' | 'password_hash' | 'name' | 'timezone'>> = {};
      if (patch.timezone !== undefined) set.timezone = patch.timezone;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (patch.name !== undefined) set.name = patch.name;
      if (Object.keys(set).length === 0) return (await this.get(workspaceId, id)) !== undefined;
      const result = await db.updateTable('users').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Signs the user out everywhere (but `exceptSessionId`, the caller's own session). */
    async endSessions(workspaceId: string, userId: string, exceptSessionId?: string): Promise<number> {
      let q = db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
      if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
