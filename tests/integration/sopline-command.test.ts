// `./sopline start` and `./sopline tools` as a new user runs them, on a machine where the tools are
// already provisioned (CI ran `./sopline test` to get here). The script itself is the thing under test:
// it must hand over to the product so that Ctrl-C stops every process it started, and a repeated run must
// find everything in place instead of installing again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortOpen } from '@sopline/temporal-dev';
import { RUNUSER } from '../support/postgres.ts';

const script = fileURLToPath(new URL('../../sopline', import.meta.url));

type Run = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

function run(args: string[], env: Record<string, string> = {}, asUser: string[] = []): Run {
  // Its own process group, so a failed test can still clean up everything below it.
  const [file, ...rest] = [...asUser, script, ...args];
  const child = spawn(file!, rest, { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Live processes (not zombies) whose parent chain leads to `root`, read from /proc. */
function descendants(root: number): Set<number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') parentOf.set(Number(entry), Number(ppid));
    } catch {
      // gone while we looked
    }
  }
  const found = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!found.has(pid) && (ppid === root || found.has(ppid))) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('./sopline', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sopline-command-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('start: brings the product up as pnpm start does, and Ctrl-C stops every process it started', async () => {
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const started = run(['start'], { SOPLINE_DATA_DIR: dataDir, PORT: String(port), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort) });
    const seen = new Set<number>();
    try {
      const deadline = Date.now() + 110_000;
      let healthy = false;
      while (!healthy) {
        if (started.child.exitCode !== null) throw new Error(`./sopline start exited early:\n${started.output()}`);
        if (Date.now() > deadline) throw new Error(`no /healthz within the deadline:\n${started.output()}`);
        for (const pid of descendants(started.child.pid!)) seen.add(pid);
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      for (const pid of descendants(started.child.pid!)) seen.add(pid);
      expect(started.output()).toContain('sopline: tools ready in');
      expect(started.output()).toContain(`Sopline is running at http://127.0.0.1:${port}`);
      // The product (which replaced the script's shell) and the Temporal dev server it started, at least.
      expect(seen.size).toBeGreaterThanOrEqual(1);
      expect(await isPortOpen('127.0.0.1', temporalPort)).toBe(true);

      // What a terminal's Ctrl-C delivers to the command it started.
      started.child.kill('SIGINT');
      const { code, signal } = await Promise.race([
        started.exited,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running 30 s after SIGINT:\n${started.output()}`)), 30_000)),
      ]);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      const left = [...seen].filter(alive);
      expect(left, `still running after Ctrl-C: ${left.join(', ')}`).toEqual([]);
      expect(await isPortOpen('127.0.0.1', port)).toBe(false);
      expect(await isPortOpen('127.0.0.1', temporalPort)).toBe(false);
    } finally {
      if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
      for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('tools: a repeated run finds everything in place and installs nothing', async () => {
    const again = run(['tools']);
    const { code } = await again.exited;
    const output = again.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/sopline: (node 24\.\d+\.\d+ already in \.tools\/node|using v24\.)/);
    expect(output).toMatch(/sopline: (pnpm \S+ already in \.tools\/pnpm|using pnpm )/);
    expect(output).toContain('sopline: dependencies already installed');
    expect(output).toContain('sopline: web app already built');
    expect(output).not.toMatch(/fetching|installing dependencies|building the web app|downloading/);
    const seconds = Number(/sopline: tools ready in (\d+) s/.exec(output)?.[1]);
    // Seconds, not the minutes a first run takes (an install alone is over a minute here).
    expect(seconds).toBeLessThan(30);
  });

  it('test: without root or sudo, stops before anything runs and prints the one command to run', async () => {
    // As root (CI), the script runs as an unprivileged user; a Chromium that is not there is what it lacks.
    const asUser = process.getuid?.() === 0 ? [RUNUSER, '-u', 'nobody', '--'] : [];
    const refused = run(['test'], { CHROMIUM_PATH: '/nonexistent/chromium', SOPLINE_SUDO: '' }, asUser);
    const { code } = await refused.exited;
    const output = refused.output();
    expect(code, output).toBe(1);
    expect(output).toContain('the tests need Debian packages that only root can install: chromium');
    expect(output).toContain("sudo sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'");
    // Nothing was fetched, installed or run before it stopped.
    expect(output).not.toMatch(/sopline: (node|pnpm|dependencies|web app|tools ready)|vitest|typecheck/);
  });
});
