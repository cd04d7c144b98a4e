// Data for the engine benchmarks, written straight through the repositories before the product
// starts (no customer.created events, so the dispatcher starts idle), and the bench's own view of
// the database and of Temporal while the product runs in another process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, repos } from '@sopline/db';
import type { DomainDeps } from '@sopline/domain';
import { createApiKey, declareReferences, enrolCustomer, publishJourney } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { TASK_QUEUE, temporalRunner } from '@sopline/journey-worker';
import { loadRegistry } from '@sopline/registry';
import type { SqliteDatabase } from './deps.ts';
import { openSqlite } from './deps.ts';
import { WAIT_PLUGIN } from './procs.ts';

export const QUICK = process.env.BENCH_QUICK === '1';

/** A size from the environment (e.g. BENCH_WAITING=2000), else the quick or the full default. */
export function sized(name: string, quick: number, full: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : QUICK ? quick : full;
}

export const freshDataDir = () => mkdtempSync(join(tmpdir(), 'sopline-bench-engine-'));
export const productDb = (dataDir: string) => join(dataDir, 'sopline.db');

export type Prepared = { workspaceId: string; journeyId: string | null; apiKey: string; customerIds: string[] };

/** A workspace without quiet hours or caps, a sales rep owning `customers` customers, an API key, and a published journey. */
export async function prepare(dataDir: string, options: { customers: number; graph: JourneyGraphInput | null }): Promise<Prepared> {
  const registry = await loadRegistry({ plugins: [WAIT_PLUGIN] });
  const database = await openDatabase(productDb(dataDir));
  try {
    const db = database.db;
    const r = repos(db);
    const workspace = await r.workspaces.create({ name: 'Bench', timezone: 'Asia/Shanghai', quietStart: null, quietEnd: null, capPerDay: null, capPerWeek: null });
    const rep = await r.users.create({ workspaceId: workspace.id, email: 'rep@bench.sopline.dev', name: '李销售', role: 'sales' });
    const customerIds = await db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (let i = 0; i < options.customers; i += 1) ids.push((await repos(trx).customers.create({ workspaceId: workspace.id, name: `客户${i + 1}`, ownerId: rep.id, stage: 'paid' })).id);
      return ids;
    });
    const { key } = await createApiKey({ db }, { workspaceId: workspace.id, name: 'bench', ratePerMinute: 100_000_000, createdBy: null });
    let journeyId: string | null = null;
    if (options.graph) {
      const journey = await r.journeys.create({ workspaceId: workspace.id, name: 'Bench', graph: options.graph });
      await declareReferences({ db, registry }, workspace.id, options.graph);
      await publishJourney({ db, registry }, { workspaceId: workspace.id, journeyId: journey.id, notes: 'bench' });
      journeyId = journey.id;
    }
    return { workspaceId: workspace.id, journeyId, apiKey: key, customerIds };
  } finally {
    await database.close();
  }
}

/**
 * The bench's own domain handle on the product's database and Temporal server, as a second API
 * process would have: bulk enrolment runs here, while the product process runs the workflows.
 */
export async function benchDeps(dataDir: string, temporalAddress: string) {
  const registry = await loadRegistry({ plugins: [WAIT_PLUGIN] });
  const database = await openDatabase(productDb(dataDir), { migrate: false });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const deps: DomainDeps = { db: database.db, registry, runner: temporalRunner(client, TASK_QUEUE) };
  return {
    deps,
    client,
    async close() {
      await connection.close();
      await database.close();
    },
  };
}

/**
 * Enrols customers `concurrency` at a time (setting the scene, not measured): their transactions still
 * queue on the one connection, but the workflow starts overlap.
 */
export async function enrolMany(deps: DomainDeps, input: { workspaceId: string; journeyId: string; customerIds: string[] }, concurrency = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < input.customerIds.length) {
        const customerId = input.customerIds[next++]!;
        await enrolCustomer(deps, { workspaceId: input.workspaceId, journeyId: input.journeyId, customerId });
      }
    }),
  );
}

/** Row counts of every table. */
export function tableCounts(db: SqliteDatabase): Record<string, number> {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, Number((db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n)]));
}

export function rowsWritten(before: Record<string, number>, after: Record<string, number>, per: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after)
      .map((t) => [t, Math.round(((after[t]! - (before[t] ?? 0)) / per) * 100) / 100] as const)
      .filter(([, n]) => n !== 0),
  );
}

/** Polls until `probe` returns true; logs progress every 10 s; throws after timeoutMs. */
export async function waitFor(what: string, probe: () => boolean | string, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const result = probe();
    if (result === true) return;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      console.log(`    … waiting for ${what}${typeof result === 'string' ? `: ${result}` : ''}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${typeof result === 'string' ? ` (${result})` : ''}`);
    await sleep(intervalMs);
  }
}

export function countWhere(db: SqliteDatabase, sql: string, ...params: unknown[]): number {
  return Number((db.prepare(sql).get(...params) as { n: number }).n);
}

// temporal.api.enums.v1.EventType numbers of the events these workflows write.
const EVENT_TYPES: Record<number, string> = {
  1: 'WorkflowExecutionStarted',
  2: 'WorkflowExecutionCompleted',
  5: 'WorkflowTaskScheduled',
  6: 'WorkflowTaskStarted',
  7: 'WorkflowTaskCompleted',
  8: 'WorkflowTaskTimedOut',
  9: 'WorkflowTaskFailed',
  10: 'ActivityTaskScheduled',
  11: 'ActivityTaskStarted',
  12: 'ActivityTaskCompleted',
  13: 'ActivityTaskFailed',
  14: 'ActivityTaskTimedOut',
  17: 'TimerStarted',
  18: 'TimerFired',
  26: 'WorkflowExecutionSignaled',
};

/** Average Temporal history length of a sample of workflows, read from the server. */
export async function historyEvents(client: Client, workflowIds: string[]): Promise<{ mean: number; min: number; max: number; sample: number; types: Record<string, number> }> {
  const lengths: number[] = [];
  const types: Record<string, number> = {};
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    lengths.push(events.length);
    for (const e of events) {
      const name = EVENT_TYPES[Number(e.eventType)] ?? String(e.eventType);
      types[name] = (types[name] ?? 0) + 1 / workflowIds.length;
    }
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    mean: round(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)),
    min: Math.min(...lengths),
    max: Math.max(...lengths),
    sample: lengths.length,
    types: Object.fromEntries(Object.entries(types).map(([k, v]) => [k, round(v)])),
  };
}

export { openSqlite };

/**
 * Enrols every prepared customer (8 at a time) and waits until all of them wait; returns the seconds
 * it took. Setting the scene for the latency and memory benchmarks, not a measured figure.
 */
export async function enrolAllAndWait(deps: DomainDeps, reader: SqliteDatabase, prepared: Prepared): Promise<number> {
  const n = prepared.customerIds.length;
  const t0 = performance.now();
  let failure: unknown = null;
  const enrolling = enrolMany(deps, { workspaceId: prepared.workspaceId, journeyId: prepared.journeyId!, customerIds: prepared.customerIds }).catch((err: unknown) => (failure = err));
  await waitFor(
    `${n} customers to wait`,
    () => {
      if (failure) throw failure;
      const waiting = countWhere(reader, "select count(*) as n from enrollments where status = 'waiting'");
      return waiting >= n || `${waiting}/${n} waiting`;
    },
    60 * 60_000,
    200,
  );
  await enrolling;
  return (performance.now() - t0) / 1000;
}
