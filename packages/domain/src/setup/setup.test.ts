import { openDatabase, repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password.ts';
import { DomainError } from '../errors.ts';
import { needsSetup, setUpInstallation } from './setup.ts';

const GOOD = {
  workspaceName: '鹿鸣茶饮',
  timezone: 'Asia/Shanghai',
  adminName: '周店长',
  adminEmail: 'Owner@Lumi.cn',
  adminPassword: 'tea-leaves-2026',
};

async function refusal(work: Promise<unknown>): Promise<{ code: string; field: unknown }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, field: err.details?.field };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('setting up an empty install', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('creates the workspace and its admin once, with the method’s quiet hours by default', async () => {
    const database = await openTestDatabase({ prefix: 'setup' });
    close = () => database.close();
    expect(await needsSetup(database.db)).toBe(true);
    const { workspace, user } = await setUpInstallation(database, GOOD);
    expect(workspace).toMatchObject({ name: '鹿鸣茶饮', timezone: 'Asia/Shanghai', quiet_start: '21:00', quiet_end: '09:00', is_demo: 0 });
    expect(user).toMatchObject({ workspace_id: workspace.id, email: 'owner@lumi.cn', name: '周店长', role: 'admin', active: 1 });
    expect(await verifyPassword(GOOD.adminPassword, user.password_hash)).toBe(true);
    expect(await needsSetup(database.db)).toBe(false);

    const again = await refusal(setUpInstallation(database, { ...GOOD, workspaceName: 'Second', adminEmail: 'other@lumi.cn' }));
    expect(again.code).toBe('setup.done');
    const workspaces = await database.db.selectFrom('workspaces').select('name').execute();
    expect(workspaces).toEqual([{ name: '鹿鸣茶饮' }]);
    expect(await repos(database.db).users.byEmail('other@lumi.cn')).toEqual([]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const database = await openTestDatabase({ prefix: 'setup' });
    close = () => database.close();
    const cases: Array<[Partial<typeof GOOD> & { quietStart?: string | null; quietEnd?: string | null }, string]> = [
      [{ workspaceName: '  ' }, 'workspaceName'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ adminEmail: 'not-an-email' }, 'adminEmail'],
      [{ adminName: '' }, 'adminName'],
      [{ adminPassword: 'short' }, 'adminPassword'],
      [{ adminPassword: 'aaaaaaaaaaaa' }, 'adminPassword'],
      [{ adminPassword: '1234567890' }, 'adminPassword'],
      [{ adminPassword: 'owner@lumi.cn' }, 'adminPassword'],
      [{ quietStart: '25:00' }, 'quietStart'],
      [{ quietStart: null }, 'quietStart'],
      [{ quietStart: '09:00', quietEnd: '09:00' }, 'quietEnd'],
    ];
    for (const [patch, field] of cases) {
      const { code, field: named } = await refusal(setUpInstallation(database, { ...GOOD, ...patch }));
      expect([code, named], JSON.stringify(patch)).toEqual([expect.stringMatching(/^(setup\.invalid|password\.weak)$/), field]);
    }
    expect(await needsSetup(database.db)).toBe(true);
    expect(await database.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('lets one of two simultaneous setups win; the other is told the install is set up', async () => {
    const database = await openTestDatabase({ prefix: 'setup-race' });
    close = () => database.close();
    // A second connection, as a second API process would have.
    const other = await openDatabase(database.url, { migrate: false });
    try {
      const results = await Promise.allSettled([
        setUpInstallation(database, GOOD),
        setUpInstallation({ db: other.db }, { ...GOOD, workspaceName: 'Rival', adminEmail: 'rival@lumi.cn' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r.reason as DomainError).code)).toEqual(['setup.done']);
      expect(await database.db.selectFrom('workspaces').select('id').execute()).toHaveLength(1);
      expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
