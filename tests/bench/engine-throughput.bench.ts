import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_ENROL_CONCURRENCY, startBulkEnrol } from '@sopline/domain';
import { BASELINE_SCHEMA } from './engine/baseline-worker.ts';
import type { BaselineInput } from './engine/baseline-workflow.ts';
import type { SqliteDatabase } from './engine/deps.ts';
import { REFERENCE_RUNS, REFERENCE_TIMERS, REFERENCE_WORKING_NODES, referenceJourney } from './engine/graphs.ts';
import type { Product } from './engine/procs.ts';
import { cpuMeter, dbFiles, fileSizeMB, startBaselineWorker, startProduct } from './engine/procs.ts';
import { startProfile } from './engine/profile.ts';
import { benchDeps, countWhere, freshDataDir, historyEvents, openSqlite, prepare, productDb, QUICK, rowsWritten, tableCounts, waitFor } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { distribution, figure } from './types.ts';

const SIZES = process.env.BENCH_N ? process.env.BENCH_N.split(',').map(Number) : QUICK ? [100] : [1000, 10_000];
const WAIT_S = 2;
const HISTORY_SAMPLE = 50;
const CLOSED = "('completed', 'exited', 'cancelled', 'failed')";

export const meta: BenchMeta = {
  section: 'engine-throughput',
  title: 'Engine throughput, its limit and its cost',
  layout: 'figures',
  method: [
    `For each N (${SIZES.join(', ')}): a fresh data dir; N customers and the reference journey (${REFERENCE_WORKING_NODES} working nodes — trigger, 3 waits, 2 branches, 3 send-script, 2 add-tag, set-stage — and the exit the validator requires;`,
    `each customer visits all 13, in ${REFERENCE_RUNS} runs of steps with ${REFERENCE_TIMERS} timers) written through the repositories; then the product started as \`pnpm start\` runs it (apps/server/src/main.ts in its own process: API + worker + dispatcher,`,
    `its embedded Temporal dev server with its SQLite file in the data dir). The waits are ${WAIT_S} s (a bench-only plugin node, tests/bench/engine/wait-seconds.ts: the built-in wait's shortest is 1 minute).`,
    `The bench process enrols all N with the product's bulk enrolment (startBulkEnrol, what "enrol all matching" starts; run in the bench process as a second API process would: ${BULK_ENROL_CONCURRENCY} customers at a time, a transaction and a workflow start each)`,
    `and polls the database until every enrollment has ended. Customers/s = N ÷ (enrolment start → last enrollment ended); node-steps/s counts the enrollment_steps rows written in that time (16 per customer: 13 node visits and 3 resumptions after a wait).`,
    `Then, on the same Temporal server (the product idle), the baseline: a hand-written workflow (tests/bench/engine/baseline-workflow.ts) with the same ${REFERENCE_RUNS} activities and ${REFERENCE_TIMERS} timers,`,
    `whose activity writes the same number of rows per customer as ours inserted (better-sqlite3 prepared statements, one transaction, plus one UPDATE like our cursor), in its own worker process with the journey worker's options;`,
    `its customers are started the same way (${BULK_ENROL_CONCURRENCY} at a time, a row then a workflow start). The ratio is ours ÷ baseline in customers/s.`,
    `History events: the full Temporal histories of ${HISTORY_SAMPLE} workflows of each kind, read from the server. Rows: every table counted before and after (÷ N).`,
    'CPU: /proc utime+stime of the product, the Temporal server, the baseline worker and the bench process over the measured window, as % of all cores × wall time;',
    'the main JS thread of the product/baseline worker is sampled with the V8 profiler over its inspector (1 ms), self time grouped by package.',
  ].join(' '),
};

type Run = { customersPerS: number; stepsPerS: number; enrolPerS: number; seconds: number; cpu: ReturnType<ReturnType<typeof cpuMeter>>; profile: unknown };

