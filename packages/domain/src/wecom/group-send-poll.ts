import type { GroupSendRow } from '@sopline/db';
import { nowIso, repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { cancelGroupSend, groupSendResults, remindGroupSend, WeComApiError, WeComUnreachable } from '@sopline/wecom';
import { DomainError, errors } from '../errors.ts';
import { DEFAULT_LEASE_MS, holderId } from '../leases.ts';
import type { DomainDeps } from '../ports.ts';
import { closeTask } from '../tasks/tasks.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';
import { askWeCom, notConfigured, weComApps } from './connection.ts';
import type { GroupSendView } from './group-send-view.ts';
import { sendView } from './group-send-view.ts';

/**
 * After a group send is asked for, Sopline reads its results until every customer's is known: every
 * 15 s for the first ten minutes (the rep usually confirms at once), then every 2 minutes, then
 * every 10, for up to three days; a send still unconfirmed then expires and its tasks stay open.
 * A customer WeCom reports sent closes their task as done, outcome `sent`, by WeCom; one no longer
 * a contact, or over WeCom's daily limit, stays open with the reason. A WeCom that is down or busy
 * only moves the next poll later: nothing is lost, and a poll that repeats changes nothing.
 */
export const GROUP_SEND_LIFETIME_MS = 3 * 24 * 3600_000;
const MAX_REMINDERS_A_DAY = 3;

export function pollDelayMs(polls: number): number {
  if (polls < 40) return 15_000;
  if (polls < 100) return 120_000;
  return 600_000;
}

export const firstPollAt = (now: Date) => new Date(now.getTime() + pollDelayMs(0)).toISOString();

export type PollResult = { sendId: string; state: GroupSendRow['state']; closed: number; error?: string };

/** Reads one send's results from WeCom and applies them; safe to run again at any time. */
export async function pollGroupSend(deps: Pick<DomainDeps, 'db' | 'wecom'>, send: GroupSendRow, now = new Date()): Promise<PollResult> {
  const r = repos(deps.db).groupSends;
  const polls = send.polls + 1;
  const later = (error: string | null) => r.update(send.id, { polls, error, last_polled_at: now.toISOString(), next_poll_at: new Date(now.getTime() + pollDelayMs(polls)).toISOString(), claimed_by: null, claimed_until: null });
  const apps = await weComApps(deps, send.workspace_id);
  if (!apps || !send.msgid) {
    await later('WeCom is not configured');
    return { sendId: send.id, state: send.state, closed: 0, error: 'WeCom is not configured' };
  }
  let results;
  try {
    results = await groupSendResults(apps.contact, send.msgid, send.sender);
  } catch (err) {
    if (!(err instanceof WeComUnreachable) && !(err instanceof WeComApiError)) throw err;
    await later(err.message);
    return { sendId: send.id, state: send.state, closed: 0, error: err.message };
  }
  const items = await r.items(send.id);
  const byExternal = new Map(results.map((x) => [x.externalUserId, x]));
  let closed = 0;
  for (const item of items.filter((i) => i.status === 'pending')) {
    const result = byExternal.get(item.external_userid);
    if (!result || result.status === 'pending') continue;
    const sentAt = result.sentAt?.toISOString() ?? null;
    if (!(await r.setItem(send.id, item.task_id, result.status, ['pending'], sentAt))) continue;
    if (result.status !== 'sent') continue;
    try {
      await closeTask(deps, { workspaceId: send.workspace_id, taskId: item.task_id, status: 'done', outcome: 'sent', via: 'wecom' });
      closed += 1;
    } catch (err) {
      // The rep closed it by hand meanwhile: WeCom's word changes nothing more.
      if (!(err instanceof DomainError && err.code === 'task.closed')) throw err;
    }
  }
  const stillPending = (await r.items(send.id)).some((i) => i.status === 'pending');
  if (!stillPending) {
    await r.update(send.id, { state: 'done', polls, error: null, last_polled_at: now.toISOString(), next_poll_at: null, finished_at: now.toISOString(), claimed_by: null, claimed_until: null });
    return { sendId: send.id, state: 'done', closed };
  }
  if (now.getTime() - Date.parse(send.created_at) > GROUP_SEND_LIFETIME_MS) {
    await r.settlePending(send.id, 'expired');
    await r.update(send.id, { state: 'expired', polls, last_polled_at: now.toISOString(), next_poll_at: null, finished_at: now.toISOString(), claimed_by: null, claimed_until: null });
    return { sendId: send.id, state: 'expired', closed };
  }
  await later(null);
  return { sendId: send.id, state: 'waiting', closed };
}

/** Polls every send that is due (claimed one at a time, so processes share the work). */
export async function pollDueGroupSends(deps: Pick<DomainDeps, 'db' | 'wecom'>, options: { holder?: string; leaseMs?: number; now?: Date; max?: number } = {}): Promise<PollResult[]> {
  const holder = options.holder ?? holderId();
  const results: PollResult[] = [];
  while (results.length < (options.max ?? 20)) {
    const now = options.now ?? new Date();
    const send = await repos(deps.db).groupSends.claimDue(holder, options.leaseMs ?? DEFAULT_LEASE_MS, now.toISOString());
    if (!send) break;
    results.push(await pollGroupSend(deps, send, now));
  }
  return results;
}

/** The send, if the viewer may act on it: their own, or any of the workspace for a manager. */
async function ownSend(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, id: string): Promise<GroupSendRow> {
  const send = await repos(deps.db).groupSends.get(viewer.workspaceId, id);
  if (!send || (!isManager(viewer) && send.owner_id !== viewer.userId)) throw errors.notFound('群发 / group send', id);
  return send;
}

const notWaiting = () => new DomainError('group-send.finished', text('这条群发已经结束，无法再提醒或取消', 'This group send is over: it can no longer be reminded or cancelled'));

async function viewOf(deps: Pick<DomainDeps, 'db'>, workspaceId: string, id: string): Promise<GroupSendView> {
  const r = repos(deps.db).groupSends;
  return sendView((await r.get(workspaceId, id))!, await r.items(id));
}

/** Reads the results now (the rep just confirmed in WeCom and does not want to wait for the next poll). */
export async function refreshGroupSend(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string): Promise<GroupSendView> {
  const send = await ownSend(deps, viewer, id);
  if (send.state === 'waiting') await pollGroupSend(deps, send);
  return viewOf(deps, viewer.workspaceId, id);
}

/** WeCom reminds the rep to confirm the send; three times in 24 hours at most, as WeCom allows. */
export async function remindGroupSendAs(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string, now = new Date()): Promise<GroupSendView> {
  const send = await ownSend(deps, viewer, id);
  if (send.state !== 'waiting' || !send.msgid) throw notWaiting();
  const recent = (JSON.parse(send.reminders) as string[]).filter((at) => now.getTime() - Date.parse(at) < 24 * 3600_000);
  if (recent.length >= MAX_REMINDERS_A_DAY) {
    throw new DomainError('group-send.reminded', text(`24 小时内最多提醒 ${MAX_REMINDERS_A_DAY} 次（企业微信的限制）`, `At most ${MAX_REMINDERS_A_DAY} reminders in 24 hours (WeCom's limit)`));
  }
  const apps = await weComApps(deps, viewer.workspaceId);
  if (!apps) throw notConfigured();
  await askWeCom(() => remindGroupSend(apps.contact, send.msgid!));
  await repos(deps.db).groupSends.update(send.id, { reminders: JSON.stringify([...recent, now.toISOString()]) });
  return viewOf(deps, viewer.workspaceId, id);
}

/** Stops a send not yet confirmed: WeCom cancels it, its tasks are free to send again. */
export async function cancelGroupSendAs(deps: Pick<DomainDeps, 'db' | 'wecom'>, viewer: Viewer, id: string): Promise<GroupSendView> {
  const send = await ownSend(deps, viewer, id);
  if (send.state !== 'waiting' || !send.msgid) throw notWaiting();
  const apps = await weComApps(deps, viewer.workspaceId);
  if (!apps) throw notConfigured();
  await askWeCom(() => cancelGroupSend(apps.contact, send.msgid!));
  // What WeCom delivered before the cancel still counts: read it once more, then settle the rest.
  await pollGroupSend(deps, send).catch(() => undefined);
  const r = repos(deps.db).groupSends;
  await r.settlePending(send.id, 'cancelled');
  const after = (await r.get(viewer.workspaceId, id))!;
  if (after.state === 'waiting') await r.update(send.id, { state: 'cancelled', next_poll_at: null, finished_at: nowIso(), claimed_by: null, claimed_until: null });
  return viewOf(deps, viewer.workspaceId, id);
}
