import type { Kysely } from 'kysely';

/**
 * A step that cannot succeed (its node type is not installed, its config no longer parses, its customer
 * is gone, or the node says so) stops its enrollment as `failed` at once, remembering where and why:
 * `failed_node_id` (counted per node on the canvas) and `failure` (JSON: the reason's code and words in
 * both languages, the error, and what the run was resuming, so "retry" can run it again and "skip" can
 * pass the node). Both are cleared when the enrollment goes on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollments').addColumn('failed_node_id', 'text').execute();
  await db.schema.alterTable('enrollments').addColumn('failure', 'text').execute();
  await db.schema.createIndex('enrollments_failed').on('enrollments').columns(['journey_id', 'status', 'failed_node_id']).execute();
}
