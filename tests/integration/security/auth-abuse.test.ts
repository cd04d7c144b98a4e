import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMIT } from '@sopline/domain';
import type { SecurityApp } from './app.ts';
import { PASSWORD, rowCounts, signIn, startSecurityApp, trpc } from './app.ts';

/**
 * Attacks on the signed-in surface over real HTTP: cross-site request forgery, session fixation,
 * password guessing, and leaks of API keys (in answers, in the database, in the logs).
 */
describe('auth abuse over real HTTP', () => {
  let app: SecurityApp;
  beforeAll(async () => {
    app = await startSecurityApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const journeys = async () => (await rowCounts(app.db)).journeys;
  const me = async (cookie: string) => (await fetch(`${app.base}/trpc/auth.me`, { headers: { cookie } })).status;

  describe('CSRF', () => {
    it('refuses cookie-carrying state changes from another site, from an opaque origin, or with no origin at all', async () => {
      const cookie = await signIn(app, app.users.ops.email);
      const before = await journeys();
      const attempts: Array<[string, Record<string, string>]> = [
        ['cross-site Origin', { origin: 'https://evil.example' }],
        ['look-alike Origin', { origin: `${app.base}.evil.example` }],
        ['Origin: null (sandboxed frame, data: URL)', { origin: 'null' }],
        ['garbage Origin', { origin: 'not a url' }],
        ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
        ['Sec-Fetch-Site: same-site (a sibling host)', { 'sec-fetch-site': 'same-site' }],
        ['no Origin and no Sec-Fetch-Site', {}],
      ];
      for (const [what, headers] of attempts) {
        const res = await fetch(`${app.base}/trpc/journeys.create`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ name: 'forged' }) });
        expect(res.status, what).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe('csrf');
      }
      // A form post (text/plain, the one kind a page can send cross-site without a preflight).
      const form = await fetch(`${app.base}/trpc/auth.logout`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie, origin: 'https://evil.example' }, body: '{}' });
      expect(form.status).toBe(403);
      // A batch that hides a state change among queries.
      const batch = await fetch(`${app.base}/trpc/auth.me,journeys.create?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ 1: { name: 'forged' } }) });
      expect(batch.status).toBe(403);
      expect(await journeys()).toBe(before);
      expect(await me(cookie)).toBe(200);

      // The same call from our own page works.
      const own = await trpc(app, 'journeys.create', { name: 'mine' }, { cookie });
      expect(own.status).toBe(200);
      expect(await journeys()).toBe(before + 1);
    });

    it('has no state change over GET: a mutation in a link or <img> does nothing', async () => {
      const cookie = await signIn(app, app.users.ops.email);
      const before = await journeys();
      const create = await trpc(app, 'journeys.create', { name: 'via GET' }, { cookie, method: 'GET' });
      expect(create.status).toBe(405);
      const logout = await trpc(app, 'auth.logout', undefined, { cookie, method: 'GET' });
      expect(logout.status).toBe(405);
      expect(await journeys()).toBe(before);
      expect(await me(cookie)).toBe(200);
    });
  });

  describe('sessions', () => {
    it('never adopts a planted session id; the cookie is HttpOnly, SameSite=Lax, Secure behind TLS', async () => {
      const planted = 'sopline_session=planted-by-the-attacker-0123456789abcdefghijklmnopq';
      const login = await trpc(app, 'auth.login', { email: app.users.ops.email, password: PASSWORD }, { headers: { cookie: planted, 'x-forwarded-proto': 'https' } });
      expect(login.status).toBe(200);
      const setCookie = login.res.headers.get('set-cookie')!;
      const issued = setCookie.split(';')[0]!;
      expect(issued).not.toBe(planted);
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Lax/i);
      expect(setCookie).toMatch(/; Secure/i);
      expect(await me(planted)).toBe(401);
      expect(await me(issued)).toBe(200);
      // The database holds an HMAC of the token, never the token itself.
      const token = decodeURIComponent(issued.split('=')[1]!);
      const rows = await app.db.selectFrom('sessions').select('id').execute();
      expect(rows.map((r) => r.id)).not.toContain(token);
    });

    it('each login gets a fresh token; logout kills it on the server, so a copied cookie is refused afterwards', async () => {
      const first = await signIn(app, app.users.ops.email);
      const second = await signIn(app, app.users.ops.email);
      expect(first).not.toBe(second);
      const sessions = (await rowCounts(app.db)).sessions;
      const out = await trpc(app, 'auth.logout', {}, { cookie: first });
      expect(out.status).toBe(200);
      expect(out.res.headers.get('set-cookie')).toMatch(/sopline_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await rowCounts(app.db)).sessions).toBe(sessions - 1);
      // The attacker kept a copy of the cookie: it no longer opens anything.
      expect(await me(first)).toBe(401);
      expect((await trpc(app, 'journeys.create', { name: 'after logout' }, { cookie: first })).status).toBe(401);
      expect(await me(second)).toBe(200);
    });

    it('refuses junk cookies without an error: oversize, bad encoding, many cookies', async () => {
      for (const cookie of [`sopline_session=${'a'.repeat(5000)}`, 'sopline_session=%E0%A4%A', 'sopline_session=', `${Array.from({ length: 200 }, (_, i) => `c${i}=x`).join('; ')}; sopline_session=zzz`]) {
        expect(await me(cookie)).toBe(401);
      }
    });
  });

  describe('password guessing', () => {
    const guess = (email: string, password: string, ip: string) => trpc(app, 'auth.login', { email, password }, { headers: { 'x-forwarded-for': ip } });

    it('locks an account after repeated failures (bilingual 429), even for the right password, and unlocks after the window', async () => {
      const email = app.users.sales.email;
      const wrongs: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT.failures; i += 1) wrongs.push((await guess(email, `guess-${i}`, `10.1.0.${i}`)).status);
      expect(wrongs).toEqual(Array(LOGIN_LIMIT.failures).fill(401));
      // From yet another address, with the right password: still locked (the limit is per account).
      const locked = await guess(email.toUpperCase(), PASSWORD, '10.1.0.200');
      expect(locked.status).toBe(429);
      const text = (locked.json.error!.data.domain as { text: { en: string; 'zh-CN': string } }).text;
      expect(text.en).toMatch(/Too many failed logins: try again in 15 minutes/);
      expect(text['zh-CN']).toMatch(/登录失败次数过多/);
      expect(locked.res.headers.get('set-cookie')).toBeNull();
      // The window passes (the failures age by 16 minutes): the right password opens again.
      const aged = new Date(Date.now() - (LOGIN_LIMIT.windowMinutes + 1) * 60_000).toISOString();
      await app.db.updateTable('login_failures').set({ at: aged }).where('email', '=', email).execute();
      const open = await guess(email, PASSWORD, '10.1.0.201');
      expect(open.status).toBe(200);
      expect(open.res.headers.get('set-cookie')).toMatch(/^sopline_session=/);
    });

    it('throttles one address spraying many accounts, without locking other addresses out', async () => {
      const ip = '10.2.0.1';
      for (let i = 0; i < LOGIN_LIMIT.failures * 4; i += 1) expect((await guess(`nobody${i}@security.test`, 'x', ip)).status).toBe(401);
      const sprayed = await guess(app.users.admin.email, PASSWORD, ip);
      expect(sprayed.status).toBe(429);
      expect((await guess(app.users.admin.email, PASSWORD, '10.2.0.2')).status).toBe(200);
    });

    it('answers a wrong password and an unknown account alike', async () => {
      const wrong = await guess(app.users.ops.email, 'not-the-password', '10.3.0.1');
      const unknown = await guess('no-such-user@security.test', 'not-the-password', '10.3.0.2');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(JSON.stringify(unknown.json.error!.data.domain)).toBe(JSON.stringify(wrong.json.error!.data.domain));
      expect(unknown.json.error!.message).toBe(wrong.json.error!.message);
    });
  });

  describe('API keys', () => {
    it('shows the key once, stores only its hash, never lists or logs it, and a revoked or forged key is refused', async () => {
      const admin = await signIn(app, app.users.admin.email);
      const ops = await signIn(app, app.users.ops.email);
      expect((await trpc(app, 'apiKeys.create', { name: 'shop' }, { cookie: ops })).status).toBe(403);

      const logStart = app.logLines.length;
      const created = await trpc(app, 'apiKeys.create', { name: 'shop' }, { cookie: admin });
      expect(created.status).toBe(200);
      const { key, apiKey } = created.json.result!.data as { key: string; apiKey: { id: string; prefix: string } };
      expect(key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
      const body = key.slice('sk_live_'.length);
      const hash = createHash('sha256').update(key).digest('base64url');

      // Not in the list, not in any column: only the hash and a short prefix.
      const list = await trpc(app, 'apiKeys.list', undefined, { cookie: admin, method: 'GET' });
      expect(list.status).toBe(200);
      const listed = JSON.stringify(list.json);
      expect(listed).toContain(apiKey.id);
      expect(listed).not.toContain(body);
      expect(listed).not.toContain(body.slice(0, 16));
      expect(listed).not.toContain(hash);
      const row = await app.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(hash);
      expect(JSON.stringify(row)).not.toContain(body);
      expect(apiKey.prefix.length).toBeLessThanOrEqual('sk_live_'.length + 6);

      // Used in both headers, wrong by one character, then revoked.
      const send = (headers: Record<string, string>) =>
        fetch(`${app.base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ kind: 'custom', customer: { phone: '13800009999' }, payload: { name: 'visit' } }) });
      expect((await send({ authorization: `Bearer ${key}` })).status).toBe(200);
      expect((await send({ 'x-api-key': key })).status).toBe(200);
      const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
      const wrong = await send({ authorization: `Bearer ${forged}` });
      expect(wrong.status).toBe(401);
      expect(JSON.stringify(await wrong.json())).not.toContain(forged.slice(8));
      expect((await trpc(app, 'apiKeys.revoke', { id: apiKey.id }, { cookie: admin })).status).toBe(200);
      expect((await send({ authorization: `Bearer ${key}` })).status).toBe(401);

      // The logs (debug level) saw every one of those requests, and none of the secrets.
      const logs = app.logLines.slice(logStart).join('\n');
      expect(logs).toContain('/api/v1/events');
      expect(logs).toContain('apiKeys.create');
      expect(logs.split('\n').length).toBeGreaterThanOrEqual(7);
      for (const secret of [key, body, body.slice(10, 30), forged.slice(8), hash, admin.split('=')[1]!]) expect(logs).not.toContain(secret);
      expect(logs).toContain('[Redacted]');
    });
  });
});
