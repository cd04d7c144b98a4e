import type { Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** `postgres://` or `postgresql://`: everything else names a SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/** Which database a connection or transaction talks to, for the few queries that differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only the adapter is read
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A unique index or primary key refused the row: SQLite's SQLITE_CONSTRAINT_UNIQUE /
 * SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL's SQLSTATE 23505. Kysely passes driver errors through.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A password in a database URL, replaced for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/**
 * Runs `work` (a whole transaction) again when it fails on a unique index. On PostgreSQL at READ
 * COMMITTED two transactions can both look a key up, find nothing and insert it: the second fails
 * with 23505, and its retry finds the first one's row. SQLite's write lock serialises writing
 * transactions, so there the retry never triggers.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
