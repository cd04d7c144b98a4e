import { repos } from '@sopline/db';
import type { DomainDeps } from '../ports.ts';

export type RepCompletion = {
  /** null: tasks of customers without an owner. */
  rep: { id: string; name: string } | null;
  /** Tasks falling due in the period (a snoozed task counts at its new due time). */
  due: number;
  done: number;
  skipped: number;
  open: number;
  /** Open tasks past due right now, whenever they fell due: the rep's backlog. */
  overdueNow: number;
  /** done / due; null when nothing fell due. */
  completionRate: number | null;
  /** Median minutes from due time to completion of the done tasks (negative = early); null when none. */
  medianMinutesToDone: number | null;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

/** Per rep (every active sales rep, plus anyone else with tasks): how the period's tasks went. */
export async function taskCompletion(deps: Pick<DomainDeps, 'db'>, input: { workspaceId: string; from: Date; to: Date; now?: Date }): Promise<RepCompletion[]> {
  const r = repos(deps.db);
  const now = input.now ?? new Date();
  const tasks = await r.analytics.tasksDue(input.workspaceId, input.from.toISOString(), input.to.toISOString());
  const overdue = new Map((await r.analytics.overdueByOwner(input.workspaceId, now.toISOString())).map((x) => [x.owner_id, x.n]));
  const users = await r.users.list(input.workspaceId);
  const names = new Map(users.map((u) => [u.id, u.name]));

  const rows = new Map<string | null, RepCompletion & { minutes: number[] }>();
  const row = (ownerId: string | null) => {
    let entry = rows.get(ownerId);
    if (!entry) {
      const rep = ownerId === null ? null : { id: ownerId, name: names.get(ownerId) ?? ownerId };
      entry = { rep, due: 0, done: 0, skipped: 0, open: 0, overdueNow: overdue.get(ownerId) ?? 0, completionRate: null, medianMinutesToDone: null, minutes: [] };
      rows.set(ownerId, entry);
    }
    return entry;
  };
  for (const u of users) if (u.role === 'sales' && u.active === 1) row(u.id);
  for (const t of tasks) {
    const entry = row(t.owner_id);
    entry.due += 1;
    entry[t.status] += 1;
    if (t.status === 'done' && t.completed_at) entry.minutes.push((Date.parse(t.completed_at) - Date.parse(t.due_at)) / 60_000);
  }
  for (const ownerId of overdue.keys()) row(ownerId);

  return [...rows.values()]
    .map(({ minutes, ...entry }) => ({ ...entry, completionRate: entry.due === 0 ? null : entry.done / entry.due, medianMinutesToDone: median(minutes) }))
    .sort((a, b) => (a.rep === null ? 1 : b.rep === null ? -1 : a.rep.name.localeCompare(b.rep.name)));
}