async function ours(n: number, dataDir: string, product: Product, journeyId: string, workspaceId: string, reader: SqliteDatabase) {
  const bench = await benchDeps(dataDir, product.temporalAddress);
  try {
    const before = tableCounts(reader);
    const temporalBefore = fileSizeMB(...dbFiles(dataDir, 'temporal.db'));
    const meter = cpuMeter({ product: product.pid, temporal: product.temporalPid });
    const stopProfile = await startProfile(await product.inspectorUrl, `throughput-${n}-product`);
    const t0 = performance.now();
    let enrolledAt = 0;
    let failure: unknown = null;
    // The product's own bulk enrolment (what "enrol all matching" in the UI starts): a job row, then
    // BULK_ENROL_CONCURRENCY customers at a time, each a transaction and a workflow start.
    const enrolling = startBulkEnrol(bench.deps, { workspaceId, journeyId, filter: {}, userId: null })
      .then(async ({ job, finished }) => {
        await finished;
        enrolledAt = performance.now();
        const row = reader.prepare('select status, succeeded, error from bulk_jobs where id = ?').get(job.id) as { status: string; succeeded: number; error: string | null };
        if (row.status !== 'done' || row.succeeded !== n) failure = new Error(`bulk enrolment ${row.status}: ${row.succeeded} of ${n} enrolled${row.error ? ` (${row.error})` : ''}`);
      })
      .catch((err: unknown) => (failure = err));
    await waitFor(
      `${n} enrollments to end`,
      () => {
        if (failure) throw failure;
        const ended = countWhere(reader, `select count(*) as n from enrollments where status in ${CLOSED}`);
        return ended >= n || `${ended}/${n} ended`;
      },
      30 * 60_000,
      50,
    );
    const seconds = (performance.now() - t0) / 1000;
    await enrolling;
    const cpu = meter();
    const profile = await stopProfile();
    const after = tableCounts(reader);
    const notCompleted = countWhere(reader, "select count(*) as n from enrollments where status != 'completed'");
    if (notCompleted > 0) throw new Error(`${notCompleted} enrollments did not complete`);
    const steps = after.enrollment_steps! - (before.enrollment_steps ?? 0);
    // How long each customer took beyond its 3 waits: the engine's delay per customer.
    const spans = (reader.prepare('select started_at as s, ended_at as e from enrollments').all() as Array<{ s: string; e: string }>).map((r) => Date.parse(r.e) - Date.parse(r.s) - REFERENCE_TIMERS * WAIT_S * 1000);
    const ids = (reader.prepare(`select workflow_id as id from enrollments order by random() limit ${HISTORY_SAMPLE}`).all() as Array<{ id: string }>).map((r) => r.id);
    const history = await historyEvents(bench.client, ids);
    const run: Run = { customersPerS: n / seconds, stepsPerS: steps / seconds, enrolPerS: n / ((enrolledAt - t0) / 1000), seconds, cpu, profile };
    return {
      run,
      spans,
      history,
      rows: rowsWritten(before, after, n),
      stepsPerCustomer: steps / n,
      temporalKB: ((fileSizeMB(...dbFiles(dataDir, 'temporal.db')) - temporalBefore) * 1024) / n,
    };
  } finally {
    await bench.close();
  }
}

/** Splits `total` rows over `runs` activities as evenly as possible. */
function split(total: number, runs: number): number[] {
  return Array.from({ length: runs }, (_, i) => Math.floor(total / runs) + (i < total % runs ? 1 : 0));
}

async function baseline(n: number, dataDir: string, product: Product, rowsPerCustomer: number) {
  const dbFile = join(dataDir, 'baseline.db');
  const db = openSqlite(dbFile);
  db.exec(BASELINE_SCHEMA);
  const taskQueue = `bench-baseline-${n}`;
  const worker = await startBaselineWorker({ temporalAddress: product.temporalAddress, dbFile, taskQueue, inspect: true });
  const bench = await benchDeps(dataDir, product.temporalAddress);
  // The starter writes one row (like the enrollment row); the activities write the rest.
  const rows = split(Math.max(0, Math.round(rowsPerCustomer) - 1), REFERENCE_RUNS);
  const insert = db.prepare('insert into baseline_customers (id, run, done, updated_at) values (?, -1, 0, ?)');
  try {
    const meter = cpuMeter({ worker: worker.pid, temporal: product.temporalPid });
    const stopProfile = await startProfile(await worker.inspectorUrl, `throughput-${n}-baseline`);
    const t0 = performance.now();
    let failure: unknown = null;
    // Started like ours: BULK_ENROL_CONCURRENCY at a time, a row then a workflow start each.
    let next = 0;
    const starting = Promise.all(
      Array.from({ length: BULK_ENROL_CONCURRENCY }, async () => {
        while (next < n) {
          const id = `c${next++}`;
          insert.run(id, new Date().toISOString());
          await bench.client.workflow.start('baselineWorkflow', { taskQueue, workflowId: `baseline:${n}:${id}`, args: [{ id, waitMs: WAIT_S * 1000, rows } satisfies BaselineInput] });
        }
      }),
    ).catch((err: unknown) => (failure = err));
    await waitFor(
      `${n} baseline workflows to finish`,
      () => {
        if (failure) throw failure;
        const done = countWhere(db, 'select count(*) as n from baseline_customers where done = 1');
        return done >= n || `${done}/${n} done`;
      },
      30 * 60_000,
      50,
    );
    const seconds = (performance.now() - t0) / 1000;
    await starting;
    const cpu = meter();
    const profile = await stopProfile();
    const ids = Array.from({ length: Math.min(HISTORY_SAMPLE, n) }, (_, i) => `baseline:${n}:c${Math.floor((i * n) / Math.min(HISTORY_SAMPLE, n))}`);
    const history = await historyEvents(bench.client, ids);
    return { customersPerS: n / seconds, seconds, cpu, profile, history, rows };
  } finally {
    await bench.close();
    await worker.stop();
    db.close();
  }
}

const cpuMs = (cpu: Run['cpu'], k: string, per = 1) => ((cpu.cpuSeconds[k] ?? 0) * 1000) / per;

