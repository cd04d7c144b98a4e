import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitForPurchaseJourney } from './engine/graphs.ts';
import { openLoop, purchase } from './engine/load.ts';
import { cpuMeter, memory, startProduct } from './engine/procs.ts';
import { startProfile } from './engine/profile.ts';
import { benchDeps, enrolAllAndWait, freshDataDir, openSqlite, prepare, productDb, sized } from './engine/setup.ts';
import type { BenchMeta, BenchResult } from './types.ts';
import { distribution, figure } from './types.ts';

const WAITING = sized('BENCH_WAITING', 300, 10_000);
const RATE = sized('BENCH_RATE', 20, 200);
const SECONDS = sized('BENCH_SECONDS', 10, 30);
const EVENTS = Math.min(WAITING, RATE * SECONDS);
const POLL_MS = 5;
/** How long after its last request a phase waits for the tasks still to come before counting them lost. */
const DRAIN_LIMIT_S = 600;
/** The second phase offers this share of the rate at which the first one turned events into tasks. */
const SUSTAINED_SHARE = 0.8;

export const meta: BenchMeta = {
  section: 'engine-latency',
  title: 'Event → next task latency, and memory with customers waiting (one process)',
  layout: 'figures',
  method: [
    `A fresh data dir with ${WAITING} customers and a journey trigger → wait for a purchase (30-day timeout) → send-script → exit; the product started as \`pnpm start\` runs it`,
    '(apps/server/src/main.ts in its own process: API + worker + dispatcher, its embedded Temporal dev server). The bench process enrols all of them (enrolCustomer, 8 at a time) and waits until all are waiting;',
    'then it reads the RSS of the product process and of the Temporal server (/proc VmRSS, VmHWM = peak).',
    `Latency: an open-loop generator sends ${EVENTS} purchase events, one per waiting customer, at a steady ${RATE}/s for ${SECONDS} s to POST /api/v1/events (X-Api-Key, one event per request, keep-alive),`,
    `whatever the answers do. A read-only SQLite connection polls the tasks table every ${POLL_MS} ms for new rows (by rowid); the latency of an event is the time from its request leaving to its customer's task row being visible`,
    `(resolution ≈ ${POLL_MS} ms plus the poll's own time). Split: request → dispatched_at (the dispatcher signalled the workflow) and dispatched → task visible, from the event rows (wall clock, same machine).`,
    `Events whose task did not appear within ${DRAIN_LIMIT_S} s after the phase's last request count as lost. CPU and the main-thread profile cover the sending window and the drain.`,
    `A second phase, once the first has drained, sends the customers left over at ${SUSTAINED_SHARE * 100} % of the rate at which the first phase turned events into tasks (for ${SECONDS} s, or fewer if fewer customers are left):`,
    'the latency at a load this machine keeps up with.',
  ].join(' '),
};

