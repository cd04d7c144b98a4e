import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from './engine/deps.ts';
import { freshDataDir, QUICK } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { figure } from './types.ts';

const COMMITS = QUICK ? 200 : 1000;
const QUERIES = QUICK ? 5000 : 20_000;

export const meta: BenchMeta = {
  section: 'engine-sqlite',
  title: 'SQLite costs under the engine',
  layout: 'figures',
  method: [
    'better-sqlite3 (the product\'s copy) on a file in a fresh temporary data dir (the disk the other engine benchmarks use), with the product\'s pragmas (WAL, busy_timeout).',
    `Commits: ${COMMITS} transactions of one 200-byte insert each, with synchronous = FULL (SQLite's default, what the product runs with: an fsync of the WAL per commit) and with synchronous = NORMAL`,
    '(WAL synced at checkpoints only: a crash of the process loses nothing, a power cut may lose the last commits but never corrupts). Every commit blocks the Node thread that makes it, since better-sqlite3 is synchronous.',
    `Queries: ${QUERIES} primary-key lookups of a 1,000-row table, preparing the statement for each (what Kysely's SQLite driver does for every query) and with one prepared statement reused.`,
  ].join(' '),
};

function commitsPerSecond(dir: string, synchronous: 'FULL' | 'NORMAL'): number {
  const db = openSqlite(join(dir, `commits-${synchronous}.db`));
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('create table t (id integer primary key, v text not null)');
  const insert = db.prepare('insert into t (v) values (?)');
  const commit = db.transaction((v: string) => void insert.run(v));
  const value = 'x'.repeat(200);
  const t0 = performance.now();
  for (let i = 0; i < COMMITS; i += 1) commit(value);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return COMMITS / seconds;
}

function lookupMicros(dir: string): { prepared: number; cached: number } {
  const db = openSqlite(join(dir, 'queries.db'));
  db.exec('create table customers (id text primary key, workspace_id text not null, name text not null, properties text not null, created_at text not null)');
  const insert = db.prepare('insert into customers values (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 1000; i += 1) insert.run(`c${i}`, 'w', `客户${i}`, '{}', new Date().toISOString());
  })();
  const sql = 'select "id", "workspace_id", "name", "properties", "created_at" from "customers" where "workspace_id" = ? and "id" = ?';
  let t0 = performance.now();
  for (let i = 0; i < QUERIES; i += 1) db.prepare(sql).get('w', `c${i % 1000}`);
  const prepared = ((performance.now() - t0) * 1000) / QUERIES;
  const statement = db.prepare(sql);
  t0 = performance.now();
  for (let i = 0; i < QUERIES; i += 1) statement.get('w', `c${i % 1000}`);
  const cached = ((performance.now() - t0) * 1000) / QUERIES;
  db.close();
  return { prepared, cached };
}

export async function run(): Promise<BenchResult[]> {
  const dir = freshDataDir();
  try {
    const full = commitsPerSecond(dir, 'FULL');
    const normal = commitsPerSecond(dir, 'NORMAL');
    const lookups = lookupMicros(dir);
    return [
      figure('commit-full', 'Commits per second, synchronous = FULL (the product today)', '/s', full, { note: `${(1000 / full).toFixed(2)} ms per commit, on the committing thread` }),
      figure('commit-normal', 'Commits per second, synchronous = NORMAL', '/s', normal, { note: `${(1000 / normal).toFixed(3)} ms per commit` }),
      figure('commit-ratio', 'NORMAL ÷ FULL', 'ratio', normal / full),
      figure('lookup-prepared', 'Primary-key lookup, statement prepared each time (as Kysely does)', 'µs', lookups.prepared),
      figure('lookup-cached', 'Primary-key lookup, prepared statement reused', 'µs', lookups.cached),
      figure('lookup-ratio', 'prepared each time ÷ reused', 'ratio', lookups.prepared / lookups.cached),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
