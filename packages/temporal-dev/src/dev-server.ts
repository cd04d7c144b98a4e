// Starts the Temporal CLI's dev server (`temporal server start-dev`): the embedded engine for one
// machine and for the integration tests. With dbFile it keeps workflows across restarts.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv, ServerFailedError, spawnServer, stopServer, waitUntilReady } from './child.ts';
import { findTemporalCli } from './locate.ts';
import { freePort, isPortOpen } from './ports.ts';

const run = promisify(execFile);

export const DEFAULT_PORT = 7233;
const BIND_FAILED = /address already in use/i;

export type DevServerOptions = {
  /** SQLite file for the server's state; without it everything is lost when the server stops. */
  dbFile?: string;
  /** gRPC port; a free one when not given. */
  port?: number;
  /** Serve the Web UI on this port; the server runs headless when not given. */
  uiPort?: number;
  /** Namespace to create and wait for; `default` always exists. */
  namespace?: string;
  /** Address the server binds; 127.0.0.1 when not given. */
  ip?: string;
  /** Path of the `temporal` CLI; found with findTemporalCli() when not given. */
  cli?: string;
  /** How long to wait for the server to answer; 60 s when not given. */
  startTimeoutMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Server dynamic config, e.g. { 'limit.historyCount.suggestContinueAsNew': 40 } (tests use it). */
  dynamicConfig?: Record<string, string | number | boolean>;
};

export type DevServer = {
  /** host:port for Temporal clients and workers, e.g. 127.0.0.1:7233. */
  address: string;
  port: number;
  uiUrl: string | null;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
};

export type ReusableDevServer = Omit<DevServer, 'pid'> & {
  /** null when an already running server was reused. */
  pid: number | null;
  reused: boolean;
};

function requireCli(cli: string | undefined): string {
  const found = cli ?? findTemporalCli();
  if (found === null) {
    throw new Error(
      'Temporal CLI not found. Run `node packages/temporal-dev/src/fetch.ts` (pnpm install does it), ' +
        'put `temporal` on PATH, or set TEMPORAL_CLI to its path.',
    );
  }
  return found;
}

/** Clients cannot connect to a wildcard address. */
function connectHost(ip: string): string {
  if (ip === '0.0.0.0') return '127.0.0.1';
  if (ip === '::') return '::1';
  return ip;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** True when a Temporal frontend at address knows the namespace (checked with the CLI itself). */
export async function answersAsTemporal(cli: string, address: string, namespace = 'default'): Promise<boolean> {
  try {
    await run(cli, ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', address, '--command-timeout', '5s'], {
      env: cleanEnv(),
      timeout: 10_000,
    });
    return true;
  } catch {
    return false;
  }
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const cli = requireCli(opts.cli);
  const ip = opts.ip ?? '127.0.0.1';
  const host = connectHost(ip);
  const namespace = opts.namespace ?? 'default';
  // A port we picked can be taken by someone else before the server binds it: then pick again.
  const attempts = opts.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort(host));
    const address = hostPort(host, port);
    const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--namespace', namespace, '--log-level', opts.logLevel ?? 'error'];
    if (opts.uiPort === undefined) args.push('--headless');
    else args.push('--ui-port', String(opts.uiPort));
    for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
    if (opts.dbFile !== undefined) {
      const dbFile = resolve(opts.dbFile);
      mkdirSync(dirname(dbFile), { recursive: true });
      args.push('--db-filename', dbFile);
    }
    if (opts.port !== undefined && (await isPortOpen(host, port))) {
      throw new Error(`Cannot start a Temporal dev server on ${address}: the port is already in use (reuseOrStartDevServer reuses a running server).`);
    }
    const server = await spawnServer(cli, args);
    try {
      await waitUntilReady(server, {
        what: `Temporal dev server (${cli} ${args.join(' ')})`,
        ready: async () => (await isPortOpen(host, port, 500)) && (await answersAsTemporal(cli, address, namespace)),
        timeoutMs: opts.startTimeoutMs ?? 60_000,
        fatal: BIND_FAILED,
      });
    } catch (err) {
      if (err instanceof ServerFailedError && BIND_FAILED.test(err.output) && attempt < attempts) continue;
      throw err;
    }
    let stopping: Promise<void> | null = null;
    return {
      address,
      port,
      uiUrl: opts.uiPort === undefined ? null : `http://${hostPort(host, opts.uiPort)}`,
      pid: server.pid,
      stop: () => (stopping ??= stopServer(server)),
    };
  }
}

/**
 * Reuses whatever Temporal server already answers on the port (7233 when not given), else starts one
 * there. A reused server's stop() leaves it running: it belongs to whoever started it.
 */
export async function reuseOrStartDevServer(opts: DevServerOptions = {}): Promise<ReusableDevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const host = connectHost(ip);
  const port = opts.port ?? DEFAULT_PORT;
  const address = hostPort(host, port);
  if (await isPortOpen(host, port)) {
    const cli = requireCli(opts.cli);
    if (!(await answersAsTemporal(cli, address, opts.namespace ?? 'default'))) {
      throw new Error(`Port ${port} on ${host} is in use, but not by a Temporal server with namespace "${opts.namespace ?? 'default'}".`);
    }
    return { address, port, uiUrl: null, pid: null, reused: true, stop: async () => {} };
  }
  const started = await startDevServer({ ...opts, port });
  return { ...started, reused: false };
}
