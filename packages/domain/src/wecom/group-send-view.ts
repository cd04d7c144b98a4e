import type { GroupSendItemRow, GroupSendRow } from '@sopline/db';
import { repos } from '@sopline/db';
import { DateTime } from 'luxon';
import type { DomainDeps } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';
import type { Excluded } from './group-send.ts';
import { planGroupSend } from './group-send.ts';

/**
 * What the inbox shows of WeCom group sends: the rep's recent sends with each customer's result,
 * and the groups of today's tasks that could go as one send (the same script for several customers).
 */
export type GroupSendView = {
  id: string;
  state: GroupSendRow['state'];
  content: string;
  ownerId: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  remindersToday: number;
  counts: Record<GroupSendItemRow['status'], number>;
  items: Array<{ taskId: string; customerId: string; status: GroupSendItemRow['status']; sentAt: string | null }>;
};

export function sendView(row: GroupSendRow, items: GroupSendItemRow[], now = new Date()): GroupSendView {
  const counts: GroupSendView['counts'] = { pending: 0, sent: 0, 'not-friend': 0, limited: 0, cancelled: 0, expired: 0 };
  for (const i of items) counts[i.status] += 1;
  const reminders = JSON.parse(row.reminders) as string[];
  return {
    id: row.id,
    state: row.state,
    content: row.content,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    remindersToday: reminders.filter((at) => now.getTime() - Date.parse(at) < 24 * 3600_000).length,
    counts,
    items: items.map((i) => ({ taskId: i.task_id, customerId: i.customer_id, status: i.status, sentAt: i.sent_at })),
  };
}

export type GroupSendListItem = GroupSendView & { customers: Record<string, string> };

/** The viewer's sends of the last seven days (a manager may ask for another rep's), newest first. */
export async function listGroupSends(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { ownerId?: string; now?: Date } = {}): Promise<GroupSendListItem[]> {
  const now = input.now ?? new Date();
  const ownerId = isManager(viewer) ? (input.ownerId ?? viewer.userId) : viewer.userId;
  const r = repos(deps.db);
  const sends = await r.groupSends.list(viewer.workspaceId, { ownerId, since: new Date(now.getTime() - 7 * 24 * 3600_000).toISOString(), limit: 50 });
  const items = await r.groupSends.itemsOfSends(sends.map((s) => s.id));
  const names = await r.customers.names(viewer.workspaceId, [...new Set(items.map((i) => i.customer_id))]);
  return sends.map((s) => {
    const own = items.filter((i) => i.send_id === s.id);
    return { ...sendView(s, own, now), customers: Object.fromEntries(own.map((i) => [i.customer_id, names.get(i.customer_id) ?? '—'])) };
  });
}

export type SendableGroup = { content: string; taskIds: string[]; sendable: number; excluded: Excluded[] };

/**
 * The viewer's open tasks due by the end of today whose script is the same for two or more
 * customers, each group with who WeCom can send it to. Empty when the viewer has no WeCom account.
 */
export async function groupSendCandidates(deps: Pick<DomainDeps, 'db'>, viewer: Viewer, input: { now?: Date } = {}): Promise<{ linked: boolean; groups: SendableGroup[] }> {
  const now = input.now ?? new Date();
  const r = repos(deps.db);
  const me = await r.users.get(viewer.workspaceId, viewer.userId);
  if (!me?.wecom_userid) return { linked: false, groups: [] };
  const ws = await r.workspaces.get(viewer.workspaceId);
  const endOfToday = DateTime.fromJSDate(now, { zone: ws?.timezone ?? 'Asia/Shanghai' }).startOf('day').plus({ days: 1 }).toUTC().toISO()!;
  const tasks = await r.tasks.openOfOwnerDueBefore(viewer.workspaceId, viewer.userId, endOfToday, 2000);
  const byScript = new Map<string, string[]>();
  for (const t of tasks) {
    const key = t.script.trim();
    if (key) byScript.set(key, [...(byScript.get(key) ?? []), t.id]);
  }
  const groups: SendableGroup[] = [];
  for (const [content, taskIds] of byScript) {
    if (taskIds.length < 2) continue;
    const plan = await planGroupSend(deps.db, { ...viewer, role: 'sales' }, taskIds, now);
    groups.push({ content, taskIds, sendable: plan.recipients.length, excluded: plan.excluded });
  }
  return { linked: true, groups: groups.sort((a, b) => b.taskIds.length - a.taskIds.length) };
}
