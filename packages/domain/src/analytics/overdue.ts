import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';
import { viewRange } from '../tasks/inbox.ts';

export type RepOverdue = {
  /** null: tasks of customers without an owner (nobody to remind). */
  rep: { id: string; name: string; active: boolean } | null;
  /** Open tasks due before today (in the workspace's zone), as the rep's inbox counts them. */
  overdue: number;
  /** The due time of the oldest of them; null when none. */
  oldestDueAt: string | null;
};

/**
 * Per rep, right now: open tasks that fell due before today, the inbox's "overdue" (a task due
 * earlier today is today's work). Every active sales rep is listed, also with none.
 */
export async function overdueByRep(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; now?: Date }): Promise<RepOverdue[]> {
  const r = repos(deps.db);
  const workspace = await r.workspaces.get(input.workspaceId);
  const cutoff = viewRange('overdue', workspace?.timezone ?? 'UTC', input.now ?? new Date()).dueTo!;
  const summary = await r.analytics.overdueSummary(input.workspaceId, cutoff);
  const users = new Map((await r.users.list(input.workspaceId)).map((u) => [u.id, u]));
  const rows = new Map<string | null, RepOverdue>();
  for (const u of users.values()) if (u.role === 'sales' && u.active === 1) rows.set(u.id, { rep: { id: u.id, name: u.name, active: true }, overdue: 0, oldestDueAt: null });
  for (const s of summary) {
    const u = s.owner_id === null ? undefined : users.get(s.owner_id);
    const rep = s.owner_id === null ? null : { id: s.owner_id, name: u?.name ?? s.owner_id, active: u?.active === 1 };
    rows.set(s.owner_id, { rep, overdue: s.n, oldestDueAt: s.oldest_due_at });
  }
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || (a.rep === null ? 1 : b.rep === null ? -1 : a.rep.name.localeCompare(b.rep.name)));
}
