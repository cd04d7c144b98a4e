import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Connection } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyRunner } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { createApp } from '../app.ts';

const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };

// What `pnpm start` prints per request: at info a line an operator can read; headers only at debug.
describe('request log', () => {
  let database: Connection | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server!.close(resolve));
    await database?.close();
  });

  let status = 0;
  async function requestAt(level: 'info' | 'debug'): Promise<Record<string, unknown>> {
    database = await openTestDatabase({ prefix: 'reqlog' });
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = createApp({ deps: { db: database.db, registry: defaultRegistry, runner, sessionSecret: 'k'.repeat(40) }, logger: pino({ level }, sink) });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/customers?token=secret`, { headers: { 'x-api-key': 'sk_hidden', 'user-agent': 'probe/1' } });
    await res.arrayBuffer();
    status = res.status;
    await new Promise((r) => setTimeout(r, 50));
    const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request completed');
    expect(entry, lines.join('\n')).toBeDefined();
    return entry!;
  }

  it('at info carries method, path, status and time only', async () => {
    const entry = await requestAt('info');
    expect(entry.req).toEqual({ method: 'GET', path: '/api/v1/customers' });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(entry.res).toEqual({ statusCode: status });
    expect(typeof entry.responseTime).toBe('number');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('probe/1');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('sk_hidden');
  });

  it('at info leaves out routine reads (the web app’s files and queries) and keeps writes and failures', async () => {
    database = await openTestDatabase({ prefix: 'reqlog' });
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = createApp({ deps: { db: database.db, registry: defaultRegistry, runner, sessionSecret: 'k'.repeat(40) }, logger: pino({ level: 'info' }, sink) });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const statuses: Record<string, number> = {};
    for (const [name, path, init] of [
      ['page', '/journeys', undefined],
      ['query', '/trpc/setup.status', undefined],
      ['write', '/trpc/auth.logout', { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: '{}' }],
    ] as const) {
      const res = await fetch(`${base}${path}`, init);
      await res.arrayBuffer();
      statuses[name] = res.status;
    }
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.map((l) => JSON.parse(l) as { level: number; req?: { method: string; path: string } }).filter((l) => l.req);
    expect(statuses.page).toBe(200);
    expect(statuses.query).toBe(200);
    expect(logged.map((l) => `${l.req!.method} ${l.req!.path}`)).toEqual(['POST /trpc/auth.logout']);
    // The sign-out without a session is refused: a warning, not routine.
    expect(statuses.write).toBeGreaterThanOrEqual(400);
    expect(logged[0]!.level).toBe(40);
  });

  it('at debug carries the headers, with keys and cookies still redacted', async () => {
    const entry = await requestAt('debug');
    const text = JSON.stringify(entry);
    expect(text).toContain('probe/1');
    expect(text).not.toContain('sk_hidden');
  });
});
