import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { Migrator } from 'kysely/migration';
import * as initial from './migrations/001-initial.ts';
import * as accounts from './migrations/002-accounts.ts';
import * as reminders from './migrations/003-reminders.ts';
import * as leases from './migrations/004-leases.ts';
import * as setup from './migrations/005-setup.ts';
import * as invitations from './migrations/006-invitations.ts';
import * as stages from './migrations/007-stages.ts';
import * as imports from './migrations/008-imports.ts';
import * as properties from './migrations/009-properties.ts';
import * as wecom from './migrations/010-wecom.ts';
import * as groupSends from './migrations/011-group-sends.ts';
import * as userTimezone from './migrations/012-user-timezone.ts';
import * as stepFailures from './migrations/013-step-failures.ts';
import type { Database } from './schema.ts';

/** Migrations live in code (no folder scanning), so they travel inside any bundle. */
const migrations: Record<string, (db: Kysely<unknown>, isSqlite: boolean) => Promise<void>> = {
  '001-initial': initial.up,
  '002-accounts': accounts.up,
  '003-reminders': reminders.up,
  '004-leases': leases.up,
  '005-setup': setup.up,
  '006-invitations': invitations.up,
  '007-stages': stages.up,
  '008-imports': imports.up,
  '009-properties': properties.up,
  '010-wecom': wecom.up,
  '011-group-sends': groupSends.up,
  '012-user-timezone': userTimezone.up,
  '013-step-failures': stepFailures.up,
};

/** Every migration's name, in the order they run. */
export const migrationNames: readonly string[] = Object.keys(migrations);

export async function migrate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, up]): [string, Migration] => [name, { up: (d) => up(d, dialect === 'sqlite') }]),
      ),
  };
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema unless told which: name the
  // one the tables go to (first on search_path), so databases in sibling schemas never mix them up.
  const migrationTableSchema = dialect === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  // Kysely takes an advisory lock on PostgreSQL but none on SQLite (it assumes one process): two
  // processes starting on a fresh file both created the tables. The whole run goes in one
  // BEGIN IMMEDIATE transaction instead, so the second waits (busy_timeout) and then finds it done.
  if (dialect === 'sqlite') await sql`begin immediate`.execute(db);
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (err) {
    outcome = { error: err };
  }
  if (dialect === 'sqlite') await sql.raw(outcome.error ? 'rollback' : 'commit').execute(db);
  const { error, results } = outcome;
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
