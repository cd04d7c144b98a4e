import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortOpen } from '@sopline/temporal-dev';

const main = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

type Started = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

/** Starts the real process the way `pnpm start` does, and waits for its banner. */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /Sopline is running at (http:\/\/\S+)/.exec(output);
    if (match) return { child, url: match[1]!, output: () => output, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('pnpm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sopline-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('comes up with an embedded Temporal and a demo workspace, stops cleanly, and keeps its data', async () => {
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = { SOPLINE_DATA_DIR: dataDir, PORT: String(port), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort) };
    const first = await start(env);
    try {
      const health = await fetch(`${first.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, checks: { database: 'ok', temporal: 'ok' } });
      expect(first.output()).toContain('ops@demo.sopline.dev');
      expect(first.output()).toContain(`Web UI http://127.0.0.1:${uiPort}`);
      expect(first.output()).toMatch(/Seeded a demo workspace: 200 customers, 40 in the retail journey/);

      expect((await fetch(`${first.url}/trpc/auth.me`)).status).toBe(401);
      const login = await fetch(`${first.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@demo.sopline.dev', password: 'sopline-demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      const me = await fetch(`${first.url}/trpc/auth.me`, { headers: { cookie } });
      expect(((await me.json()) as { result: { data: { user: { role: string } } } }).result.data.user.role).toBe('ops');
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
    expect(await isPortOpen('127.0.0.1', temporalPort)).toBe(false);
    expect(await isPortOpen('127.0.0.1', port)).toBe(false);

    const second = await start(env);
    try {
      expect(second.output()).toContain('Using the existing data');
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
    }
    expect(await second.exited).toBe(0);
  });

  it('without the demo, prints no demo logins and points the first admin to /setup', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'sopline-start-empty-'));
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const empty = await start({ SOPLINE_DATA_DIR: emptyDir, SOPLINE_SEED: 'off', PORT: String(port), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort) });
    try {
      expect(empty.output()).not.toContain('demo.sopline.dev');
      expect(empty.output()).toContain(`No workspace yet: open ${empty.url}/setup`);
      const status = await fetch(`${empty.url}/trpc/setup.status`);
      expect(((await status.json()) as { result: { data: unknown } }).result.data).toEqual({ needsSetup: true });
    } finally {
      empty.child.kill('SIGTERM');
      await empty.exited;
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('says exactly how to get Temporal when no CLI can be used', async () => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, SOPLINE_DATA_DIR: dataDir, PORT: '0', TEMPORAL_CLI: join(dataDir, 'no-such-temporal') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('is not an executable file');
    expect(output).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
    expect(output).toContain('TEMPORAL_ADDRESS=host:7233 pnpm start');
  });
});
