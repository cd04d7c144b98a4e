// The libraries the engine benchmarks use directly (the same versions the product installs).
import SQLite from 'better-sqlite3';

export { z } from 'zod';

/** The part of better-sqlite3's API the benchmarks use. */
export type SqliteStatement = {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
};
export type SqliteDatabase = {
  prepare(sql: string): SqliteStatement;
  pragma(source: string): unknown;
  exec(sql: string): void;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
};

/** A better-sqlite3 connection with the product's pragmas (WAL, busy timeout; synchronous left at its default). */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  const db: SqliteDatabase = new SQLite(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  return db;
}
