// The real time-skipping test server, found by locate.ts (pnpm install fetches one).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findTemporalCli, findTestServer } from './locate.ts';
import { freePort, isPortOpen } from './ports.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const run = promisify(execFile);
const cli = findTemporalCli();
if (findTestServer() === null || cli === null) {
  throw new Error('These tests need the test server and the CLI: run `node packages/temporal-dev/src/fetch.ts`, or set TEMPORAL_TEST_SERVER and TEMPORAL_CLI.');
}
const temporal = cli;

const running: TestServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startTestServer', { timeout: 60_000 }, () => {
  it('starts a server that accepts workflows, and stop() shuts it down', async () => {
    const server = await startTestServer();
    running.push(server);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    expect(await isPortOpen('127.0.0.1', server.port)).toBe(true);

    const { stdout } = await run(temporal, ['workflow', 'start', '--type', 'T', '--task-queue', 'q', '--workflow-id', 'ts-1', '--address', server.address]);
    expect(stdout).toContain('ts-1');

    await server.stop();
    expect(alive(server.pid)).toBe(false);
    expect(await isPortOpen('127.0.0.1', server.port)).toBe(false);
  });

  it('uses the port it is given and refuses one that is taken', async () => {
    const port = await freePort();
    const server = await startTestServer({ port });
    running.push(server);
    expect(server.port).toBe(port);
    await expect(startTestServer({ port })).rejects.toThrow(/already in use/);
    await server.stop();
  });
});
