import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { closedLoop, purchase } from './engine/load.ts';
import { cpuMeter, startProduct } from './engine/procs.ts';
import { startProfile } from './engine/profile.ts';
import { countWhere, freshDataDir, openSqlite, prepare, productDb, sized } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { distribution, figure } from './types.ts';

const CUSTOMERS = sized('BENCH_CUSTOMERS', 200, 1000);
const SECONDS = sized('BENCH_SECONDS', 5, 20);
const PHASES = [
  { id: 'single', batch: 1, clients: 16 },
  { id: 'batch-100', batch: 100, clients: 4 },
  { id: 'batch-1000', batch: 1000, clients: 2 },
];

export const meta: BenchMeta = {
  section: 'engine-ingest',
  title: 'Event ingest: POST /api/v1/events',
  layout: 'figures',
  method: [
    `A fresh data dir with ${CUSTOMERS} customers and no live journey; the product started as \`pnpm start\` runs it (one process: API + worker + dispatcher; the dispatcher`,
    'drains the stored events meanwhile, as it would in production). For each phase, a closed loop: C clients each send their next request as soon as the last is answered,',
    `for ${SECONDS} s: single events with C = 16, batches of 100 with C = 4, batches of 1000 with C = 2. Each event is a purchase of an existing customer (by id) with its own idempotency key.`,
    'Events/s counts accepted events over the phase; the per-request times are from the request leaving to the answer. The dispatch backlog is how many of the stored events were not yet',
    'dispatched at the end of the phase. CPU (/proc) and the main-thread profile (V8 profiler over the inspector) cover each phase.',
  ].join(' '),
};

export async function run(): Promise<BenchResult[]> {
  const dataDir = freshDataDir();
  const prepared = await prepare(dataDir, { customers: CUSTOMERS, graph: null });
  const product = await startProduct({ dataDir, inspect: true });
  const reader = openSqlite(productDb(dataDir), { readonly: true });
  const results: BenchResult[] = [];
  try {
    let seq = 0;
    const event = () => {
      seq += 1;
      return purchase(prepared.customerIds[seq % CUSTOMERS]!, `bench-ingest-${seq}`);
    };
    for (const phase of PHASES) {
      await sleep(2000);
      const meter = cpuMeter({ product: product.pid, temporal: product.temporalPid });
      const stopProfile = await startProfile(await product.inspectorUrl, `ingest-${phase.id}`);
      const body = () => (phase.batch === 1 ? event() : { events: Array.from({ length: phase.batch }, event) });
      const { sent, seconds } = await closedLoop(phase.clients, SECONDS, body, product.url, prepared.apiKey);
      const cpu = meter();
      const profile = await stopProfile();
      const ok = sent.filter((s) => s.status === 200);
      const backlog = countWhere(reader, 'select count(*) as n from events where dispatched_at is null');
      const cpuNote = Object.entries(cpu.percentOfMachine)
        .map(([k, v]) => `${k} ${v}%`)
        .join(', ');
      const what = phase.batch === 1 ? 'single events' : `batches of ${phase.batch}`;
      results.push(
        figure(`${phase.id}-rate`, `Events accepted per second, ${what}, ${phase.clients} clients`, '/s', (ok.length * phase.batch) / seconds, {
          note: `${sent.length - ok.length} requests not answered 200; dispatch backlog at the end: ${backlog}; CPU: ${cpuNote}`,
          details: { cpu, profile },
        }),
        distribution(`${phase.id}-request`, `Request time, ${what}`, 'ms', ok.map((s) => s.ms)),
      );
      // Let the dispatcher catch up so the next phase starts from the same state.
      const start = performance.now();
      while (countWhere(reader, 'select count(*) as n from events where dispatched_at is null') > 0 && performance.now() - start < 300_000) await sleep(500);
    }
    return results;
  } finally {
    reader.close();
    await product.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
