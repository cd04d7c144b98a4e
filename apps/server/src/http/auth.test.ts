import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Connection } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyRunner } from '@sopline/domain';
import { hashPassword, LOGIN_LIMIT } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { createApp } from '../app.ts';

const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };

describe('sessions over HTTP', () => {
  let database: Connection;
  let server: Server;
  let base: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    database = await openTestDatabase({ prefix: 'http' });
    const r = repos(database.db);
    const ws = await r.workspaces.create({ name: 'HTTP', timezone: 'Asia/Shanghai' });
    const passwordHash = await hashPassword('correct horse battery');
    await r.users.create({ workspaceId: ws.id, email: 'ops@example.com', name: 'Ops', role: 'ops', passwordHash });
    await r.users.create({ workspaceId: ws.id, email: 'victim@example.com', name: 'Victim', role: 'ops', passwordHash });
    await r.users.create({ workspaceId: ws.id, email: 'rep@example.com', name: 'Rep', role: 'sales', passwordHash });
    const app = createApp({ deps: { db: database.db, registry: defaultRegistry, runner, sessionSecret: 'k'.repeat(40) }, logger: pino({ level: 'silent' }) });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('logs in with an httpOnly SameSite cookie, and logout ends the session', async () => {
    const login = await post('/trpc/auth.login', { email: 'OPS@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^sopline_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
    expect((await post('/trpc/auth.logout', {}, { cookie, origin: base })).status).toBe(200);
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie } })).status).toBe(401);
  });

  it('answers 401 to anonymous calls and 403 to a role that may not', async () => {
    expect((await fetch(`${base}/trpc/journeys.list`)).status).toBe(401);
    const login = await post('/trpc/auth.login', { email: 'rep@example.com', password: 'correct horse battery' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/trpc/journeys.list`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${base}/trpc/tasks.counts`, { headers: { cookie } })).status).toBe(200);
  });

  it('never adopts a session id chosen by someone else (no fixation)', async () => {
    const planted = 'sopline_session=attacker-chosen-token-value-000000000000000';
    const login = await post('/trpc/auth.login', { email: 'ops@example.com', password: 'correct horse battery' }, { cookie: planted, origin: base });
    const issued = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(issued).not.toBe(planted);
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie: planted } })).status).toBe(401);
  });

  it('refuses cross-site state changes (CSRF)', async () => {
    const login = await post('/trpc/auth.login', { email: 'ops@example.com', password: 'correct horse battery' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await post('/trpc/auth.logout', {}, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/trpc/auth.logout', {}, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Still signed in: the forged requests changed nothing.
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
  });

  it('throttles repeated failed logins per account with 429, and says why in both languages', async () => {
    for (let i = 0; i < LOGIN_LIMIT.failures; i += 1) {
      const wrong = await post('/trpc/auth.login', { email: 'victim@example.com', password: `guess-${i}` });
      expect(wrong.status).toBe(401);
    }
    const blocked = await post('/trpc/auth.login', { email: 'victim@example.com', password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as { error: { data: { domain: { text: { 'zh-CN': string; en: string } } } } };
    expect(body.error.data.domain.text.en).toMatch(/Too many failed logins/);
    expect(body.error.data.domain.text['zh-CN']).toMatch(/登录失败次数过多/);
    expect(JSON.stringify(body)).not.toMatch(/stack|at file:/);
  });

  it('answers bad input with 400 and the field that is wrong', async () => {
    const res = await post('/trpc/auth.login', { email: 'not-an-email', password: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
    expect(Object.keys(body.error.data.zodError.fieldErrors).sort()).toEqual(['email', 'password']);
  });
});
