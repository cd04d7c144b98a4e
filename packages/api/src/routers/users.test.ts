import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../testing.ts';
import { codeOf, createApiFixture, PASSWORD } from '../testing.ts';

describe('users router', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const login = (email: string, password: string) => codeOf(f.callerAs(null).auth.login({ email, password }));

  describe('the sign-in page’s hints', () => {
    it('name the demo’s seeded logins, one per role in order, and nobody else in the demo workspace', async () => {
      expect(await f.callerAs(null).auth.signInHints()).toEqual({ demo: false, demoLogins: [] });
      const r = repos(f.db);
      await r.workspaces.update(f.a.workspace.id, { is_demo: 1 });
      for (const [email, role] of [['rep2@demo.sopline.dev', 'sales'], ['ops@demo.sopline.dev', 'ops'], ['rep1@demo.sopline.dev', 'sales'], ['admin@demo.sopline.dev', 'admin'], ['gone@demo.sopline.dev', 'sales']] as const) {
        await r.users.create({ workspaceId: f.a.workspace.id, email, name: email.split('@')[0]!, role });
      }
      const gone = (await r.users.list(f.a.workspace.id)).find((u) => u.email === 'gone@demo.sopline.dev')!;
      await f.db.updateTable('users').set({ active: 0 }).where('id', '=', gone.id).execute();
      const hints = await f.callerAs(null).auth.signInHints();
      expect(hints.demo).toBe(true);
      // The fixture's own users (admin@a.test …) are real people added to the workspace: not named.
      expect(hints.demoLogins.map((d) => [d.role, d.email])).toEqual([
        ['admin', 'admin@demo.sopline.dev'],
        ['ops', 'ops@demo.sopline.dev'],
        ['sales', 'rep1@demo.sopline.dev'],
        ['sales', 'rep2@demo.sopline.dev'],
      ]);
    });
  });

  describe('list', () => {
    it("shows managers their workspace's users, without password hashes", async () => {
      const page = await f.callerAs(f.a.ops).users.list();
      expect(page.total).toBe(4);
      expect(page.items.map((u) => u.email).sort()).toEqual(['admin@a.test', 'ops@a.test', 'sales2@a.test', 'sales@a.test']);
      for (const u of page.items) {
        expect(u).not.toHaveProperty('password_hash');
        expect(JSON.stringify(u)).not.toContain('scrypt');
      }
    });

    it('filters by role and text, and pages with limit and offset', async () => {
      const sales = await f.callerAs(f.a.admin).users.list({ role: 'sales' });
      expect(sales.items.map((u) => u.id).sort()).toEqual([f.a.sales.id, f.a.sales2.id].sort());
      expect((await f.callerAs(f.a.admin).users.list({ q: 'sales2@' })).items.map((u) => u.id)).toEqual([f.a.sales2.id]);
      const first = await f.callerAs(f.a.admin).users.list({ limit: 3 });
      const rest = await f.callerAs(f.a.admin).users.list({ limit: 3, offset: 3 });
      expect(first.items).toHaveLength(3);
      expect(rest.items).toHaveLength(1);
      expect(new Set([...first.items, ...rest.items].map((u) => u.id)).size).toBe(4);
    });

    it('refuses sales reps, strangers and oversized pages', async () => {
      expect(await codeOf(f.callerAs(f.a.sales).users.list())).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(null).users.list())).toBe('UNAUTHORIZED');
      expect(await codeOf(f.callerAs(f.a.admin).users.list({ limit: 201 }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.admin).users.list({ offset: -1 }))).toBe('BAD_REQUEST');
    });
  });

  describe('create', () => {
    it('adds a user who can sign in with the initial password', async () => {
      const user = await f.callerAs(f.a.admin).users.create({ email: 'New.Rep@A.test', name: '新销售', role: 'sales', password: 'long enough pw' });
      expect(user).toMatchObject({ email: 'new.rep@a.test', name: '新销售', role: 'sales', active: true });
      expect(user).not.toHaveProperty('password_hash');
      const row = await repos(f.db).users.get(f.a.workspace.id, user.id);
      expect(row?.password_hash).toMatch(/^scrypt\$/);
      expect(await login('new.rep@a.test', 'long enough pw')).toBe('OK');
    });

    it('refuses a short password, a bad e-mail, an unknown role and a taken e-mail', async () => {
      const admin = f.callerAs(f.a.admin);
      expect(await codeOf(admin.users.create({ email: 'x@a.test', name: 'x', role: 'sales', password: '123456789' }))).toBe('BAD_REQUEST');
      expect(await codeOf(admin.users.create({ email: 'not-an-email', name: 'x', role: 'sales', password: 'long enough pw' }))).toBe('BAD_REQUEST');
      expect(await codeOf(admin.users.create({ email: 'x@a.test', name: 'x', role: 'owner' as 'sales', password: 'long enough pw' }))).toBe('BAD_REQUEST');
      expect(await codeOf(admin.users.create({ email: 'SALES@a.test', name: 'x', role: 'sales', password: 'long enough pw' }))).toBe('CONFLICT');
      expect((await admin.users.list()).total).toBe(4);
    });

    it('allows the same e-mail in another workspace', async () => {
      const user = await f.callerAs(f.b.admin).users.create({ email: 'sales@a.test', name: 'B 的同名', role: 'sales', password: 'long enough pw' });
      expect(user.email).toBe('sales@a.test');
    });

    it('is for admins only', async () => {
      expect(await codeOf(f.callerAs(f.a.ops).users.create({ email: 'x@a.test', name: 'x', role: 'admin', password: 'long enough pw' }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.sales).users.create({ email: 'x@a.test', name: 'x', role: 'admin', password: 'long enough pw' }))).toBe('FORBIDDEN');
    });
  });

  describe('setRole', () => {
    it("changes another user's role, which their next request sees", async () => {
      const updated = await f.callerAs(f.a.admin).users.setRole({ userId: f.a.sales.id, role: 'ops' });
      expect(updated.role).toBe('ops');
      expect((await f.user(f.a.sales)).role).toBe('ops');
      // A promoted rep can now use manager procedures.
      expect(await codeOf(f.callerAs(await f.user(f.a.sales)).users.list())).toBe('OK');
    });

    it('refuses changing your own role, unknown users and non-admins', async () => {
      expect(await codeOf(f.callerAs(f.a.admin).users.setRole({ userId: f.a.admin.id, role: 'sales' }))).toBe('BAD_REQUEST');
      expect((await f.user(f.a.admin)).role).toBe('admin');
      expect(await codeOf(f.callerAs(f.a.admin).users.setRole({ userId: 'missing', role: 'sales' }))).toBe('NOT_FOUND');
      expect(await codeOf(f.callerAs(f.a.ops).users.setRole({ userId: f.a.sales.id, role: 'admin' }))).toBe('FORBIDDEN');
      expect((await f.user(f.a.sales)).role).toBe('sales');
    });
  });

  describe('deactivate and reactivate', () => {
    it('deactivates a user and ends every session of theirs', async () => {
      const sessionId = await f.session(f.a.sales);
      await f.session(f.a.sales);
      const otherSession = await f.session(f.a.sales2);
      const result = await f.callerAs(f.a.admin).users.deactivate({ userId: f.a.sales.id });
      expect(result).toMatchObject({ id: f.a.sales.id, active: false, sessionsEnded: 2 });
      expect(await repos(f.db).sessions.get(sessionId)).toBeUndefined();
      expect(await repos(f.db).sessions.get(otherSession)).toBeDefined();
      expect(await login('sales@a.test', PASSWORD)).toBe('UNAUTHORIZED');

      await f.callerAs(f.a.admin).users.reactivate({ userId: f.a.sales.id });
      expect((await f.user(f.a.sales)).active).toBe(1);
      expect(await login('sales@a.test', PASSWORD)).toBe('OK');
    });

    it('refuses an admin deactivating themselves, and non-admins', async () => {
      const sessionId = await f.session(f.a.admin);
      expect(await codeOf(f.callerAs(f.a.admin).users.deactivate({ userId: f.a.admin.id }))).toBe('BAD_REQUEST');
      expect((await f.user(f.a.admin)).active).toBe(1);
      expect(await repos(f.db).sessions.get(sessionId)).toBeDefined();
      expect(await codeOf(f.callerAs(f.a.ops).users.deactivate({ userId: f.a.sales.id }))).toBe('FORBIDDEN');
      expect((await f.user(f.a.sales)).active).toBe(1);
    });
  });

  describe('resetPassword', () => {
    it('sets a new password and signs the user out', async () => {
      const sessionId = await f.session(f.a.sales);
      const result = await f.callerAs(f.a.admin).users.resetPassword({ userId: f.a.sales.id, password: 'a brand new secret' });
      expect(result).toMatchObject({ id: f.a.sales.id, sessionsEnded: 1 });
      expect(result).not.toHaveProperty('password_hash');
      expect(await repos(f.db).sessions.get(sessionId)).toBeUndefined();
      expect(await login('sales@a.test', PASSWORD)).toBe('UNAUTHORIZED');
      expect(await login('sales@a.test', 'a brand new secret')).toBe('OK');
    });

    it('refuses short passwords and non-admins, leaving the old password working', async () => {
      expect(await codeOf(f.callerAs(f.a.admin).users.resetPassword({ userId: f.a.sales.id, password: 'short' }))).toBe('BAD_REQUEST');
      expect(await codeOf(f.callerAs(f.a.ops).users.resetPassword({ userId: f.a.sales.id, password: 'long enough pw' }))).toBe('FORBIDDEN');
      expect(await codeOf(f.callerAs(f.a.sales).users.resetPassword({ userId: f.a.sales.id, password: 'long enough pw' }))).toBe('FORBIDDEN');
      expect(await login('sales@a.test', PASSWORD)).toBe('OK');
    });
  });
});
