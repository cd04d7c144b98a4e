import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDevServer } from '@sopline/temporal-dev';
import { waitForPurchaseJourney } from './engine/graphs.ts';
import { memory, startProduct, startWorkerOnly, track, untrack } from './engine/procs.ts';
import { memoryAfterGc } from './engine/profile.ts';
import { benchDeps, enrolAllAndWait, freshDataDir, openSqlite, prepare, productDb, sized } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { figure } from './types.ts';

const WAITING = sized('BENCH_WAITING', 300, 10_000);
/** Worker cache sizes to compare (SOPLINE_CACHED_RUNS); 'default' leaves Temporal's own. */
const CACHES = (process.env.BENCH_CACHED_RUNS ?? 'default,500').split(',').map((c) => c.trim());

export const meta: BenchMeta = {
  section: 'engine-memory',
  title: 'Memory with customers waiting: API and worker as separate processes',
  layout: 'figures',
  method: [
    `A fresh data dir with ${WAITING} customers and the wait-for-purchase journey (30-day timeout); a Temporal dev server started as the embedded one is (SQLite file in the data dir, headless);`,
    'the API alone (apps/server/src/main.ts with SOPLINE_WORKER=off) and the worker alone (workflows/journey/src/main.ts, the `pnpm worker` entry, with its dispatcher), each its own process.',
    `The bench process enrols all ${WAITING} (enrolCustomer, 8 at a time, its own connection) and waits until all are waiting, then 5 s more; RSS is /proc VmRSS (VmHWM = peak) of each process,`,
    'before enrolment and with everyone waiting; then the worker\'s main thread is garbage-collected over its inspector and its heap and RSS read again. The one-process figure (API + worker together, as `pnpm start` runs) is in the latency table above.',
    `All of it twice, each time from a fresh data dir and servers: with the worker's default cache of runs (Temporal's, about 600 per GB of Node heap) and with SOPLINE_CACHED_RUNS=${CACHES.filter((c) => c !== 'default').join(', ')}.`,
  ].join(' '),
};

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const cache of CACHES) {
    console.log(`  cache: ${cache}`);
    results.push(...(await measure(cache)));
  }
  return results;
}

async function measure(cache: string): Promise<BenchResult[]> {
  const dataDir = freshDataDir();
  const prepared = await prepare(dataDir, { customers: WAITING, graph: waitForPurchaseJourney() });
  const stops: Array<() => Promise<void> | void> = [() => rmSync(dataDir, { recursive: true, force: true })];
  try {
    const temporal = await startDevServer({ dbFile: join(dataDir, 'temporal.db') });
    track(temporal.pid);
    stops.push(async () => {
      await temporal.stop();
      untrack(temporal.pid);
    });
    const api = await startProduct({ dataDir, temporalAddress: temporal.address, worker: false });
    stops.push(() => api.stop());
    const worker = await startWorkerOnly({ dataDir, temporalAddress: temporal.address, inspect: true, env: cache === 'default' ? {} : { SOPLINE_CACHED_RUNS: cache } });
    stops.push(() => worker.stop());
    const reader = openSqlite(productDb(dataDir), { readonly: true });
    stops.push(() => reader.close());
    const bench = await benchDeps(dataDir, temporal.address);
    stops.push(() => bench.close());
    await sleep(2000);
    const idle = { api: memory(api.pid), worker: memory(worker.pid), temporal: memory(temporal.pid) };
    const idleHeap = await memoryAfterGc(await worker.inspectorUrl);
    const enrolSeconds = await enrolAllAndWait(bench.deps, reader, prepared);
    await sleep(5000);
    const waiting = { api: memory(api.pid), worker: memory(worker.pid), temporal: memory(temporal.pid) };
    const waitingHeap = await memoryAfterGc(await worker.inspectorUrl);
    const afterGc = memory(worker.pid);
    const delta = (k: keyof typeof idle) => `idle ${idle[k].rssMB} MB; peak ${waiting[k].peakMB} MB`;
    const k = cache === 'default' ? '' : `cache${cache}-`;
    const label = cache === 'default' ? 'Default cache: ' : `SOPLINE_CACHED_RUNS=${cache}: `;
    return [
      figure(`${k}worker`, `${label}Worker process RSS with ${WAITING} customers waiting`, 'MB', waiting.worker.rssMB, { note: delta('worker') }),
      figure(`${k}api`, `${label}API process RSS (SOPLINE_WORKER=off) with ${WAITING} customers waiting`, 'MB', waiting.api.rssMB, { note: `${delta('api')}; the API holds no per-customer state` }),
      figure(`${k}temporal`, `${label}Temporal dev server RSS with ${WAITING} customers waiting`, 'MB', waiting.temporal.rssMB, { note: delta('temporal') }),
      figure(`${k}worker-per-customer`, `${label}Worker RSS growth per waiting customer`, 'KB', ((waiting.worker.rssMB - idle.worker.rssMB) * 1024) / WAITING),
      figure(`${k}worker-after-gc`, `${label}Worker RSS after a full GC of its main thread, ${WAITING} waiting`, 'MB', afterGc.rssMB, {
        note: waitingHeap && idleHeap ? `main-thread heap used after GC: ${waitingHeap.heapUsedMB} MB (idle: ${idleHeap.heapUsedMB} MB); the workflow thread's heap is not in it` : '',
      }),
      figure(`${k}enrol-rate`, `${label}Enrolment of the ${WAITING} customers (setting the scene: 8 enrolments at a time from the bench process)`, '/s', WAITING / enrolSeconds),
    ];
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}
