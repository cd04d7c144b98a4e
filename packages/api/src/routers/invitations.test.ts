import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, failureOf, PASSWORD } from '../testing.ts';

const DAY = 86_400_000;

describe('invitations router', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const domainCode = async (call: Promise<unknown>) => ((await failureOf(call)).cause as { code?: string } | undefined)?.code;

  it('invites by e-mail with a role; the invitee sets name and password and is signed in to that workspace', async () => {
    const admin = f.callerAs(f.a.admin);
    const { invitation, token } = await admin.invitations.create({ email: 'New.Rep@A.test', role: 'sales' });
    expect(invitation).toMatchObject({ email: 'new.rep@a.test', role: 'sales', status: 'pending', invitedBy: f.a.admin.name });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * DAY);
    expect(token).toMatch(/^[\w-]{43}$/);
    // Only the hash is kept.
    const stored = await f.db.selectFrom('invitations').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await admin.invitations.list()).map((i) => i.email)).toEqual(['new.rep@a.test']);

    const anonymous = f.callerAs(null);
    expect(await anonymous.invitations.lookup({ token })).toMatchObject({ status: 'valid', workspaceName: 'Shop A', email: 'new.rep@a.test', role: 'sales', existingAccount: false });
    expect(await domainCode(anonymous.invitations.accept({ token, name: '新销售', password: '1234567890' }))).toBe('password.weak');
    expect(await domainCode(anonymous.invitations.accept({ token, password: 'a-fine-password-1' }))).toBe('invitation.invalid');
    const user = await anonymous.invitations.accept({ token, name: '新销售', password: 'a-fine-password-1' });
    expect(user).toMatchObject({ email: 'new.rep@a.test', role: 'sales', name: '新销售' });
    expect((await repos(f.db).users.byEmailIn(f.a.workspace.id, 'new.rep@a.test'))?.role).toBe('sales');
    expect(await codeOf(anonymous.auth.login({ email: 'new.rep@a.test', password: 'a-fine-password-1' }))).toBe('OK');

    // Used once: the link now says so, and the pending list is empty.
    expect(await anonymous.invitations.lookup({ token })).toEqual({ status: 'used' });
    expect(await codeOf(anonymous.invitations.accept({ token, name: 'Again', password: 'a-fine-password-2' }))).toBe('CONFLICT');
    expect(await admin.invitations.list()).toEqual([]);
  });

  it('says in words why a link no longer works: expired, revoked, replaced, unknown', async () => {
    const admin = f.callerAs(f.a.admin);
    const anonymous = f.callerAs(null);
    const old = await admin.invitations.create({ email: 'late@a.test', role: 'ops' });
    await f.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('email', '=', 'late@a.test').execute();
    expect(await anonymous.invitations.lookup({ token: old.token })).toEqual({ status: 'expired' });
    expect((await admin.invitations.list()).map((i) => i.status)).toEqual(['expired']);
    const expired = await failureOf(anonymous.invitations.accept({ token: old.token, name: 'Late', password: 'a-fine-password-1' }));
    expect(expired.message).toContain('expired');

    // Inviting again replaces the old link.
    const first = await admin.invitations.create({ email: 'twice@a.test', role: 'sales' });
    const second = await admin.invitations.create({ email: 'twice@a.test', role: 'ops' });
    expect(await anonymous.invitations.lookup({ token: first.token })).toEqual({ status: 'revoked' });
    expect(await anonymous.invitations.lookup({ token: second.token })).toMatchObject({ status: 'valid', role: 'ops' });
    await admin.invitations.revoke({ invitationId: second.invitation.id });
    expect(await domainCode(anonymous.invitations.accept({ token: second.token, name: 'X', password: 'a-fine-password-1' }))).toBe('invitation.revoked');
    expect(await codeOf(admin.invitations.revoke({ invitationId: second.invitation.id }))).toBe('NOT_FOUND');

    expect(await anonymous.invitations.lookup({ token: 'x'.repeat(43) })).toEqual({ status: 'unknown' });
    expect(await codeOf(anonymous.invitations.accept({ token: 'x'.repeat(43), name: 'X', password: 'a-fine-password-1' }))).toBe('NOT_FOUND');
    expect(await codeOf(anonymous.invitations.lookup({ token: 'short' }))).toBe('BAD_REQUEST');
  });

  it('refuses to invite a member, and lets only admins invite', async () => {
    expect(await codeOf(f.callerAs(f.a.admin).invitations.create({ email: f.a.sales.email, role: 'sales' }))).toBe('CONFLICT');
    expect(await codeOf(f.callerAs(f.a.ops).invitations.create({ email: 'x@a.test', role: 'sales' }))).toBe('FORBIDDEN');
    expect(await codeOf(f.callerAs(f.a.sales).invitations.list())).toBe('FORBIDDEN');
    expect(await codeOf(f.callerAs(null).invitations.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(f.callerAs(f.a.admin).invitations.create({ email: 'not an e-mail', role: 'sales' }))).toBe('BAD_REQUEST');
  });

  it('lets someone with an account elsewhere join with their existing password', async () => {
    const { token } = await f.callerAs(f.a.admin).invitations.create({ email: f.b.ops.email, role: 'ops' });
    const anonymous = f.callerAs(null);
    expect(await anonymous.invitations.lookup({ token })).toMatchObject({ status: 'valid', existingAccount: true });
    expect(await codeOf(anonymous.invitations.accept({ token, password: 'not-their-password' }))).toBe('UNAUTHORIZED');
    const joined = await anonymous.invitations.accept({ token, password: PASSWORD });
    expect(joined).toMatchObject({ email: f.b.ops.email, name: f.b.ops.name, role: 'ops' });
    const accounts = await repos(f.db).users.byEmail(f.b.ops.email);
    expect(accounts.map((u) => u.workspace_id).sort()).toEqual([f.a.workspace.id, f.b.workspace.id].sort());
  });

  it('lets only one of two simultaneous acceptances of a link create an account', async () => {
    const { token } = await f.callerAs(f.a.admin).invitations.create({ email: 'race@a.test', role: 'sales' });
    const anonymous = f.callerAs(null);
    const results = await Promise.allSettled([
      anonymous.invitations.accept({ token, name: 'One', password: 'a-fine-password-1' }),
      anonymous.invitations.accept({ token, name: 'Two', password: 'a-fine-password-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await repos(f.db).users.byEmail('race@a.test')).toHaveLength(1);
  });
});
