import { createHash, randomBytes } from 'node:crypto';
import type { Db, Invitation, User } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-rules.ts';
import { DomainError, errors } from '../errors.ts';
import type { Mailer } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';

/** How long a link stays valid. */
export const INVITE_DAYS = 7;
const DAY = 86_400_000;

/** What the team settings show of an invitation: never its token. */
export type PublicInvitation = {
  id: string;
  email: string;
  role: Invitation['role'];
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'expired';
};

/** What the invitation page may know before the invitee signs anything: the token is their proof. */
export type InvitationLookup =
  | { status: 'valid'; workspaceName: string; email: string; role: Invitation['role']; invitedBy: string | null; expiresAt: string; existingAccount: boolean }
  | { status: 'expired' | 'used' | 'revoked' | 'unknown' };

/** The token is 256 random bits, so a plain hash suffices: a database dump cannot be turned back into links. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const CLOSED: Record<Exclude<InvitationLookup['status'], 'valid'>, () => DomainError> = {
  expired: () => new DomainError('invitation.expired', text(`邀请链接已过期（有效期 ${INVITE_DAYS} 天），请管理员重新邀请`, `This invitation has expired (links last ${INVITE_DAYS} days): ask an admin to invite you again`)),
  used: () => new DomainError('invitation.used', text('这个邀请链接已经用过了，请直接登录', 'This invitation has already been used: sign in instead')),
  revoked: () => new DomainError('invitation.revoked', text('这个邀请已被管理员撤销', 'An admin has withdrawn this invitation')),
  unknown: () => new DomainError('invitation.unknown', text('找不到这个邀请链接，请检查链接是否完整', 'No such invitation: check that the link is complete')),
};

function statusOf(invitation: Invitation | undefined, now: Date): InvitationLookup['status'] {
  if (!invitation) return 'unknown';
  if (invitation.accepted_at) return 'used';
  if (invitation.revoked_at) return 'revoked';
  if (invitation.expires_at <= now.toISOString()) return 'expired';
  return 'valid';
}

function publicInvitation(row: Invitation & { inviter_name: string | null }, now: Date): PublicInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.inviter_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: row.expires_at <= now.toISOString() ? 'expired' : 'pending',
  };
}

const alreadyMember = () => new DomainError('user.email-taken', text('本工作区已有使用该邮箱的用户', 'A user with this e-mail already exists in this workspace'), [], { field: 'email' });

/**
 * Invites an e-mail to the viewer's workspace with a role (admins; the router checks). Returns the link's
 * token once; an earlier open invitation of the same e-mail is revoked, so only the newest link works.
 */
export async function createInvitation(
  deps: { db: Db; mailer?: Mailer | undefined },
  viewer: Viewer,
  input: { email: string; role: Invitation['role']; now?: Date; /** The app's address, for the link in the e-mail. */ appUrl?: string | null },
): Promise<{ invitation: PublicInvitation; token: string; email: EmailOutcome }> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const token = randomBytes(32).toString('base64url');
  const created = await deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    if (await r.users.byEmailIn(viewer.workspaceId, email)) throw alreadyMember();
    await r.invitations.revokeOpenFor(viewer.workspaceId, email, now.toISOString());
    const row = await r.invitations.create({
      workspaceId: viewer.workspaceId,
      email,
      role: input.role,
      tokenHash: invitationTokenHash(token),
      invitedBy: viewer.userId,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY).toISOString(),
    });
    const inviter = await r.users.get(viewer.workspaceId, viewer.userId);
    const workspace = await r.workspaces.get(viewer.workspaceId);
    return { invitation: publicInvitation({ ...row, inviter_name: inviter?.name ?? null }, now), token, workspaceName: workspace?.name ?? '' };
  });
  const { workspaceName, ...result } = created;
  if (!deps.mailer || !input.appUrl) return { ...result, email: { status: 'off' } };
  // The invitation stands whether or not the mail goes out: the link is shown to copy either way.
  try {
    await deps.mailer.send(invitationMail({ to: email, workspaceName, invitation: result.invitation, link: `${input.appUrl.replace(/\/+$/, '')}/invite/${token}` }));
    return { ...result, email: { status: 'sent' } };
  } catch (err) {
    return { ...result, email: { status: 'failed', reason: err instanceof Error ? err.message.slice(0, 300) : String(err) } };
  }
}

/** Whether the invitation also went out by e-mail: 'off' without SMTP_URL. */
export type EmailOutcome = { status: 'sent' | 'off' } | { status: 'failed'; reason: string };

const ROLE_NAMES: Record<Invitation['role'], { zh: string; en: string }> = { admin: { zh: '管理员', en: 'admin' }, ops: { zh: '运营', en: 'ops manager' }, sales: { zh: '销售', en: 'sales rep' } };

