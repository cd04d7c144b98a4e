import type { Kysely } from 'kysely';

/**
 * WeCom (企业微信): a workspace's connection (its secrets encrypted by the server, never in clear),
 * the access tokens every process shares, the callbacks as they arrived (stored before WeCom is
 * answered; a digest of the plaintext makes a redelivery a no-op), which rep has which contact, and
 * the ids that tie Sopline's reps and customers to WeCom's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wecom_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    // Encrypted with a key derived from the server secret (domain/wecom/secrets.ts).
    .addColumn('contact_secret', 'text')
    .addColumn('agent_secret', 'text')
    .addColumn('callback_token', 'text')
    .addColumn('encoding_aes_key', 'text')
    // The unguessable part of this workspace's callback URL.
    .addColumn('callback_key', 'text', (c) => c.notNull().unique())
    .addColumn('callback_verified_at', 'text')
    .addColumn('last_callback_at', 'text')
    .addColumn('tested_at', 'text')
    .addColumn('test_result', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createTable('wecom_tokens')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wecom_tokens_pk', ['workspace_id', 'app'])
    .execute();
  await db.schema
    .createTable('wecom_callbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('plaintext', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('processed_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addUniqueConstraint('wecom_callbacks_digest', ['workspace_id', 'digest'])
    .execute();
  await db.schema.createIndex('wecom_callbacks_due').on('wecom_callbacks').columns(['state', 'next_attempt_at']).execute();
  await db.schema
    .createTable('wecom_follows')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('external_userid', 'text', (c) => c.notNull())
    .addColumn('wecom_userid', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('state', 'text')
    .addColumn('remark', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .addPrimaryKeyConstraint('wecom_follows_pk', ['workspace_id', 'external_userid', 'wecom_userid'])
    .execute();
  await db.schema.createIndex('wecom_follows_customer').on('wecom_follows').columns(['customer_id']).execute();
  await db.schema.alterTable('users').addColumn('wecom_userid', 'text').execute();
  await db.schema.createIndex('users_wecom_userid').on('users').columns(['workspace_id', 'wecom_userid']).unique().execute();
  await db.schema.alterTable('customers').addColumn('wecom_external_userid', 'text').execute();
  await db.schema.alterTable('customers').addColumn('avatar_url', 'text').execute();
  // A Sopline tag that mirrors a WeCom corp tag (企业标签) knows its id, so a rename in WeCom renames it here.
  await db.schema.alterTable('tags').addColumn('wecom_tag_id', 'text').execute();
  await db.schema.createIndex('tags_wecom_tag_id').on('tags').columns(['workspace_id', 'wecom_tag_id']).unique().execute();
  // "Import from WeCom": every rep's contacts, page by page, resumable like the other background jobs.
  await db.schema
    .createTable('wecom_syncs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('members', 'text')
    .addColumn('member_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', 'text')
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  await db.schema.createIndex('wecom_syncs_workspace').on('wecom_syncs').columns(['workspace_id', 'created_at']).execute();
  // Channel codes (渠道活码): a WeCom contact way per source, its reps, tags and welcome script.
  await db.schema
    .createTable('channel_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('user_ids', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('welcome_script', 'text')
    .addColumn('conversion_stage', 'text', (c) => c.notNull())
    .addColumn('config_id', 'text')
    .addColumn('qr_code', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addUniqueConstraint('channel_codes_state', ['workspace_id', 'state'])
    .execute();
  await db.schema.createIndex('wecom_follows_state').on('wecom_follows').columns(['workspace_id', 'state']).execute();
  await db.schema.createIndex('customers_wecom_external_userid').on('customers').columns(['workspace_id', 'wecom_external_userid']).unique().execute();
}
