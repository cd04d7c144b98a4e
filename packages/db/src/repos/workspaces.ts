import type { Kysely } from 'kysely';
import { newId, nowIso } from '../ids.ts';
import type { Database, User, Workspace } from '../schema.ts';

export type NewWorkspace = {
  name: string;
  timezone: string;
  quietStart?: string | null;
  quietEnd?: string | null;
  capPerDay?: number | null;
  capPerWeek?: number | null;
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
      };
      await db.insertInto('workspaces').values(row).execute();
      return row;
    },
    get(id: string): Promise<Workspace | undefined> {
      return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
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
  };
}
