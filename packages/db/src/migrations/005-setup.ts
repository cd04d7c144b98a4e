import type { Kysely } from 'kysely';

/**
 * A real install starts empty and is set up once, by its first admin. The `installation` row is the
 * proof that setup happened: its primary key lets only one of two simultaneous setups commit, on
 * SQLite and PostgreSQL alike. The demo workspace is marked, so it can be told apart and removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_up_at', 'text', (c) => c.notNull())
    .addColumn('set_up_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('workspaces').addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
