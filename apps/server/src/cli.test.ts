// `pnpm sopline …` as a script would run it: a real child process on a real database (a SQLite file, or a
// PostgreSQL schema in the -pg project), the password on stdin, and the sign-in checked through tRPC.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callerContext, createCaller } from '@sopline/api';
import { openDatabase } from '@sopline/db';
import { createTestDatabase, type TestDatabase } from '@sopline/db/testing';
import { FakeRunner } from '@sopline/domain/testing';
import { defaultRegistry } from '@sopline/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const PASSWORD = 'first-day-at-lumi';

type Result = { code: number; stdout: string; stderr: string };

describe('pnpm sopline', { timeout: 60_000 }, () => {
  let dataDir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sopline-cli-'));
    database = await createTestDatabase('cli');
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function run(args: string[], stdin = ''): Promise<Result> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [cli, ...args], { env: { ...process.env, SOPLINE_DATA_DIR: dataDir, DATABASE_URL: database.url }, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin);
    });
  }

  async function signIn(email: string, password: string) {
    const conn = await openDatabase(database.url, { migrate: false });
    try {
      const caller = createCaller(
        callerContext({ deps: { db: conn.db, registry: defaultRegistry, runner: new FakeRunner(), sessionSecret: 'cli-test-secret-cli-test-secret-00' }, db: conn.db, session: null, ip: '127.0.0.1', userAgent: null }),
      );
      return await caller.auth.login({ email, password });
    } finally {
      await conn.close();
    }
  }

  it('lists its commands', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('setup');
    expect(help.stdout).toContain('users reset-password');
    expect(help.stdout).toContain('--admin-password-file');
  });

  it('refuses bad input naming the flag, and sets nothing up', async () => {
    const missing = await run(['setup', '--timezone', 'Asia/Shanghai', '--admin-email', 'owner@lumi.cn'], `${PASSWORD}\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--workspace is required');

    const zone = await run(['setup', '--workspace', '鹿鸣茶饮', '--timezone', 'Mars/Olympus', '--admin-email', 'owner@lumi.cn'], `${PASSWORD}\n`);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('[--timezone]');
    expect(zone.stderr).toContain('设置无效');

    const weak = await run(['setup', '--workspace', '鹿鸣茶饮', '--timezone', 'Asia/Shanghai', '--admin-email', 'owner@lumi.cn'], '1234567890\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('[the password]');

    const unknown = await run(['setup', '--workspace', 'x', '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--colour'");

    const conn = await openDatabase(database.url);
    try {
      expect(await conn.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
    } finally {
      await conn.close();
    }
  });

  it('sets up an empty install once: the admin can sign in; a second run exits non-zero and changes nothing', async () => {
    const first = await run(['setup', '--workspace', '鹿鸣茶饮', '--timezone', 'Asia/Shanghai', '--admin-email', 'Owner@Lumi.cn', '--admin-name', '周店长', '--quiet-hours', '22:00-08:30'], `${PASSWORD}\n`);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('owner@lumi.cn');
    expect(await signIn('owner@lumi.cn', PASSWORD)).toMatchObject({ email: 'owner@lumi.cn', role: 'admin', name: '周店长' });

    const passwordFile = join(dataDir, 'password');
    writeFileSync(passwordFile, 'another-password-1\n');
    const second = await run(['setup', '--workspace', 'Rival', '--timezone', 'UTC', '--admin-email', 'rival@lumi.cn', '--admin-password-file', passwordFile]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already has a workspace');
    const conn = await openDatabase(database.url, { migrate: false });
    try {
      expect(await conn.db.selectFrom('workspaces').select(['name', 'timezone', 'quiet_start', 'quiet_end']).execute()).toEqual([
        { name: '鹿鸣茶饮', timezone: 'Asia/Shanghai', quiet_start: '22:00', quiet_end: '08:30' },
      ]);
      expect(await conn.db.selectFrom('users').select('email').execute()).toEqual([{ email: 'owner@lumi.cn' }]);
    } finally {
      await conn.close();
    }
  });

  it('resets a locked-out admin’s password from the machine', async () => {
    const unknown = await run(['users', 'reset-password', '--email', 'nobody@lumi.cn'], 'a-new-password-9\n');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user has the e-mail nobody@lumi.cn');

    const reset = await run(['users', 'reset-password', '--email', 'owner@lumi.cn'], 'a-new-password-9\n');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('New password set for owner@lumi.cn');
    expect(await signIn('owner@lumi.cn', 'a-new-password-9')).toMatchObject({ email: 'owner@lumi.cn' });
    await expect(signIn('owner@lumi.cn', PASSWORD)).rejects.toThrow(/Wrong e-mail or password/);
  });
});
