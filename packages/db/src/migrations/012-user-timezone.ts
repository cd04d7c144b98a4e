import type { Kysely } from 'kysely';

/**
 * A person's own clock: the zone a user reads and enters times in. Null follows the workspace's zone,
 * which is what nearly everyone wants; a rep travelling or a head office elsewhere sets their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('timezone', 'text').execute();
}
