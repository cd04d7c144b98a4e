import { verifyApiKey } from '@sopline/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, createApiFixture, snapshotWorkspace } from '../testing.ts';
import type { ApiFixture } from '../testing.ts';

describe('apiKeys router', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('an admin creates a key, sees it once, and the list never shows key material', async () => {
    const admin = f.callerAs(f.a.admin);
    const created = await admin.apiKeys.create({ name: '  Shopify  ' });
    expect(created.key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'Shopify', ratePerMinute: 600, createdBy: f.a.admin.id, lastUsedAt: null, revokedAt: null });
    expect(created.key.startsWith(created.apiKey.prefix)).toBe(true);
    const slow = await admin.apiKeys.create({ name: 'CRM', ratePerMinute: 3 });
    expect(slow.apiKey.ratePerMinute).toBe(3);

    const list = await admin.apiKeys.list();
    expect(list.map((k) => k.name)).toEqual(expect.arrayContaining(['Shopify', 'CRM']));
    expect(list).toHaveLength(2);
    const hashes = (await f.db.selectFrom('api_keys').select('key_hash').execute()).map((r) => r.key_hash);
    const listed = JSON.stringify(list);
    for (const secret of [created.key, slow.key, ...hashes]) expect(listed).not.toContain(secret);
    for (const k of list) expect(Object.keys(k).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'ratePerMinute', 'revokedAt']);
    // The key works, and is not stored in clear anywhere.
    expect((await verifyApiKey({ db: f.db }, created.key))?.workspace_id).toBe(f.a.workspace.id);
    expect(JSON.stringify(await snapshotWorkspace(f.db, f.a.workspace.id))).not.toContain(created.key);
  });

  it('revoking ends the key; a key of another workspace is not found', async () => {
    const { key, apiKey } = await f.callerAs(f.a.admin).apiKeys.create({ name: 'shop' });
    const theirs = await f.callerAs(f.b.admin).apiKeys.create({ name: 'theirs' });
    expect(await f.callerAs(f.a.admin).apiKeys.revoke({ id: apiKey.id })).toEqual({ ok: true });
    expect(await verifyApiKey({ db: f.db }, key)).toBeNull();
    expect((await f.callerAs(f.a.admin).apiKeys.list())[0]?.revokedAt).not.toBeNull();

    const before = await snapshotWorkspace(f.db, f.b.workspace.id);
    expect(await codeOf(f.callerAs(f.a.admin).apiKeys.revoke({ id: theirs.apiKey.id }))).toBe('NOT_FOUND');
    expect(await snapshotWorkspace(f.db, f.b.workspace.id)).toEqual(before);
    expect(await f.callerAs(f.a.admin).apiKeys.list()).toHaveLength(1);
    expect(await verifyApiKey({ db: f.db }, theirs.key)).not.toBeNull();
  });

  it('only admins: ops and sales get FORBIDDEN, signed-out callers UNAUTHORIZED', async () => {
    const { apiKey } = await f.callerAs(f.a.admin).apiKeys.create({ name: 'shop' });
    const before = await snapshotWorkspace(f.db, f.a.workspace.id);
    for (const user of [f.a.ops, f.a.sales]) {
      const caller = f.callerAs(user);
      expect(await codeOf(caller.apiKeys.create({ name: 'x' }))).toBe('FORBIDDEN');
      expect(await codeOf(caller.apiKeys.list())).toBe('FORBIDDEN');
      expect(await codeOf(caller.apiKeys.revoke({ id: apiKey.id }))).toBe('FORBIDDEN');
    }
    const anonymous = f.callerAs(null);
    expect(await codeOf(anonymous.apiKeys.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(anonymous.apiKeys.create({ name: 'x' }))).toBe('UNAUTHORIZED');
    expect(await snapshotWorkspace(f.db, f.a.workspace.id)).toEqual(before);
  });

  it('validates its input', async () => {
    const admin = f.callerAs(f.a.admin);
    expect(await codeOf(admin.apiKeys.create({ name: '   ' }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.apiKeys.create({ name: 'x', ratePerMinute: 0 }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.apiKeys.create({ name: 'x', ratePerMinute: 1.5 }))).toBe('BAD_REQUEST');
    expect(await admin.apiKeys.list()).toEqual([]);
  });
});
