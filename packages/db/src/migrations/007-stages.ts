import type { Kysely } from 'kysely';

/**
 * A workspace's lifecycle stages are a defined list (code, a label in each language, an order), not
 * free text: every API stores the code, and a stage nobody defined is refused instead of splitting the
 * funnel. A workspace gets the method's defaults (and any code its customers already carry) the first
 * time its list is read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stages')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stages_pk', ['workspace_id', 'code'])
    .execute();
}
