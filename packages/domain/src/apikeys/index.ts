import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { errors } from '../errors.ts';

/** Every key starts with this; the rest is 32 random bytes in base64url (43 characters). */
export const API_KEY_PREFIX = 'sk_live_';
/** How many leading characters of a key are kept in clear, to tell keys apart in lists. */
const SHOWN_CHARS = API_KEY_PREFIX.length + 6;
const KEY_PATTERN = /^sk_live_[A-Za-z0-9_-]{43}$/;
export const DEFAULT_RATE_PER_MINUTE = 600;
/** `last_used_at` is refreshed at most this often, so a busy key does not cost a write per request. */
const MARK_USED_EVERY_MS = 60_000;

/** What may be shown of a key after its creation: never the key or its hash. */
export type PublicApiKey = {
  id: string;
  name: string;
  prefix: string;
  ratePerMinute: number;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function publicApiKey(row: ApiKey): PublicApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ratePerMinute: row.rate_per_minute,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Keys are stored as SHA-256: they are 256-bit random, so a slow hash adds nothing and would slow every request. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** Creates a key; the clear key is returned here ONCE and never stored. */
export async function createApiKey(
  deps: { db: Db },
  input: { workspaceId: string; name: string; ratePerMinute?: number; createdBy: string | null },
): Promise<{ key: string; apiKey: PublicApiKey }> {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const row = await repos(deps.db).apiKeys.create({
    workspaceId: input.workspaceId,
    name: input.name,
    prefix: key.slice(0, SHOWN_CHARS),
    keyHash: hashApiKey(key),
    ratePerMinute: input.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
    createdBy: input.createdBy,
  });
  return { key, apiKey: publicApiKey(row) };
}

/** The live (not revoked) key this secret belongs to, or null. Refreshes its last-used time. */
export async function verifyApiKey(deps: { db: Db }, key: string, now = new Date()): Promise<ApiKey | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const r = repos(deps.db).apiKeys;
  const row = await r.byHash(hashApiKey(key));
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= MARK_USED_EVERY_MS) await r.markUsed(row.id);
  return row;
}

export async function listApiKeys(deps: { db: Db }, workspaceId: string): Promise<PublicApiKey[]> {
  return (await repos(deps.db).apiKeys.list(workspaceId)).map(publicApiKey);
}

/** Revokes a key of this workspace (idempotent); the next request with it gets 401. */
export async function revokeApiKey(deps: { db: Db }, workspaceId: string, id: string): Promise<void> {
  const r = repos(deps.db).apiKeys;
  if (await r.revoke(workspaceId, id)) return;
  // Revoking twice is fine; a key of another workspace is as unknown as a missing one.
  const existing = (await r.list(workspaceId)).find((k) => k.id === id);
  if (!existing) throw errors.notFound('API key', id);
}
