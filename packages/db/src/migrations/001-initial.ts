import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Written against Kysely's schema builder so the same migration can target PostgreSQL later;
// the few SQLite-only statements are guarded by `isSqlite`.
export async function up(db: Kysely<unknown>, isSqlite: boolean): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('cap_per_day', 'integer')
    .addColumn('cap_per_week', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'ops', 'sales')`))
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_email_unique', ['workspace_id', 'email'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('stage', 'text')
    .addColumn('timezone', 'text')
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat_openid', 'text')
    .addColumn('wechat_unionid', 'text')
    .addColumn('member_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One customer identity per workspace across channels: each external id is unique where present.
  for (const col of ['phone', 'email', 'wechat_openid', 'wechat_unionid', 'member_id']) {
    await db.schema.createIndex(`customers_${col}_unique`).on('customers').columns(['workspace_id', col]).unique().where(sql.ref(col), 'is not', null).execute();
  }
  await db.schema.createIndex('customers_owner').on('customers').columns(['workspace_id', 'owner_id']).execute();
  await db.schema.createIndex('customers_stage').on('customers').columns(['workspace_id', 'stage']).execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_name_unique', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('customer_tags_tag').on('customer_tags').column('tag_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', isSqlite ? 'integer' : 'bigserial', (c) => (isSqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .addColumn('dispatch_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispatch_error', 'text')
    .addUniqueConstraint('events_idempotency_unique', ['workspace_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('events_pending').on('events').columns(['dispatched_at', 'seq']).execute();
  await db.schema.createIndex('events_customer').on('events').columns(['customer_id', 'kind', 'occurred_at']).execute();

  await db.schema
    .createTable('journeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'live', 'paused', 'archived')`))
    .addColumn('draft_graph', 'text', (c) => c.notNull())
    .addColumn('draft_revision', 'integer', (c) => c.notNull())
    .addColumn('live_version_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('journey_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('graph', 'text', (c) => c.notNull())
    .addColumn('graph_hash', 'text', (c) => c.notNull())
    .addColumn('trigger_type', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addUniqueConstraint('journey_versions_unique', ['journey_id', 'version'])
    .execute();
  await db.schema.createIndex('journey_versions_trigger').on('journey_versions').columns(['workspace_id', 'trigger_type']).execute();
  if (isSqlite) {
    // A published version is immutable: the database itself refuses to change one.
    await sql`create trigger journey_versions_immutable before update on journey_versions
      begin select raise(abort, 'journey versions are immutable'); end`.execute(db);
  } else {
    await sql`create function journey_versions_immutable() returns trigger language plpgsql
      as $$ begin raise exception 'journey versions are immutable'; end $$`.execute(db);
    await sql`create trigger journey_versions_immutable before update on journey_versions
      for each row execute function journey_versions_immutable()`.execute(db);
  }

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('journey_versions.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
    .addColumn('trigger_event_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'waiting', 'completed', 'exited', 'cancelled', 'failed')`))
    .addColumn('cursor_node_id', 'text')
    .addColumn('step_seq', 'integer', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('wait_until', 'text')
    .addColumn('wait_event_kind', 'text')
    .addColumn('wait_event_filter', 'text')
    .addColumn('wait_on_timeout', 'text')
    .addColumn('wait_on_event', 'text')
    .addColumn('wait_started_at', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollments_entry_unique', ['journey_id', 'customer_id', 'entry_key'])
    .execute();
  await db.schema.createIndex('enrollments_customer_waiting').on('enrollments').columns(['customer_id', 'status', 'wait_event_kind']).execute();
  await db.schema.createIndex('enrollments_version_node').on('enrollments').columns(['version_id', 'status', 'cursor_node_id']).execute();

  await db.schema
    .createTable('enrollment_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.id'))
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('visit', 'integer', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollment_steps_visit_unique', ['enrollment_id', 'visit'])
    .execute();
  await db.schema.createIndex('enrollment_steps_version_node').on('enrollment_steps').columns(['version_id', 'node_id']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('enrollment_id', 'text', (c) => c.references('enrollments.id'))
    .addColumn('journey_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('visit', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('low', 'normal', 'high')`))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done', 'skipped')`))
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('snoozed_until', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Exactly once per step: a second insert for the same visit fails instead of duplicating.
    .addUniqueConstraint('tasks_step_unique', ['enrollment_id', 'visit'])
    .execute();
  await db.schema.createIndex('tasks_owner_due').on('tasks').columns(['owner_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('tasks_customer_due').on('tasks').columns(['customer_id', 'due_at']).execute();
}
