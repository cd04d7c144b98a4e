import type { WecomCallbackRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { readCallback, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { DEFAULT_LEASE_MS, holderId } from '../leases.ts';
import { startLoop } from '../loop.ts';
import type { DomainDeps } from '../ports.ts';
import { notConfigured, weComApps } from './connection.ts';
import { applyContactLost, applyContactProfile } from './contacts.ts';
import type { ContactOutcome } from './contacts.ts';
import { syncCorpTags } from './tags.ts';
import { runNextWeComSync } from './backfill.ts';
import { pollDueGroupSends } from './group-send-poll.ts';

/**
 * Works through the stored callbacks after WeCom has had its `success`: asks WeCom for what the
 * event does not carry (the contact's profile), then writes customers and events in one
 * transaction, which the dispatcher hands to journeys like any other events. A WeCom that cannot
 * be reached, or that asks us to slow down, means "try again later" (5 s, 10 s … 10 min, for up to
 * MAX_CALLBACK_ATTEMPTS tries); a refusal in words (a wrong secret) fails the callback with the
 * reason, visible in Settings → WeCom.
 */
export const MAX_CALLBACK_ATTEMPTS = 30;

export type CallbackResult = { id: string; kind: string; outcome: 'done' | 'retry' | 'failed'; detail?: ContactOutcome; error?: string };

async function handle(deps: Pick<DomainDeps, 'db' | 'wecom'>, row: WecomCallbackRow): Promise<ContactOutcome | null> {
  const callback = readCallback(row.plaintext);
  if (callback.type === 'tag') {
    if (callback.change === 'shuffle') return null;
    const apps = await weComApps(deps, row.workspace_id);
    if (!apps) throw notConfigured();
    const sync = await syncCorpTags(deps.db, apps.contact, row.workspace_id);
    return { customerId: null, created: false, ownerMapped: true, note: `tags: ${sync.linked} linked, ${sync.renamed} renamed, ${sync.unlinked} unlinked` };
  }
  if (callback.type !== 'contact') return null;
  if (callback.change === 'del_follow_user' || callback.change === 'del_external_contact') return applyContactLost(deps.db, row.workspace_id, callback, row.digest);
  if (callback.change === 'transfer_fail') return null;
  const apps = await weComApps(deps, row.workspace_id);
  if (!apps) throw notConfigured();
  return applyContactProfile(deps.db, apps, row.workspace_id, callback, row.digest);
}

const retryable = (err: unknown) => err instanceof WeComUnreachable || (err instanceof WeComApiError && (err.errcode === -1 || err.errcode === 45009 || err.errcode === 45033));

/** Processes one claimed callback and records how it went. */
export async function processCallback(deps: Pick<DomainDeps, 'db' | 'wecom'>, row: WecomCallbackRow): Promise<CallbackResult> {
  const r = repos(deps.db).wecom;
  try {
    const detail = await handle(deps, row);
    await r.finishCallback(row.id, 'done', detail?.note ?? null);
    return { id: row.id, kind: row.kind, outcome: 'done', ...(detail ? { detail } : {}) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = row.attempts + 1;
    if (retryable(err) && attempts < MAX_CALLBACK_ATTEMPTS) {
      await r.retryCallback(row.id, attempts, message);
      return { id: row.id, kind: row.kind, outcome: 'retry', error: message };
    }
    await r.finishCallback(row.id, 'failed', message);
    return { id: row.id, kind: row.kind, outcome: 'failed', error: message };
  }
}

/** Claims and processes due callbacks until none is left (or `max`); the results in order. */
export async function processDueCallbacks(deps: Pick<DomainDeps, 'db' | 'wecom'>, options: { holder?: string; leaseMs?: number; max?: number } = {}): Promise<CallbackResult[]> {
  const holder = options.holder ?? holderId();
  const results: CallbackResult[] = [];
  while (results.length < (options.max ?? 100)) {
    const row = await repos(deps.db).wecom.claimCallback(holder, options.leaseMs ?? DEFAULT_LEASE_MS);
    if (!row) break;
    results.push(await processCallback(deps, row));
  }
  return results;
}

/** The loop the worker runs — callbacks, then group-send results, then imports from WeCom; `poke()` after storing a callback processes it at once. */
export function startWeComCallbackRunner(
  deps: Pick<DomainDeps, 'db' | 'wecom'>,
  options: { holder?: string; leaseMs?: number; intervalMs?: number; onError?: (message: string) => void; onProcessed?: (results: CallbackResult[]) => void } = {},
) {
  const holder = options.holder ?? holderId();
  return startLoop(async () => {
    try {
      const results = await processDueCallbacks(deps, { holder, leaseMs: options.leaseMs, max: 20 });
      if (results.length > 0) options.onProcessed?.(results);
      for (const failed of results.filter((x) => x.outcome !== 'done')) options.onError?.(`WeCom callback ${failed.kind} ${failed.outcome}: ${failed.error}`);
      // Callbacks first (they are live customers); then the group sends whose results are due.
      const polled = await pollDueGroupSends(deps, { holder, leaseMs: options.leaseMs, max: 10 });
      for (const p of polled.filter((x) => x.error)) options.onError?.(`WeCom group send ${p.sendId}: ${p.error}`);
      // Closing tasks records task.completed events: the dispatcher has work.
      if (polled.some((p) => p.closed > 0)) options.onProcessed?.([]);
      // Then a step of any import from WeCom.
      if (results.length === 0 && (await runNextWeComSync(deps, holder, options.leaseMs))) {
        options.onProcessed?.([]);
        return true;
      }
      return results.length === 20;
    } catch (err) {
      options.onError?.(err instanceof Error ? err.message : String(err));
      return false;
    }
  }, options.intervalMs ?? 1000);
}
