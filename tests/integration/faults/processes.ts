// Real Sopline processes for the fault and multi-process tests: the server (`apps/server/src/main.ts`)
// and the standalone worker (`workflows/journey/src/main.ts`), each a child `node` process with its
// own memory, talking to the others only through Temporal and the database.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER_MAIN = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));
export const WORKER_MAIN = fileURLToPath(new URL('../../../workflows/journey/src/main.ts', import.meta.url));

/** What a process is told about its world: only these variables, plus PATH and HOME. */
export type ProcessEnv = Record<string, string>;

export type Proc = {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output (from `from` on), or rejects when the process exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no shutdown handler runs, nothing is flushed. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
};

const started = new Set<Proc>();
// A test run that is itself stopped (Ctrl-C, a timeout) takes its processes with it, rather than leave
// workers polling a Temporal server and a database that are about to disappear.
process.once('exit', () => {
  for (const p of started) p.child.kill('SIGKILL');
});

export function spawnNode(name: string, script: string, env: ProcessEnv): Proc {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const proc: Proc = {
    name,
    child,
    output: () => output,
    async waitFor(pattern, timeoutMs = 90_000, from = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output.slice(from));
        if (match) return match;
        if (gone) throw new Error(`${name} exited before printing ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited,
    async crash() {
      if (!gone) child.kill('SIGKILL');
      await exited;
      started.delete(proc);
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const { code } = await exited;
      started.delete(proc);
      return code;
    },
  };
  started.add(proc);
  return proc;
}

/** A standalone worker process (worker, dispatcher, bulk jobs); resolves once it is polling. */
export async function startWorker(name: string, env: ProcessEnv): Promise<Proc & { holder: string }> {
  const proc = spawnNode(name, WORKER_MAIN, env);
  const match = await proc.waitFor(/sopline worker (\S+):/);
  return Object.assign(proc, { holder: match[1]! });
}

/** The server process (role from env); resolves with its URL once it prints its banner. */
export async function startServer(name: string, env: ProcessEnv): Promise<Proc & { url: string }> {
  const proc = spawnNode(name, SERVER_MAIN, { SOPLINE_SEED: 'off', PORT: '0', ...env });
  const match = await proc.waitFor(/Sopline is running at (http:\/\/\S+)/);
  return Object.assign(proc, { url: match[1]! });
}

/** Kills (-9) whatever a test left running: called from afterEach / afterAll. */
export async function killStarted(): Promise<void> {
  await Promise.all([...started].map((p) => p.crash()));
}

/** Polls `probe` until it returns something truthy; the error names what was awaited and the last value seen. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The lines that would mean SQLite refused a write somewhere. */
export const LOCKED = /database is locked|SQLITE_BUSY/i;

/** Test figures, printed in one recognisable block so they can be copied into docs/reliability.md. */
export function report(test: string, figures: Record<string, string | number>): void {
  const lines = Object.entries(figures).map(([k, v]) => `    ${k}: ${v}`);
  console.log(`\n[figures] ${test}\n${lines.join('\n')}\n`);
}
