// The data the fault tests start from, written straight into the database the processes share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Connection, Db } from '@sopline/db';
import { newId, nowIso, openDatabase, repos } from '@sopline/db';
import { createTestDatabase } from '@sopline/db/testing';
import { createApiKey, createCustomerIn, declareReferences, publishJourney } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';

export type World = {
  /** A temp dir for the processes' data dir (session secret, a Temporal dev server's file). */
  dir: string;
  /** What the processes get as DATABASE_URL: a SQLite file, or a PostgreSQL schema in the *-pg projects. */
  databaseUrl: string;
  database: Connection;
  db: Db;
  workspaceId: string;
  repId: string;
  /** A fresh task queue, so no other test's worker on the shared Temporal picks up these workflows. */
  taskQueue: string;
  journey(name: string, graph: JourneyGraphInput): Promise<string>;
  /** Creates customers in one transaction, owned by the rep; their customer.created events are marked dispatched. */
  customers(count: number, prefix: string): Promise<string[]>;
  apiKey(ratePerMinute?: number): Promise<string>;
  close(): Promise<void>;
};

/**
 * A database with one workspace and one rep: the test database of the project (a SQLite file, or a
 * schema on PostgreSQL under `SOPLINE_TEST_DATABASE`), or `databaseUrl` when given.
 */
export async function createWorld(options: { databaseUrl?: string } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'sopline-faults-'));
  const testDatabase = options.databaseUrl ? null : await createTestDatabase('faults');
  const databaseUrl = options.databaseUrl ?? testDatabase!.url;
  const database = await openDatabase(databaseUrl);
  const db = database.db;
  const r = repos(db);
  const workspace = await r.workspaces.create({ name: '故障演练', timezone: 'Asia/Shanghai' });
  const rep = await r.users.create({ workspaceId: workspace.id, email: `rep-${newId()}@example.com`, name: '王销售', role: 'sales' });
  return {
    dir,
    databaseUrl,
    database,
    db,
    workspaceId: workspace.id,
    repId: rep.id,
    taskQueue: `faults-${newId()}`,
    async journey(name, graph) {
      const journey = await r.journeys.create({ workspaceId: workspace.id, name, graph });
      await declareReferences({ db, registry: defaultRegistry }, workspace.id, graph);
      await publishJourney({ db, registry: defaultRegistry }, { workspaceId: workspace.id, journeyId: journey.id });
      return journey.id;
    },
    async customers(count, prefix) {
      const ids = await db.transaction().execute(async (trx) => {
        const made: string[] = [];
        for (let i = 0; i < count; i += 1) {
          made.push((await createCustomerIn(trx, { workspaceId: workspace.id, name: `${prefix}${i}`, ownerId: rep.id, member_id: `${prefix}-${i}` })).id);
        }
        return made;
      });
      // Nothing listens for customer.created here: keep the dispatcher's queue for what the test sends.
      await db.updateTable('events').set({ dispatched_at: nowIso() }).where('kind', '=', 'customer.created').where('dispatched_at', 'is', null).execute();
      return ids;
    },
    async apiKey(ratePerMinute = 100_000) {
      return (await createApiKey({ db }, { workspaceId: workspace.id, name: 'faults', ratePerMinute, createdBy: null })).key;
    },
    async close() {
      await database.close();
      await testDatabase?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows in `table` whose `column` value occurs more than once (a duplicate that must not exist). */
export async function duplicatesOf(db: Db, table: 'tasks' | 'enrollments', columns: string[]): Promise<number> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const rows = await sql<{ n: number }>`select count(*) as n from (select ${cols} from ${sql.table(table)} group by ${cols} having count(*) > 1) d`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/** trigger (manual) → send a script → exit: one task per customer. */
export const SHORT_JOURNEY: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'hello', type: 'send-script', config: { title: '欢迎', script: '{{customer.name}}，欢迎加入！' }, position: { x: 0, y: 140 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 280 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'end' },
  ],
};

/** Every purchase starts a new entry (re-entry 'always'): add a tag, send a script, exit. */
export const PURCHASE_JOURNEY: JourneyGraphInput = {
  settings: { reentry: 'always', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-purchase', config: {}, position: { x: 0, y: 0 } },
    { id: 'tag', type: 'add-tag', config: { tags: ['buyer'] }, position: { x: 0, y: 140 } },
    { id: 'thanks', type: 'send-script', config: { title: '感谢购买', script: '{{customer.name}}，谢谢您的订单' }, position: { x: 0, y: 280 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 420 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'tag' },
    { id: 'e2', source: 'tag', target: 'thanks' },
    { id: 'e3', source: 'thanks', target: 'end' },
  ],
};

/** trigger (manual) → wait one minute → send a script → exit. */
export const ONE_MINUTE_JOURNEY: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'pause', type: 'wait', config: { mode: 'duration', amount: 1, unit: 'minutes' }, position: { x: 0, y: 140 } },
    { id: 'hello', type: 'send-script', config: { title: '一分钟后', script: '{{customer.name}}，您好' }, position: { x: 0, y: 280 } },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 420 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'pause' },
    { id: 'e2', source: 'pause', target: 'hello' },
    { id: 'e3', source: 'hello', target: 'end' },
  ],
};
