import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';
import { createTestDatabase, openTestDatabase, rejectionOf } from './testing.ts';

// PostgreSQL only: run by the `unit-pg` project, left out of `unit` (SQLite) by its name.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close();
});

async function fresh() {
  const conn = await openTestDatabase({ prefix: 'db' });
  open.push(conn);
  return conn;
}

// Several processes starting at once on one PostgreSQL database (SQLite files are migrated by the
// one process that opens them first, and its write lock queues the others).
describe('several processes on one PostgreSQL database', () => {
  it('migrate one after another: every migration applied exactly once', async () => {
    const database = await createTestDatabase('migrate');
    open.push({ close: database.drop });
    const conns = await Promise.all([1, 2, 3].map(() => openDatabase(database.url, { poolSize: 2 })));
    open.push(...conns);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(conns[0]!.db);
    const names = applied.rows.map((r) => r.name);
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['001-initial', '002-accounts']);
  });

  it('migrate side by side when each has its own schema of one database', async () => {
    // Kysely finds its bookkeeping tables by name in any schema unless migrate() names the schema.
    const conns = await Promise.all([1, 2, 3, 4].map(() => openTestDatabase({ prefix: 'sibling', poolSize: 2 })));
    open.push(...conns);
    for (const conn of conns) {
      const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(conn.db);
      expect(applied.rows[0]?.n).toBeGreaterThanOrEqual(2);
    }
  });

  it('name the application and bound statements in time', async () => {
    const { db } = await fresh();
    const settings = await sql<{ app: string; timeout: string }>`select current_setting('application_name') as app, current_setting('statement_timeout') as timeout`.execute(db);
    expect(settings.rows[0]).toEqual({ app: 'sopline', timeout: '30s' });
    const err = await rejectionOf(db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 50`.execute(trx);
      await sql`select pg_sleep(1)`.execute(trx);
    }));
    expect((err as { code?: string }).code).toBe('57014');
  });
});
