import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Driver } from 'kysely';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import type { Dialect } from './dialect.ts';
import { isPostgresUrl } from './dialect.ts';
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

export type Connection = { db: Db; dialect: Dialect; close(): Promise<void> };

export type OpenOptions = {
  /** Run the migrations (default true). */
  migrate?: boolean;
  /** PostgreSQL: connections in this process's pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: shown in pg_stat_activity, e.g. 'sopline-worker' (default 'sopline'). */
  applicationName?: string;
};

/**
 * Switching a fresh file to WAL takes an exclusive lock that SQLite does not wait for (no busy
 * handler): a process starting beside another one gets "database is locked". Retry for up to 10 s.
 */
function switchToWal(sqlite: SQLite.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 50) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!(err instanceof SQLite.SqliteError && err.code === 'SQLITE_BUSY') || waited >= 10_000) throw err;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

/**
 * Opens the database named by `url`: a `postgres://` URL, or a SQLite file path (or `sqlite:` URL,
 * or `:memory:`). On SQLite, WAL lets readers run beside the single writer; busy_timeout makes a
 * second process wait for the write lock instead of failing with "database is locked".
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Connection> {
  if (isPostgresUrl(url)) return openPostgres(url, options);
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('busy_timeout = 10000');
  switchToWal(sqlite);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  if (options.migrate !== false) await migrate(db, 'sqlite');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// pg hands int8 (count(*), bigserial events.seq) and numeric (sum, avg) back as strings so no digit is
// lost; our counts and sequence numbers stay far below 2^53, and the repositories expect numbers.
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'];

/**
 * A pool per process. Transactions run at READ COMMITTED, the PostgreSQL default: the engine's
 * compare-and-set takes the enrollment's row lock first (`enrollments.getForStep`), so two workers on
 * one enrollment queue instead of both writing. Migrations take Kysely's advisory lock, so processes
 * starting together migrate one after another.
 */
async function openPostgres(url: string, options: OpenOptions): Promise<Connection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: options.applicationName ?? 'sopline',
    types: { getTypeParser },
  });
  // An idle connection that breaks (server restart, network) is dropped by the pool and replaced on
  // the next query; without a listener the 'error' event would crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.migrate !== false) await migrate(db, 'postgres');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
