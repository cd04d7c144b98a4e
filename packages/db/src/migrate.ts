import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { Migrator } from 'kysely/migration';
import * as initial from './migrations/001-initial.ts';
import * as accounts from './migrations/002-accounts.ts';
import type { Database } from './schema.ts';

/** Migrations live in code (no folder scanning), so they travel inside any bundle. */
const migrations: Record<string, (db: Kysely<unknown>, isSqlite: boolean) => Promise<void>> = {
  '001-initial': initial.up,
  '002-accounts': accounts.up,
};

export async function migrate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, up]): [string, Migration] => [name, { up: (d) => up(d, dialect === 'sqlite') }]),
      ),
  };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