const pct = (cpu: Run['cpu']) =>
  Object.entries(cpu.percentOfMachine)
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const n of SIZES) {
    console.log(`  N = ${n}`);
    try {
      results.push(...(await size(n)));
    } catch (err) {
      // One size failing (a timeout on a busy machine) keeps the figures of the others.
      console.error(`  N = ${n} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      results.push(figure(`n${n}-failed`, `N = ${n}: run failed`, 'count', 0, { note: err instanceof Error ? err.message.split('\n')[0] : String(err) }));
    }
  }
  return results;
}

async function size(n: number): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dataDir = freshDataDir();
  const prepared = await prepare(dataDir, { customers: n, graph: referenceJourney(WAIT_S) });
  const product = await startProduct({ dataDir, inspect: true }).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const reader = openSqlite(productDb(dataDir), { readonly: true });
  try {
    const o = await ours(n, dataDir, product, prepared.journeyId!, prepared.workspaceId, reader);
    const rowsPerCustomer = Object.values(o.rows).reduce((a, b) => a + b, 0);
    console.log(`    ours: ${o.run.customersPerS.toFixed(1)} customers/s in ${o.run.seconds.toFixed(1)} s; baseline next (${rowsPerCustomer} rows per customer)`);
    const b = await baseline(n, dataDir, product, rowsPerCustomer);
    const k = `n${n}`;
    results.push(
      figure(`${k}-customers`, `N = ${n}: customers/s, enrolment start → all ${n} completed`, '/s', o.run.customersPerS, {
        note: `${o.run.seconds.toFixed(1)} s in all (floor: ${REFERENCE_TIMERS} × ${WAIT_S} s of waits); CPU: ${pct(o.run.cpu)}`,
        details: { cpu: o.run.cpu, profile: o.run.profile },
      }),
      figure(`${k}-steps`, `N = ${n}: node-steps/s (enrollment_steps rows)`, '/s', o.run.stepsPerS, { note: `${o.stepsPerCustomer.toFixed(1)} steps per customer` }),
      figure(`${k}-enrol`, `N = ${n}: enrolment rate (bulk enrolment, ${BULK_ENROL_CONCURRENCY} at a time)`, '/s', o.run.enrolPerS),
      distribution(`${k}-delay`, `N = ${n}: per customer, enrolled → completed minus the ${REFERENCE_TIMERS * WAIT_S} s of waits`, 'ms', o.spans),
      figure(`${k}-baseline`, `N = ${n}: hand-written baseline, customers/s (same timers, activities, rows)`, '/s', b.customersPerS, {
        note: `${b.seconds.toFixed(1)} s; activities write ${b.rows.join('+')} rows + 1 update each; CPU: ${pct(b.cpu)}`,
        details: { cpu: b.cpu, profile: b.profile },
      }),
      figure(`${k}-ratio`, `N = ${n}: ours ÷ baseline (customers/s)`, 'ratio', o.run.customersPerS / b.customersPerS),
      figure(`${k}-cpu-ours`, `N = ${n}: CPU per customer, ours: product process + Temporal server`, 'ms', cpuMs(o.run.cpu, 'product', n) + cpuMs(o.run.cpu, 'temporal', n), {
        note: `product ${cpuMs(o.run.cpu, 'product', n).toFixed(0)} ms + Temporal ${cpuMs(o.run.cpu, 'temporal', n).toFixed(0)} ms (÷ N; enrolment in the bench process not included: ${cpuMs(o.run.cpu, 'bench', n).toFixed(0)} ms)`,
      }),
      figure(`${k}-cpu-baseline`, `N = ${n}: CPU per customer, baseline: its worker + Temporal server`, 'ms', cpuMs(b.cpu, 'worker', n) + cpuMs(b.cpu, 'temporal', n), {
        note: `worker ${cpuMs(b.cpu, 'worker', n).toFixed(0)} ms + Temporal ${cpuMs(b.cpu, 'temporal', n).toFixed(0)} ms`,
      }),
      figure(`${k}-cpu-ratio`, `N = ${n}: baseline ÷ ours, CPU per customer (the load-independent form of the ratio)`, 'ratio', (cpuMs(b.cpu, 'worker', n) + cpuMs(b.cpu, 'temporal', n)) / (cpuMs(o.run.cpu, 'product', n) + cpuMs(o.run.cpu, 'temporal', n))),
      figure(`${k}-history`, `N = ${n}: Temporal history events per customer (ours)`, 'count', o.history.mean, {
        note: `sample of ${o.history.sample}, min ${o.history.min}, max ${o.history.max}; baseline: ${b.history.mean}`,
        details: { ours: o.history, baseline: b.history },
      }),
      figure(`${k}-rows`, `N = ${n}: DB rows inserted per customer (ours)`, 'count', rowsPerCustomer, {
        note: Object.entries(o.rows)
          .map(([t, c]) => `${t} ${c}`)
          .join(', '),
      }),
      figure(`${k}-temporal-db`, `N = ${n}: Temporal's SQLite file growth per customer (db + WAL)`, 'KB', o.temporalKB),
    );
  } finally {
    reader.close();
    await product.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
