// Starts Temporal's time-skipping test server, for tests whose journeys wait days or weeks:
// the SDK connects to it (TestWorkflowEnvironment.createTimeSkipping with an existing-path executable,
// or createFromExistingServer) and time jumps instead of passing.
import { ServerFailedError, spawnServer, stopServer, waitUntilReady } from './child.ts';
import { findTestServer } from './locate.ts';
import { freePort, isPortOpen } from './ports.ts';

// A test server that cannot bind its port prints this and then hangs instead of exiting.
const BIND_FAILED = /Failed to bind|address already in use/i;

export type TestServerOptions = {
  /** A free port when not given. */
  port?: number;
  /** Path of `temporal-test-server`; found with findTestServer() when not given. */
  bin?: string;
  /** Start with time skipping unlocked; the SDK's test environment unlocks it as needed anyway. */
  enableTimeSkipping?: boolean;
  /** How long to wait for the port to answer; 60 s when not given. */
  startTimeoutMs?: number;
};

export type TestServer = {
  /** 127.0.0.1:PORT */
  address: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
};

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const bin = opts.bin ?? findTestServer();
  if (bin === null) {
    throw new Error(
      'Temporal test server not found. Run `node packages/temporal-dev/src/fetch.ts` (pnpm install does it), ' +
        'put `temporal-test-server` on PATH, or set TEMPORAL_TEST_SERVER to its path.',
    );
  }
  const attempts = opts.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const args = [String(port), ...(opts.enableTimeSkipping === true ? ['--enable-time-skipping'] : [])];
    if (opts.port !== undefined && (await isPortOpen('127.0.0.1', port))) {
      throw new Error(`Cannot start the Temporal test server on port ${port}: the port is already in use.`);
    }
    const server = await spawnServer(bin, args);
    try {
      await waitUntilReady(server, {
        what: `Temporal test server (${bin} ${args.join(' ')})`,
        ready: () => isPortOpen('127.0.0.1', port, 500),
        timeoutMs: opts.startTimeoutMs ?? 60_000,
        fatal: BIND_FAILED,
      });
    } catch (err) {
      if (err instanceof ServerFailedError && BIND_FAILED.test(err.output) && attempt < attempts) continue;
      throw err;
    }
    let stopping: Promise<void> | null = null;
    return { address: `127.0.0.1:${port}`, port, pid: server.pid, stop: () => (stopping ??= stopServer(server)) };
  }
}
