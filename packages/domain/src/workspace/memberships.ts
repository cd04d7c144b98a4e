import type { Db, User, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { z } from 'zod';
import { openSession } from '../auth/sessions.ts';
import { DomainError, errors } from '../errors.ts';
import { checkQuietHours, NewQuietHours, WorkspaceName, WorkspaceZone } from './settings.ts';
import type { Viewer } from '../users/viewer.ts';

/**
 * A person is their e-mail: they belong to a workspace through an account (a user row) there, with a
 * role of its own. Everything a session reads stays scoped to the one account it was opened for;
 * switching opens a session for the person's account in the other workspace.
 */
export type Membership = { workspaceId: string; name: string; role: User['role']; isDemo: boolean; current: boolean };

export const NewWorkspaceInput = z.object({
  name: WorkspaceName,
  timezone: WorkspaceZone,
  ...NewQuietHours,
});

/** The workspaces the signed-in person belongs to (active accounts with their e-mail), by name. */
export async function listMemberships(deps: { db: Db }, current: { user: User }): Promise<Membership[]> {
  const rows = await deps.db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select(['workspaces.id as workspaceId', 'workspaces.name as name', 'workspaces.is_demo as isDemo', 'users.role as role', 'users.id as userId'])
    .where('users.email', '=', current.user.email)
    .where('users.active', '=', 1)
    .orderBy('workspaces.name')
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspaceId, name: r.name, role: r.role, isDemo: r.isDemo === 1, current: r.userId === current.user.id }));
}

/**
 * Signs the person in to another workspace they belong to: a new session for their account there (the
 * cookie is replaced), and the current one ends. Someone without an active account there is told no
 * such workspace exists, as for any id they cannot see.
 */
export async function switchWorkspace(
  deps: { db: Db; sessionSecret: string },
  current: { user: User; sessionId: string },
  input: { workspaceId: string; ip: string; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date; user: User; workspace: Workspace }> {
  const r = repos(deps.db);
  const account = (await r.users.byEmail(current.user.email)).find((u) => u.workspace_id === input.workspaceId && u.active === 1);
  const workspace = account ? await r.workspaces.get(input.workspaceId) : undefined;
  if (!account || !workspace) throw errors.notFound('工作区 / workspace', input.workspaceId);
  const session = await openSession(deps, account, input);
  await r.sessions.delete(current.sessionId);
  return { ...session, user: account, workspace };
}

/**
 * Creates another workspace (an agency running a second brand) with the calling admin as its admin:
 * an account with the same e-mail, name and password. The caller switches to it to start there.
 */
export async function createWorkspace(deps: { db: Db }, viewer: Viewer, input: z.input<typeof NewWorkspaceInput>): Promise<Membership> {
  const parsed = NewWorkspaceInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'workspace';
    throw new DomainError('workspace.invalid', text(`工作区设置无效（${field}）：${issue.message}`, `Invalid workspace (${field}): ${issue.message}`), [], { field });
  }
  const data = parsed.data;
  checkQuietHours(data);
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const me = await r.users.get(viewer.workspaceId, viewer.userId);
    if (!me) throw errors.notFound('用户 / user', viewer.userId);
    const workspace = await r.workspaces.create({ name: data.name, timezone: data.timezone, quietStart: data.quietStart, quietEnd: data.quietEnd });
    await r.users.create({ workspaceId: workspace.id, email: me.email, name: me.name, role: 'admin', passwordHash: me.password_hash });
    return { workspaceId: workspace.id, name: workspace.name, role: 'admin', isDemo: false, current: false };
  });
}
