import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from './connect.ts';
import { openDatabase } from './connect.ts';
import { dialectOf, isUniqueViolation, redactDatabaseUrl, retryOnUniqueViolation } from './dialect.ts';
import { migrate } from './migrate.ts';
import { repos } from './repos/index.ts';
import { openTestDatabase, rejectionOf, testPostgresUrl } from './testing.ts';

// Runs on SQLite in the `unit` project and on PostgreSQL in `unit-pg`: the same behaviour on both.
const expected = testPostgresUrl() ? 'postgres' : 'sqlite';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close();
});

async function fresh(): Promise<Connection & { url: string }> {
  const conn = await openTestDatabase({ prefix: 'db' });
  open.push(conn);
  return conn;
}

describe(`the database layer on ${expected}`, () => {
  it('opens the dialect the URL names and migrates once', async () => {
    const conn = await fresh();
    expect(conn.dialect).toBe(expected);
    expect(dialectOf(conn.db)).toBe(expected);
    await conn.db.transaction().execute(async (trx) => expect(dialectOf(trx)).toBe(expected));
    expect(await migrate(conn.db, conn.dialect)).toEqual([]);
    const again = await openDatabase(conn.url);
    open.push(again);
    const tables = await again.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customers', 'enrollments', 'events', 'journey_versions', 'tasks']));
  });

  it('tells a unique violation from other errors, and retries only those', async () => {
    const { db } = await fresh();
    const r = repos(db);
    const ws = await r.workspaces.create({ name: 'A', timezone: 'UTC' });
    const tag = { workspace_id: ws.id, name: 'vip', created_at: new Date().toISOString() };
    await db.insertInto('tags').values({ id: 't1', ...tag }).execute();
    const duplicate = await rejectionOf(db.insertInto('tags').values({ id: 't2', ...tag }).execute());
    expect(isUniqueViolation(duplicate)).toBe(true);
    const samePrimaryKey = await rejectionOf(db.insertInto('tags').values({ ...tag, id: 't1', name: 'other' }).execute());
    expect(isUniqueViolation(samePrimaryKey)).toBe(true);
    const foreignKey = await rejectionOf(db.insertInto('tags').values({ ...tag, id: 't3', name: 'x', workspace_id: 'nope' }).execute());
    expect(isUniqueViolation(foreignKey)).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);

    let calls = 0;
    const value = await retryOnUniqueViolation(async () => {
      calls += 1;
      if (calls === 1) await db.insertInto('tags').values({ id: 't4', ...tag }).execute();
      return 'second try';
    });
    expect([value, calls]).toEqual(['second try', 2]);
    calls = 0;
    expect(await rejectionOf(retryOnUniqueViolation(async () => (calls += 1) && Promise.reject(foreignKey)))).toBe(foreignKey);
    expect(calls).toBe(1);
  });

  it('matches text case-insensitively, with % and _ as literal characters', async () => {
    const { db } = await fresh();
    const r = repos(db);
    const ws = await r.workspaces.create({ name: 'A', timezone: 'UTC' });
    for (const name of ['Alice Wang', '100% cotton', 'cotton', 'a_b', 'axb']) await r.customers.create({ workspaceId: ws.id, name });
    const names = async (q: string) =>
      (await r.customerViews.search({ workspaceId: ws.id, q, sort: 'name', dir: 'asc', limit: 10, offset: 0 })).rows.map((c) => c.name);
    expect(await names('ALICE')).toEqual(['Alice Wang']);
    expect(await names('wAnG')).toEqual(['Alice Wang']);
    expect(await names('%')).toEqual(['100% cotton']);
    expect(await names('_')).toEqual(['a_b']);
    expect(await names('COTTON')).toEqual(['100% cotton', 'cotton']);
  });

  it('numbers events in order as plain numbers, and counts are numbers', async () => {
    const { db } = await fresh();
    const r = repos(db);
    const ws = await r.workspaces.create({ name: 'A', timezone: 'UTC' });
    const c = await r.customers.create({ workspaceId: ws.id, name: 'C' });
    const seqs: number[] = [];
    for (const kind of ['a', 'b', 'c']) seqs.push((await r.events.insert({ workspaceId: ws.id, customerId: c.id, kind, payload: { kind } })).event.seq);
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    expect((await r.events.pending(10)).map((e) => e.seq)).toEqual(seqs);
    const row = await db.selectFrom('events').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('seq').as('last'), eb.fn.sum('dispatch_attempts').as('tries')]).executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 3, last: seqs[2], tries: 0 });
  });

  it('refuses to change a published version', async () => {
    const { db } = await fresh();
    const r = repos(db);
    const ws = await r.workspaces.create({ name: 'A', timezone: 'UTC' });
    const journey = await r.journeys.create({ workspaceId: ws.id, name: 'J', graph: {} });
    const version = await r.versions.insert({ workspaceId: ws.id, journeyId: journey.id, graph: { v: 1 }, graphHash: 'h', triggerType: 't', notes: '' });
    const err = await rejectionOf(db.updateTable('journey_versions').set({ notes: 'changed' }).where('id', '=', version.id).execute());
    expect(String(err)).toContain('journey versions are immutable');
    expect((await r.versions.get(version.id))?.notes).toBe('');
  });

  it('keeps a password out of a logged URL', () => {
    expect(redactDatabaseUrl('postgres://app:s3cret@db.internal:5432/sopline')).toBe('postgres://app:***@db.internal:5432/sopline');
    expect(redactDatabaseUrl('postgresql://app@db/sopline')).toBe('postgresql://app@db/sopline');
    expect(redactDatabaseUrl('data/sopline.db')).toBe('data/sopline.db');
  });
});
