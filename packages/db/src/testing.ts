/**
 * Databases for tests. By default each is a SQLite file in its own temp dir; when
 * `SOPLINE_TEST_DATABASE` holds a PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/postgres),
 * each is a new schema in that database, dropped afterwards, so tests stay as isolated as with files.
 * Not exported from the package index: `@sopline/db/testing`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Connection, OpenOptions } from './connect.ts';
import { openDatabase } from './connect.ts';
import type { Dialect } from './dialect.ts';
import { isPostgresUrl } from './dialect.ts';

export const TEST_DATABASE_ENV = 'SOPLINE_TEST_DATABASE';

/** The PostgreSQL server tests should use, or undefined for SQLite files. */
export function testPostgresUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_ENV];
  return url && isPostgresUrl(url) ? url : undefined;
}

export type TestDatabase = { url: string; dialect: Dialect; drop(): Promise<void> };

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'sopline-tests' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty (not yet migrated) database, and how to remove it again. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const server = testPostgresUrl();
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), `sopline-${prefix}-`));
    return { url: join(dir, 'sopline.db'), dialect: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // A schema per test, named first on the search_path: far quicker than CREATE DATABASE (which
  // copies a template), and as isolated, since no query names a schema.
  const schema = `sopline_${prefix.replace(/\W/g, '_')}_${randomBytes(6).toString('hex')}`;
  await onServer(server, (c) => c.query(`create schema "${schema}"`));
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    dialect: 'postgres',
    drop: () => onServer(server, (c) => c.query(`drop schema if exists "${schema}" cascade`)).then(() => undefined),
  };
}

/** A fresh, migrated database for one test; `close()` also removes it. */
export async function openTestDatabase(options: OpenOptions & { prefix?: string } = {}): Promise<Connection & { url: string }> {
  const { prefix, ...open } = options;
  const database = await createTestDatabase(prefix);
  let conn: Connection;
  try {
    conn = await openDatabase(database.url, open);
  } catch (err) {
    await database.drop();
    throw err;
  }
  return {
    ...conn,
    url: database.url,
    async close() {
      try {
        await conn.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/** What a promise rejects with; throws when it resolves instead (for asserting on a database error's code). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}
