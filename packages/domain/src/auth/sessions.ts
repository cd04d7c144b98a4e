import { createHmac, randomBytes } from 'node:crypto';
import type { Db, User, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DomainError } from '../errors.ts';
import { hashPassword, verifyPassword } from './password.ts';

export const SESSION_DAYS = 14;
const DAY = 86_400_000;
/** Failed logins allowed per e-mail (and 4× per address) in the window before login is refused. */
export const LOGIN_LIMIT = { failures: 5, windowMinutes: 15 } as const;

export type SessionUser = { user: User; workspace: Workspace; sessionId: string };

/** The stored id of a session is an HMAC of the cookie token: a database dump cannot be replayed. */
export function sessionIdOf(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

const loginFailed = () => new DomainError('auth.invalid', text('邮箱或密码不正确', 'Wrong e-mail or password'));
const throttled = (minutes: number) =>
  new DomainError('auth.throttled', text(`登录失败次数过多，请 ${minutes} 分钟后再试`, `Too many failed logins: try again in ${minutes} minutes`));

/**
 * Checks the password and opens a session; returns the cookie token (shown once, stored only as an
 * HMAC). A fresh token on every login prevents session fixation.
 */
export async function login(
  deps: { db: Db; sessionSecret: string },
  input: { email: string; password: string; ip: string; userAgent?: string | null; now?: Date },
): Promise<{ token: string; user: User; expiresAt: Date }> {
  const r = repos(deps.db);
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMinutes * 60_000).toISOString();
  const failures = await r.loginFailures.count(email, input.ip, since);
  if (failures.byEmail >= LOGIN_LIMIT.failures || failures.byIp >= LOGIN_LIMIT.failures * 4) throw throttled(LOGIN_LIMIT.windowMinutes);

  const candidates = await r.users.byEmail(email);
  const matches: User[] = [];
  for (const user of candidates) {
    if (user.active && (await verifyPassword(input.password, user.password_hash))) matches.push(user);
  }
  // Someone in several workspaces lands where they last signed in (the header switches), else in the first they joined.
  const match = matches.length > 1 ? await lastUsed(deps.db, matches) : matches[0];
  if (!match) {
    // Spend the same time whether or not the e-mail exists, so timing does not reveal accounts.
    if (candidates.length === 0) await verifyPassword(input.password, await dummyHash());
    await r.loginFailures.record(email, input.ip, now.toISOString());
    throw loginFailed();
  }
  await r.loginFailures.clear(email);
  const { token, expiresAt } = await openSession(deps, match, { ...input, now });
  return { token, user: match, expiresAt };
}

/**
 * A new session for a user whose identity is already proven (a password just checked, an account just
 * created at setup); returns the cookie token, shown once and stored only as an HMAC.
 */
export async function openSession(
  deps: { db: Db; sessionSecret: string },
  user: User,
  input: { ip: string; userAgent?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  await repos(deps.db).sessions.create({
    id: sessionIdOf(token, deps.sessionSecret),
    user_id: user.id,
    workspace_id: user.workspace_id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
    ip: input.ip.slice(0, 64),
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

async function lastUsed(db: Db, accounts: User[]): Promise<User> {
  const latest = await db
    .selectFrom('sessions')
    .select(['user_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('user_id', 'in', accounts.map((a) => a.id))
    .groupBy('user_id')
    .execute();
  const at = (u: User) => latest.find((l) => l.user_id === u.id)?.at ?? '';
  return [...accounts].sort((a, b) => at(b).localeCompare(at(a)) || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0]!;
}

// A valid hash of a random password, used only to equalise timing.
// Made on the first failed login, not at import: every process loading the domain would pay for it.
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** The user behind a cookie token, or null when it is unknown, expired or the user was deactivated. */
export async function resolveSession(deps: { db: Db; sessionSecret: string }, token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const r = repos(deps.db);
  const sessionId = sessionIdOf(token, deps.sessionSecret);
  const session = await r.sessions.get(sessionId);
  if (!session || session.expires_at <= now.toISOString()) return null;
  const user = await r.users.get(session.workspace_id, session.user_id);
  const workspace = await r.workspaces.get(session.workspace_id);
  if (!user || !user.active || !workspace) return null;
  // Sliding expiry, written at most once an hour per session.
  if (now.getTime() - Date.parse(session.last_seen_at) > 3_600_000) {
    await r.sessions.touch(sessionId, now.toISOString(), new Date(now.getTime() + SESSION_DAYS * DAY).toISOString());
  }
  return { user, workspace, sessionId };
}

export async function logout(deps: { db: Db }, sessionId: string): Promise<void> {
  await repos(deps.db).sessions.delete(sessionId);
}
