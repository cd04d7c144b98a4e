// Child processes for the engine benchmarks (the product as `pnpm start` runs it, the worker alone,
// the baseline worker), and what /proc says about them: CPU time per process and per thread, RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '@sopline/temporal-dev';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WAIT_PLUGIN = fileURLToPath(new URL('./wait-seconds.ts', import.meta.url));
const CLK_TCK = 100;

/** Processes started here and not yet stopped: killed if the bench exits early (a failed run). */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Kill this process too if the bench exits early; `untrack` once it is stopped. */
export const track = (pid: number) => live.add(pid);
export const untrack = (pid: number) => live.delete(pid);

export type Child = {
  pid: number;
  /** What the process wrote, last 64 KiB. */
  output(): string;
  /** Whether the process has written a line matching `pattern` (anywhere in its output so far). */
  wrote(pattern: RegExp): boolean;
  /** The inspector's WebSocket URL when started with inspect. */
  inspectorUrl: Promise<string | null>;
  stop(): Promise<void>;
};

/** Runs `node [--inspect] <script>` from the repository root with the given environment. */
export function spawnNode(script: string, env: Record<string, string>, options: { inspect?: boolean } = {}): Child {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_') && !k.startsWith('SOPLINE_') && k !== 'PORT' && k !== 'DATABASE_URL')) as Record<string, string>;
  const args = [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), script];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines: string[] = [];
  let resolveUrl: (url: string | null) => void = () => {};
  const inspectorUrl = new Promise<string | null>((resolve) => (resolveUrl = resolve));
  if (!options.inspect) resolveUrl(null);
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-65_536);
    // Short lines are kept whole (log lines and ready messages); webpack's bundle reports are not.
    for (const line of text.split('\n')) if (line.length < 400 && lines.length < 5000) lines.push(line);
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
    if (url) resolveUrl(url);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => resolveUrl(null));
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const pid = child.pid;
  live.add(pid);
  return {
    pid,
    output: () => output,
    wrote: (pattern) => lines.some((line) => pattern.test(line)),
    inspectorUrl,
    async stop() {
      live.delete(pid);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

// Generous: the worker bundles its workflow code with webpack at start, slow on a busy machine.
async function until(what: string, child: Child, probe: () => Promise<boolean> | boolean, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(child.pid)) throw new Error(`${what} exited while starting:\n${child.output()}`);
    if (await probe()) return;
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${what} did not come up within ${timeoutMs / 1000} s:\n${child.output()}`);
    }
    await sleep(200);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

export type Product = Child & { url: string; temporalAddress: string; temporalPid: number | null };

/**
 * The product as `pnpm start` runs it (apps/server/src/main.ts: API + worker + dispatcher in one
 * process), with its own data dir. Without temporalAddress it starts its embedded Temporal dev server
 * itself (SQLite file in the data dir, Web UI on a free port), exactly as `pnpm start` does.
 */
export async function startProduct(options: { dataDir: string; temporalAddress?: string; worker?: boolean; inspect?: boolean }): Promise<Product> {
  const port = await freePort();
  const temporalPort = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    SOPLINE_DATA_DIR: options.dataDir,
    SOPLINE_SEED: 'off',
    SOPLINE_PLUGINS: WAIT_PLUGIN,
    SOPLINE_WORKER: options.worker === false ? 'off' : 'on',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-session-secret-bench-session-secret-0000',
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(await freePort()),
    ...(options.temporalAddress ? { TEMPORAL_ADDRESS: options.temporalAddress } : {}),
  };
  const child = spawnNode('apps/server/src/main.ts', env, { inspect: options.inspect });
  const url = `http://127.0.0.1:${port}`;
  await until('the product', child, () => healthy(url));
  const temporalPid = options.temporalAddress ? null : (childrenOf(child.pid).find((p) => comm(p) === 'temporal') ?? null);
  if (temporalPid !== null) live.add(temporalPid);
  return {
    ...child,
    url,
    temporalAddress: options.temporalAddress ?? `127.0.0.1:${temporalPort}`,
    temporalPid,
    async stop() {
      await child.stop();
      if (temporalPid === null) return;
      // The product stops its embedded server itself; make sure of it.
      for (let i = 0; i < 100 && alive(temporalPid); i += 1) await sleep(100);
      if (alive(temporalPid)) process.kill(temporalPid, 'SIGKILL');
      live.delete(temporalPid);
    },
  };
}

/** The worker process alone (`pnpm --filter @sopline/journey-worker start`), with its event dispatcher. */
export async function startWorkerOnly(options: { dataDir: string; temporalAddress: string; inspect?: boolean; env?: Record<string, string> }): Promise<Child> {
  const child = spawnNode('workflows/journey/src/main.ts', { SOPLINE_DATA_DIR: options.dataDir, TEMPORAL_ADDRESS: options.temporalAddress, SOPLINE_PLUGINS: WAIT_PLUGIN, ...options.env }, { inspect: options.inspect });
  await until('the worker', child, () => child.wrote(/^sopline worker\b/));
  return child;
}

/** The hand-written baseline's worker (baseline-worker.ts) in its own process, like the product's. */
export async function startBaselineWorker(options: { temporalAddress: string; dbFile: string; taskQueue: string; inspect?: boolean }): Promise<Child> {
  const child = spawnNode(
    fileURLToPath(new URL('./baseline-worker.ts', import.meta.url)),
    { BENCH_TEMPORAL_ADDRESS: options.temporalAddress, BENCH_DB: options.dbFile, BENCH_TASK_QUEUE: options.taskQueue },
    { inspect: options.inspect },
  );
  await until('the baseline worker', child, () => child.wrote(/^baseline worker ready/));
  return child;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function statFields(pid: number | string, tid?: string): string[] | null {
  try {
    const stat = readFileSync(tid ? `/proc/${pid}/task/${tid}/stat` : `/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function comm(pid: number | string, tid?: string): string {
  try {
    return readFileSync(tid ? `/proc/${pid}/task/${tid}/comm` : `/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => statFields(d)?.[1] === String(pid))
    .map(Number);
}

/** CPU seconds (user + system) the process has used. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / CLK_TCK : Number.NaN;
}

/** CPU seconds per thread name (threads of the same name summed). */
export function threadCpu(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return out;
  for (const tid of readdirSync(dir)) {
    const f = statFields(pid, tid);
    if (!f) continue;
    const thread = comm(pid, tid);
    // A Node process's main thread is where its JS runs; other programs keep their own name.
    const name = tid === String(pid) && (thread === 'node' || thread === 'MainThread') ? 'main (JS)' : thread;
    out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) / CLK_TCK;
  }
  return out;
}

/** Resident memory now and at its peak, in MB. */
export function memory(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMB: Math.round(kb('VmRSS') / 102.4) / 10, peakMB: Math.round(kb('VmHWM') / 102.4) / 10 };
}

/**
 * CPU used by a set of processes between start() and stop() (less the V8 profiler's own thread), in
 * seconds and as shares of the wall time × cores; with the per-thread split (thread names from /proc).
 */
export function cpuMeter(pids: Record<string, number | null>) {
  const t0 = performance.now();
  const at0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid === null ? 0 : cpuSeconds(pid)]));
  const threads0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid === null ? {} : threadCpu(pid)]));
  const self0 = process.cpuUsage();
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const used: Record<string, number> = {};
    const threads: Record<string, Record<string, number>> = {};
    for (const [k, pid] of Object.entries(pids)) {
      if (pid === null) continue;
      used[k] = Math.round((cpuSeconds(pid) - at0[k]!) * 100) / 100;
      const now = threadCpu(pid);
      threads[k] = Object.fromEntries(
        Object.entries(now)
          .map(([name, s]) => [name, Math.round((s - (threads0[k]![name] ?? 0)) * 100) / 100] as const)
          .filter(([, s]) => s >= 0.05)
          .sort((a, b) => b[1] - a[1]),
      );
    }
    // The V8 profiler's own thread is measurement cost, not the process's work.
    for (const [k, t] of Object.entries(threads)) if (t['v8:ProfEvntProc']) used[k] = Math.round((used[k]! - t['v8:ProfEvntProc']) * 100) / 100;
    const self = process.cpuUsage(self0);
    used.bench = Math.round(((self.user + self.system) / 1e6) * 100) / 100;
    const capacity = wall * (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 1);
    const share = Object.fromEntries(Object.entries(used).map(([k, s]) => [k, Math.round((1000 * s) / capacity) / 10]));
    return { wallS: Math.round(wall * 10) / 10, cpuSeconds: used, percentOfMachine: share, threads };
  };
}

export function fileSizeMB(...files: string[]): number {
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      // missing: 0
    }
  }
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

export function loadAverage(): number[] {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

export const dbFiles = (dataDir: string, name: string) => [join(dataDir, name), join(dataDir, `${name}-wal`)];
