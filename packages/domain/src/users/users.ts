import type { Db, User } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { z } from 'zod';
import { hashPassword } from '../auth/password.ts';
import { DomainError, errors } from '../errors.ts';
import type { Viewer } from './viewer.ts';

export const ROLES = ['admin', 'ops', 'sales'] as const;
export const Role = z.enum(ROLES);
/** Long enough to resist guessing even before login throttling; capped so hashing stays cheap. */
export const NewPassword = z.string().min(10, 'at least 10 characters').max(200);

/** A user as the API shows them: never the password hash. */
export type PublicUser = { id: string; email: string; name: string; role: User['role']; active: boolean; createdAt: string; wecomUserId: string | null };

export function publicUser(u: User): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, active: u.active === 1, createdAt: u.created_at, wecomUserId: u.wecom_userid };
}

/** WeCom's member UserID (账号): 1–64 letters, digits and _-@. , starting with a letter or digit. */
export const WecomUserId = z.string().trim().max(64);
const WECOM_USERID = /^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,63}$/;

/**
 * Maps a user to their WeCom member (Team settings): WeCom's callbacks then give them the contacts
 * they add, and they can sign in with WeCom. An empty id removes the mapping; one id, one user.
 * Linking also hands the member's customers that arrived unassigned to the user.
 */
export async function setUserWecomId(deps: { db: Db }, viewer: Viewer, input: { userId: string; wecomUserId: string | null }): Promise<PublicUser & { assignedCustomers: number }> {
  const id = input.wecomUserId?.trim() || null;
  if (id !== null && !WECOM_USERID.test(id)) {
    throw new DomainError('user.wecom-id', text('企业微信账号只能包含字母、数字和 _-@.，且以字母或数字开头（在企业微信后台「通讯录 → 成员详情 → 账号」）', 'A WeCom account is letters, digits and _-@. , starting with a letter or digit (Contacts → member → Account in WeCom’s console)'), [], { field: 'wecomUserId' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const user = await target(trx, viewer, input.userId);
    const r = repos(trx).users;
    if (id !== null) {
      const holder = await r.byWecomUserId(viewer.workspaceId, id);
      if (holder && holder.id !== user.id) throw new DomainError('user.wecom-id-taken', text(`企业微信账号 ${id} 已对应到 ${holder.name}`, `WeCom account ${id} already belongs to ${holder.name}`), [], { field: 'wecomUserId' });
    }
    await r.setWecomUserId(viewer.workspaceId, user.id, id);
    // The member's contacts that arrived while nobody was linked to them become this user's.
    const assignedCustomers = id !== null && user.active === 1 ? await repos(trx).wecom.assignUnowned(viewer.workspaceId, id, user.id) : 0;
    return { ...publicUser(await target(trx, viewer, user.id)), assignedCustomers };
  });
}

const emailTaken = () => new DomainError('user.email-taken', text('本工作区已有使用该邮箱的用户', 'A user with this e-mail already exists in this workspace'), [], { field: 'email' });
const notYourself = (what: 'deactivate' | 'role') =>
  what === 'deactivate'
    ? new DomainError('user.self', text('不能停用自己的账号', 'You cannot deactivate your own account'))
    : new DomainError('user.self', text('不能修改自己的角色，请让另一位管理员操作', 'You cannot change your own role: ask another admin'));

async function target(db: Db, viewer: Viewer, userId: string): Promise<User> {
  const user = await repos(db).users.get(viewer.workspaceId, userId);
  if (!user) throw errors.notFound('用户 / user', userId);
  return user;
}

export async function listUsers(
  deps: { db: Db },
  viewer: Viewer,
  input: { q?: string; role?: User['role']; active?: boolean; limit: number; offset: number },
): Promise<{ items: PublicUser[]; total: number }> {
  const { rows, total } = await repos(deps.db).users.page(viewer.workspaceId, input);
  return { items: rows.map(publicUser), total };
}

/** Adds a user to the viewer's workspace with an initial password they sign in with. */
export async function createUser(
  deps: { db: Db },
  viewer: Viewer,
  input: { email: string; name: string; role: User['role']; password: string },
): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    if (await r.users.byEmailIn(viewer.workspaceId, email)) throw emailTaken();
    return publicUser(await r.users.create({ workspaceId: viewer.workspaceId, email, name: input.name.trim(), role: input.role, passwordHash }));
  });
}

/** Takes effect on the user's next request: sessions read the user row every time. */
export async function setUserRole(deps: { db: Db }, viewer: Viewer, input: { userId: string; role: User['role'] }): Promise<PublicUser> {
  const user = await target(deps.db, viewer, input.userId);
  if (user.id === viewer.userId) throw notYourself('role');
  await repos(deps.db).users.update(viewer.workspaceId, user.id, { role: input.role });
  return publicUser(await target(deps.db, viewer, user.id));
}

/** Deactivates the user and signs them out everywhere; their customers and tasks stay where they are. */
export async function deactivateUser(deps: { db: Db }, viewer: Viewer, input: { userId: string }): Promise<PublicUser & { sessionsEnded: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await target(trx, viewer, input.userId);
    if (user.id === viewer.userId) throw notYourself('deactivate');
    const r = repos(trx);
    await r.users.update(viewer.workspaceId, user.id, { active: false });
    const sessionsEnded = await r.users.endSessions(viewer.workspaceId, user.id);
    return { ...publicUser(await target(trx, viewer, user.id)), sessionsEnded };
  });
}

export async function reactivateUser(deps: { db: Db }, viewer: Viewer, input: { userId: string }): Promise<PublicUser> {
  const user = await target(deps.db, viewer, input.userId);
  await repos(deps.db).users.update(viewer.workspaceId, user.id, { active: true });
  return publicUser(await target(deps.db, viewer, user.id));
}

/** Sets a new password and ends the user's other sessions (an admin resetting their own keeps this one). */
export async function resetUserPassword(deps: { db: Db }, viewer: Viewer, input: { userId: string; password: string }): Promise<PublicUser & { sessionsEnded: number }> {
  const user = await target(deps.db, viewer, input.userId);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    await r.users.update(viewer.workspaceId, user.id, { passwordHash });
    const sessionsEnded = await r.users.endSessions(viewer.workspaceId, user.id, user.id === viewer.userId ? viewer.sessionId : undefined);
    return { ...publicUser(user), sessionsEnded };
  });
}
