// The lifecycle of a server child process: spawn with its output kept, wait until it answers,
// stop it politely and then firmly. Shared by the dev server and the test server.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const OUTPUT_LIMIT = 64 * 1024;

export type ServerChild = {
  child: ChildProcess;
  pid: number;
  /** The last 64 KiB of what the process wrote to stdout and stderr. */
  output(): string;
  /** Whether the process has exited (or failed to start). */
  exited(): boolean;
  /** Resolves once the process has exited. */
  exit: Promise<void>;
};

/** Child env without TEMPORAL_* settings, which would point the CLI at another cluster or turn on TLS. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('TEMPORAL_')));
}

export async function spawnServer(bin: string, args: string[]): Promise<ServerChild> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() });
  let output = '';
  let done = false;
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      resolve();
    });
    child.once('error', (err) => {
      keep(Buffer.from(`\n${err.message}\n`));
      done = true;
      resolve();
    });
  });
  // 'spawn' or 'error' fires first; a missing binary then reports here instead of as an odd timeout.
  await Promise.race([new Promise((resolve) => child.once('spawn', resolve)), exit]);
  if (done || child.pid === undefined) throw new Error(`could not start ${bin}: ${output.trim()}`);
  return { child, pid: child.pid, output: () => output, exited: () => done, exit };
}

/** SIGTERM, then SIGKILL if the process is still there after graceMs. Resolves once it has exited. */
export async function stopServer(server: ServerChild, graceMs = 10_000): Promise<void> {
  if (server.exited()) return;
  server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    server.exit.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(resolve, graceMs, false))),
  ]);
  clearTimeout(timer); // a pending grace timer would keep a finished CLI process alive
  if (!gone) {
    server.child.kill('SIGKILL');
    await server.exit;
  }
}

/** The server process failed before it was ready; `output` is what it wrote. */
export class ServerFailedError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.output = output;
  }
}

export type ReadyCheck = {
  /** Name used in error messages. */
  what: string;
  ready: () => Promise<boolean>;
  timeoutMs: number;
  /** Output that means the start failed even if the process lingers (the test server hangs on a bind error). */
  fatal?: RegExp;
};

/**
 * Polls `ready()` until it returns true. Rejects with the server's output when the process exits or
 * prints a fatal line first, or when timeoutMs passes; the process is stopped in every failure.
 */
export async function waitUntilReady(server: ServerChild, check: ReadyCheck): Promise<void> {
  const deadline = Date.now() + check.timeoutMs;
  const failed = (): boolean => server.exited() || (check.fatal !== undefined && check.fatal.test(server.output()));
  for (;;) {
    if (failed()) {
      await stopServer(server, 2_000);
      throw new ServerFailedError(`${check.what} failed to start. Its output:\n${server.output().trim()}`, server.output());
    }
    // Checked again after ready(): while our process fails to bind, the port may answer for someone else.
    if ((await check.ready()) && !failed()) return;
    if (Date.now() > deadline) {
      await stopServer(server, 2_000);
      throw new Error(`${check.what} did not answer within ${Math.round(check.timeoutMs / 1000)} s. Its output:\n${server.output().trim()}`);
    }
    await sleep(200);
  }
}