export async function run(): Promise<BenchResult[]> {
  const dataDir = freshDataDir();
  const prepared = await prepare(dataDir, { customers: WAITING, graph: waitForPurchaseJourney() });
  const product = await startProduct({ dataDir, inspect: true });
  const reader = openSqlite(productDb(dataDir), { readonly: true });
  const bench = await benchDeps(dataDir, product.temporalAddress);
  try {
    await sleep(2000);
    const idle = memory(product.pid);
    const enrolSeconds = await enrolAllAndWait(bench.deps, reader, prepared);
    await sleep(5000); // let the worker settle (caches, GC) before reading memory
    const waitingMem = memory(product.pid);
    const temporalMem = product.temporalPid ? memory(product.temporalPid) : null;

    // Latency under a steady open-loop load.
    const seen = new Map<string, number>();
    let lastRowid = Number((reader.prepare('select coalesce(max(rowid), 0) as n from tasks').get() as { n: number }).n);
    const newTasks = reader.prepare('select rowid as r, customer_id as c from tasks where rowid > ? order by rowid');
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const now = performance.now();
        for (const row of newTasks.all(lastRowid) as Array<{ r: number; c: string }>) {
          lastRowid = row.r;
          if (!seen.has(row.c)) seen.set(row.c, now);
        }
        await sleep(POLL_MS);
      }
    })();
    const dispatchedAt = reader.prepare('select dispatched_at as d from events where id = ?');
    const cpuNote = (cpu: ReturnType<ReturnType<typeof cpuMeter>>) =>
      Object.entries(cpu.percentOfMachine)
        .map(([k, v]) => `${k} ${v}%`)
        .join(', ');

    /** Sends one event to each of `targets` at `rate`/s, waits for their tasks, and measures. */
    const phase = async (key: string, label: string, targets: string[], rate: number) => {
      const meter = cpuMeter({ product: product.pid, temporal: product.temporalPid });
      const stopProfile = await startProfile(await product.inspectorUrl, `latency-${key}-product`);
      const sent = await openLoop(targets.length, rate, (i) => purchase(targets[i]!, `bench-latency-${key}-${i}`), product.url, prepared.apiKey);
      const sendSeconds = (sent.at(-1)!.at - sent[0]!.at) / 1000;
      const drainStart = performance.now();
      while (targets.some((c) => !seen.has(c)) && performance.now() - drainStart < DRAIN_LIMIT_S * 1000) await sleep(200);
      const drainSeconds = (performance.now() - drainStart) / 1000;
      const cpu = meter();
      const profile = await stopProfile();

      const latencies: number[] = [];
      const toDispatch: number[] = [];
      const toTask: number[] = [];
      let lost = 0;
      let lastTask = 0;
      for (const s of sent) {
        const at = seen.get(targets[s.i]!);
        if (at === undefined) {
          lost += 1;
          continue;
        }
        lastTask = Math.max(lastTask, at);
        latencies.push(at - s.at);
        const d = s.eventIds[0] ? (dispatchedAt.get(s.eventIds[0]) as { d: string | null } | undefined)?.d : null;
        if (d) {
          const dispatchedPerf = s.at + (Date.parse(d) - s.wallAt);
          toDispatch.push(dispatchedPerf - s.at);
          toTask.push(at - dispatchedPerf);
        }
      }
      const answered = sent.filter((s) => s.status === 200);
      const tasksPerS = latencies.length / ((lastTask - sent[0]!.at) / 1000);
      const results = [
        distribution(`${key}latency`, `${label}: purchase posted → the waiting customer's next task visible, at ${Math.round(rate)}/s offered`, 'ms', latencies, {
          note: `${latencies.length} of ${targets.length} events; lost (no task within ${DRAIN_LIMIT_S} s): ${lost}; CPU over the window: ${cpuNote(cpu)}`,
          details: { cpu, profile, drainSeconds },
        }),
        distribution(`${key}latency-dispatch`, `${label}: of which request sent → dispatched (dispatcher signalled the run)`, 'ms', toDispatch),
        distribution(`${key}latency-run`, `${label}: of which dispatched → task visible (signal → workflow task → runSteps)`, 'ms', toTask),
        figure(`${key}rate-offered`, `${label}: events offered (open loop)`, '/s', targets.length / Math.max(sendSeconds, 1e-3), { note: `${targets.length} in ${sendSeconds.toFixed(1)} s` }),
        figure(`${key}rate-tasks`, `${label}: tasks created, events turned into next tasks per second (first request → last task)`, '/s', tasksPerS),
        distribution(`${key}ingest-under-load`, `${label}: POST /api/v1/events answer time under this load`, 'ms', answered.map((s) => s.ms), { note: `${sent.length - answered.length} requests not answered 200` }),
      ];
      return { results, tasksPerS };
    };

    const first = await phase('', `${RATE}/s`, prepared.customerIds.slice(0, EVENTS), RATE);
    const sustained = Math.max(1, Math.floor(first.tasksPerS * SUSTAINED_SHARE));
    const left = prepared.customerIds.slice(EVENTS, EVENTS + sustained * SECONDS);
    const second = left.length >= 10 ? await phase('sustained-', `${sustained}/s (${SUSTAINED_SHARE * 100} % of the drain rate)`, left, sustained) : null;
    polling = false;
    await poller;

    return [
      ...first.results,
      ...(second?.results ?? []),
      figure('enrol-rate', `Enrolment of the ${WAITING} customers (setting the scene: 8 enrolments at a time from the bench process)`, '/s', WAITING / enrolSeconds),
      figure('rss-idle', 'Product process RSS, idle before enrolment (API + worker + dispatcher)', 'MB', idle.rssMB),
      figure('rss-waiting', `Product process RSS with ${WAITING} customers waiting`, 'MB', waitingMem.rssMB, { note: `peak ${waitingMem.peakMB} MB` }),
      figure('rss-temporal', `Temporal dev server RSS with ${WAITING} customers waiting`, 'MB', temporalMem?.rssMB ?? Number.NaN, { note: temporalMem ? `peak ${temporalMem.peakMB} MB` : '' }),
    ];
  } finally {
    await bench.close();
    reader.close();
    await product.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
