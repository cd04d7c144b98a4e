import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * WeCom group sends (企业群发): one row per send Sopline asked WeCom for (a rep's text to several of
 * their customers), one item per task it carries with what WeCom says happened to that customer.
 * A task is in at most one waiting send (a partial unique index), and the day each item was asked
 * for (in the workspace's zone) is what the per-customer quota counts. A task closed by a system
 * rather than a person says which (`closed_via`). WeCom settings remember the address the admin
 * used (`public_base`), for links in WeCom messages when no public URL is configured.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wecom_group_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('msgid', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    // creating → waiting (the rep confirms in WeCom) → done | cancelled | expired; failed when WeCom refused it.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('polls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('reminders', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  await db.schema.createIndex('wecom_group_sends_due').on('wecom_group_sends').columns(['state', 'next_poll_at']).execute();
  await db.schema.createIndex('wecom_group_sends_owner').on('wecom_group_sends').columns(['workspace_id', 'owner_id', 'created_at']).execute();
  await db.schema
    .createTable('wecom_group_send_items')
    .addColumn('send_id', 'text', (c) => c.notNull().references('wecom_group_sends.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('external_userid', 'text', (c) => c.notNull())
    // pending → sent | not-friend | limited | cancelled | expired
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('asked_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('wecom_group_send_items_pk', ['send_id', 'task_id'])
    .execute();
  await db.schema.createIndex('wecom_group_send_items_waiting').on('wecom_group_send_items').column('task_id').unique().where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('wecom_group_send_items_quota').on('wecom_group_send_items').columns(['workspace_id', 'customer_id', 'asked_on']).execute();
  await db.schema.alterTable('tasks').addColumn('closed_via', 'text').execute();
  // Where the admin reached Sopline when saving WeCom's settings: links in WeCom app messages.
  await db.schema.alterTable('wecom_settings').addColumn('public_base', 'text').execute();
}
