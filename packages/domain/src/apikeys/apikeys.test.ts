import { repos } from '@sopline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createFixture } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { API_KEY_PREFIX, createApiKey, hashApiKey, listApiKeys, revokeApiKey, verifyApiKey } from './index.ts';

describe('API keys', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await createFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('creates a random sk_live_ key, stores only its SHA-256 and a short prefix', async () => {
    const a = await createApiKey(f, { workspaceId: f.workspace.id, name: 'shop', createdBy: f.rep.id });
    const b = await createApiKey(f, { workspaceId: f.workspace.id, name: 'crm', ratePerMinute: 5, createdBy: null });
    expect(a.key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.apiKey).toMatchObject({ name: 'shop', ratePerMinute: 600, createdBy: f.rep.id, lastUsedAt: null, revokedAt: null });
    expect(b.apiKey.ratePerMinute).toBe(5);
    expect(a.key.startsWith(a.apiKey.prefix)).toBe(true);
    expect(a.apiKey.prefix.length).toBeLessThan(API_KEY_PREFIX.length + 10);
    const row = (await repos(f.db).apiKeys.list(f.workspace.id)).find((k) => k.id === a.apiKey.id)!;
    expect(row.key_hash).toBe(hashApiKey(a.key));
    expect(JSON.stringify(await f.db.selectFrom('api_keys').selectAll().execute())).not.toContain(a.key);
    expect(JSON.stringify(await listApiKeys(f, f.workspace.id))).not.toContain(row.key_hash);
  });

  it('verifies a live key, refreshes its last use, and refuses wrong and revoked keys', async () => {
    const { key, apiKey } = await createApiKey(f, { workspaceId: f.workspace.id, name: 'shop', createdBy: null });
    const now = new Date();
    expect((await verifyApiKey(f, key, now))?.id).toBe(apiKey.id);
    const used = (await listApiKeys(f, f.workspace.id))[0]!.lastUsedAt;
    expect(used).not.toBeNull();
    expect(await verifyApiKey(f, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await verifyApiKey(f, '')).toBeNull();
    expect(await verifyApiKey(f, hashApiKey(key))).toBeNull();

    await revokeApiKey(f, f.workspace.id, apiKey.id);
    expect(await verifyApiKey(f, key)).toBeNull();
    expect((await listApiKeys(f, f.workspace.id))[0]!.revokedAt).not.toBeNull();
    await expect(revokeApiKey(f, f.workspace.id, apiKey.id)).resolves.toBeUndefined(); // twice is fine
  });

  it('a key of another workspace can be neither listed nor revoked', async () => {
    const other = await repos(f.db).workspaces.create({ name: 'Other', timezone: 'UTC' });
    const { key, apiKey } = await createApiKey(f, { workspaceId: other.id, name: 'theirs', createdBy: null });
    expect(await listApiKeys(f, f.workspace.id)).toEqual([]);
    const err = await revokeApiKey(f, f.workspace.id, apiKey.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('not-found');
    expect((await verifyApiKey(f, key))?.workspace_id).toBe(other.id);
  });
});
