import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Driver } from 'kysely';
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrate.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/**
 * Transactions start with BEGIN IMMEDIATE: they take the write lock up front, so two processes
 * never deadlock upgrading a read to a write (SQLITE_BUSY), they queue on busy_timeout instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export type Connection = { db: Db; dialect: 'sqlite'; close(): Promise<void> };

/**
 * Opens the database named by `url`: a SQLite file path (or `sqlite:` URL, or `:memory:`).
 * WAL lets readers run beside the single writer; busy_timeout makes a second process wait for the
 * write lock instead of failing with "database is locked".
 */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Connection> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('PostgreSQL support is not built yet: use a SQLite file path for DATABASE_URL');
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  if (options.migrate !== false) await migrate(db, 'sqlite');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
