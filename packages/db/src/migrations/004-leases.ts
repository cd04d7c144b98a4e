import type { Kysely } from 'kysely';

/**
 * Leases let several worker processes share one database without sharing memory: the event
 * dispatcher runs where it holds the `dispatcher` lease, and a bulk job runs where it is claimed.
 * A holder renews its lease while it works; a crashed holder's lease expires and another takes over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  // One column per statement: SQLite's ALTER TABLE adds one column at a time.
  await db.schema.alterTable('bulk_jobs').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('bulk_jobs').addColumn('claimed_until', 'text').execute();
  // The customers picked when the job was created (a JSON array), so a resumed job enrols the same ones.
  await db.schema.alterTable('bulk_jobs').addColumn('customer_ids', 'text').execute();
  await db.schema.createIndex('bulk_jobs_running').on('bulk_jobs').columns(['status', 'claimed_until']).execute();
}
