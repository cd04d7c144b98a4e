import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Reminders: each workspace's notification channel, each user's daily digest settings, and the
 * delivery log. Schema builder only, so the same migration runs on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().unique().references('workspaces.id'))
    // The channel plugin's id (e.g. 'webhook') and its config as JSON, validated by the plugin.
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('digest_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // 'HH:mm' in `timezone`, or in the workspace's zone when that is null.
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    // A mobile number to @mention in the channel, so the rep is notified in a group.
    .addColumn('mention', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_settings_workspace').on('digest_settings').column('workspace_id').execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('digest', 'remind', 'test')`))
    // e.g. digest:<userId>:<local date>: the same digest is never sent twice.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    // What was sent, in a line (title and counts), never the webhook address.
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('deliveries_workspace_created').on('deliveries').columns(['workspace_id', 'created_at']).execute();
}
