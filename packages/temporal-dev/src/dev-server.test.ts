// Real Temporal dev servers, started with the CLI that locate.ts finds (pnpm install fetches one).
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { answersAsTemporal, reuseOrStartDevServer, startDevServer, type DevServer } from './dev-server.ts';
import { findTemporalCli } from './locate.ts';
import { freePort, isPortOpen } from './ports.ts';

const run = promisify(execFile);
const cli = findTemporalCli();
if (cli === null) throw new Error('These tests need the Temporal CLI: run `node packages/temporal-dev/src/fetch.ts` or set TEMPORAL_CLI.');
const temporal = cli;

const scratch = mkdtempSync(join(tmpdir(), 'dev-server-test-'));
const running: Array<{ stop(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

async function started(server: Promise<DevServer>): Promise<DevServer> {
  const s = await server;
  running.push(s);
  return s;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOf(address: string): number {
  return Number(address.split(':').at(-1));
}

function fakeCli(name: string, body: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function temporalCli(address: string, args: string[]): Promise<string> {
  const { stdout } = await run(temporal, [...args, '--address', address]);
  return stdout;
}

// Real servers start in seconds on an idle machine; leave room for a busy CI box.
describe('startDevServer', { timeout: 60_000 }, () => {
  it('starts a headless server that answers, and stop() shuts it down', async () => {
    const server = await started(startDevServer());
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(portOf(server.address)).toBe(server.port);
    expect(server.uiUrl).toBeNull();
    expect(alive(server.pid)).toBe(true);
    expect(await answersAsTemporal(temporal, server.address)).toBe(true);

    await server.stop();
    expect(alive(server.pid)).toBe(false);
    expect(await isPortOpen('127.0.0.1', server.port)).toBe(false);
    await server.stop(); // a second stop is harmless
  });

  it('keeps workflows in its db file across restarts', async () => {
    const dbFile = join(scratch, 'nested', 'temporal.sqlite');
    const first = await started(startDevServer({ dbFile }));
    await temporalCli(first.address, ['workflow', 'start', '--type', 'Persisted', '--task-queue', 'nobody', '--workflow-id', 'kept-1']);
    await first.stop();
    expect(statSync(dbFile).size).toBeGreaterThan(0);

    const second = await started(startDevServer({ dbFile }));
    expect(await temporalCli(second.address, ['workflow', 'describe', '--workflow-id', 'kept-1'])).toContain('Persisted');
    await second.stop();
    expect(existsSync(dbFile)).toBe(true);

    // Without the file the same lookup fails, so the check above really depends on persistence.
    const inMemory = await started(startDevServer());
    await expect(temporalCli(inMemory.address, ['workflow', 'describe', '--workflow-id', 'kept-1'])).rejects.toThrow();
    await inMemory.stop();
  });

  it('serves the Web UI when uiPort is given and creates the requested namespace', async () => {
    const uiPort = await freePort();
    const server = await started(startDevServer({ uiPort, namespace: 'sopline-test' }));
    expect(server.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
    expect((await fetch(server.uiUrl ?? '')).status).toBe(200);
    expect(await answersAsTemporal(temporal, server.address, 'sopline-test')).toBe(true);
    await server.stop();
  });

  it('refuses a fixed port that is already taken', async () => {
    const busy = await started(startDevServer());
    await expect(startDevServer({ port: busy.port })).rejects.toThrow(/already in use/);
    await busy.stop();
  });

  it('reports the output of a server that exits at once', async () => {
    const broken = fakeCli('exits', 'echo "unknown flag: --headless" >&2\nexit 1');
    await expect(startDevServer({ cli: broken })).rejects.toThrow(/failed to start[\s\S]*unknown flag: --headless/);
  });

  it('gives up after the start timeout with the server output, and stops it', async () => {
    const pidFile = join(scratch, 'slow.pid');
    const slow = fakeCli('slow', `echo $$ > ${pidFile}\necho "still warming up" >&2\nexec sleep 30`);
    await expect(startDevServer({ cli: slow, startTimeoutMs: 1_000 })).rejects.toThrow(/did not answer within 1 s[\s\S]*still warming up/);
    expect(alive(Number(readFileSync(pidFile, 'utf8').trim()))).toBe(false);
  });
});

describe('reuseOrStartDevServer', { timeout: 60_000 }, () => {
  it('reuses a server already on the port, and leaves it running on stop()', async () => {
    const owner = await started(startDevServer());
    const reused = await reuseOrStartDevServer({ port: owner.port });
    expect(reused).toMatchObject({ address: owner.address, reused: true, pid: null });
    await reused.stop();
    expect(await answersAsTemporal(temporal, owner.address)).toBe(true);
    await owner.stop();
  });

  it('starts a server when the port is free', async () => {
    const port = await freePort();
    const server = await reuseOrStartDevServer({ port });
    running.push(server);
    expect(server).toMatchObject({ address: `127.0.0.1:${port}`, reused: false });
    expect(server.pid).toEqual(expect.any(Number));
    await server.stop();
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);
  });

  it('refuses a port held by something that is not Temporal', async () => {
    const other: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address = other.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(reuseOrStartDevServer({ port })).rejects.toThrow(/in use, but not by a Temporal server/);
    } finally {
      other.close();
    }
  });
});