/** The invitation e-mail, Chinese first then English: the person's language is not known yet. */
export function invitationMail(input: { to: string; workspaceName: string; invitation: PublicInvitation; link: string }): { to: string; subject: string; text: string } {
  const { invitation: inv, workspaceName, link } = input;
  const role = ROLE_NAMES[inv.role];
  const by = inv.invitedBy ?? 'Sopline';
  const until = inv.expiresAt.slice(0, 10);
  return {
    to: input.to,
    subject: `${by} 邀请你加入「${workspaceName}」 / ${by} invites you to ${workspaceName} on Sopline`,
    text: [
      `${by} 邀请你以「${role.zh}」身份加入 Sopline 上的「${workspaceName}」。打开下面的链接，设置姓名和密码即可加入（${until} 前有效，只能使用一次）：`,
      link,
      '',
      `${by} invites you to join ${workspaceName} on Sopline as ${role.en}. Open the link to choose your name and password (valid until ${until}, once):`,
      link,
    ].join('\n'),
  };
}

/** The workspace's invitations that are neither accepted nor revoked; expired ones say so. */
export async function listInvitations(deps: { db: Db }, viewer: Viewer, now = new Date()): Promise<PublicInvitation[]> {
  const rows = await repos(deps.db).invitations.open(viewer.workspaceId);
  return rows.map((row) => publicInvitation(row, now));
}

export async function revokeInvitation(deps: { db: Db }, viewer: Viewer, input: { invitationId: string }): Promise<{ ok: true }> {
  if (!(await repos(deps.db).invitations.revoke(viewer.workspaceId, input.invitationId, new Date().toISOString()))) throw errors.notFound('邀请 / invitation', input.invitationId);
  return { ok: true };
}

/** What the invitation page shows for a token: the workspace and role, or why the link no longer works. */
export async function lookupInvitation(deps: { db: Db }, token: string, now = new Date()): Promise<InvitationLookup> {
  const r = repos(deps.db);
  const invitation = await r.invitations.byTokenHash(invitationTokenHash(token));
  const status = statusOf(invitation, now);
  if (status !== 'valid' || !invitation) return { status: status === 'valid' ? 'unknown' : status };
  const workspace = await r.workspaces.get(invitation.workspace_id);
  const inviter = await r.users.get(invitation.workspace_id, invitation.invited_by);
  const accounts = await r.users.byEmail(invitation.email);
  return {
    status,
    workspaceName: workspace?.name ?? '',
    email: invitation.email,
    role: invitation.role,
    invitedBy: inviter?.name ?? null,
    expiresAt: invitation.expires_at,
    existingAccount: accounts.some((u) => u.active === 1),
  };
}

/**
 * Turns a valid invitation into an account in its workspace, once. Someone new gives a name and a
 * password; someone who already has an account (in another workspace, same e-mail) proves it with their
 * password, and the new account shares it. Of two acceptances of one link only one commits.
 */
export async function acceptInvitation(deps: { db: Db }, input: { token: string; name?: string | undefined; password: string; now?: Date }): Promise<User> {
  const now = input.now ?? new Date();
  const r0 = repos(deps.db);
  const found = await r0.invitations.byTokenHash(invitationTokenHash(input.token));
  const status = statusOf(found, now);
  if (status !== 'valid' || !found) throw CLOSED[status === 'valid' ? 'unknown' : status]();
  const accounts = (await r0.users.byEmail(found.email)).filter((u) => u.active === 1);

  let passwordHash: string;
  let name: string;
  if (accounts.length > 0) {
    let match: User | undefined;
    for (const account of accounts) if (await verifyPassword(input.password, account.password_hash)) match = account;
    if (!match?.password_hash) throw new DomainError('auth.invalid', text('密码不正确：请输入你现有账号的密码', 'Wrong password: enter the password of your existing account'), [], { field: 'password' });
    passwordHash = match.password_hash;
    name = input.name?.trim() || match.name;
  } else {
    name = input.name?.trim() ?? '';
    if (name === '') throw new DomainError('invitation.invalid', text('请填写你的姓名', 'Enter your name'), [], { field: 'name' });
    checkNewPassword(input.password, { email: found.email, field: 'password' });
    passwordHash = await hashPassword(input.password);
  }

  return deps.db.transaction().execute(async (trx) => {
    const r = repos(trx);
    if (await r.users.byEmailIn(found.workspace_id, found.email)) throw alreadyMember();
    const user = await r.users.create({ workspaceId: found.workspace_id, email: found.email, name, role: found.role, passwordHash });
    if (!(await r.invitations.accept(found.id, user.id, now.toISOString()))) {
      // Someone else used, or an admin revoked, the link in the meantime: this account is rolled back.
      const latest = await r.invitations.byTokenHash(found.token_hash);
      const closed = statusOf(latest, now);
      throw CLOSED[closed === 'valid' ? 'used' : closed]();
    }
    return user;
  });
}
