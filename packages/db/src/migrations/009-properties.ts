import type { Kysely } from 'kysely';

/**
 * The customer properties a workspace defines (key, type, a label in each language, an order), so
 * journeys name only properties that exist and imports know how to read them. Like stages, a
 * workspace gets its list the first time it is read: the built-in birthday, plus the keys its
 * customers already carry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('properties')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('properties_pk', ['workspace_id', 'key'])
    .execute();
}
