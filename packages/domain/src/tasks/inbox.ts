import type { Db, TaskInboxQuery, TaskInboxRow, TaskStatus } from '@sopline/db';
import { repos } from '@sopline/db';
import { text } from '@sopline/graph';
import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import type { Viewer } from '../users/viewer.ts';
import { isManager } from '../users/viewer.ts';

/**
 * Inbox views, by the day in the workspace's time zone. Open tasks fall in exactly one of
 * overdue (due before today), today (due today, including earlier today) and upcoming (due from
 * tomorrow on); done holds the done and skipped ones, most recently closed first.
 */
export const TASK_VIEWS = ['today', 'overdue', 'upcoming', 'done'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

export type TaskItem = {
  id: string;
  title: string;
  script: string;
  priority: 'low' | 'normal' | 'high';
  status: TaskStatus;
  outcome: string | null;
  note: string | null;
  dueAt: string;
  snoozedUntil: string | null;
  completedAt: string | null;
  createdAt: string;
  owner: { id: string; name: string } | null;
  customer: { id: string; name: string; stage: string | null; tags: string[] };
  lastPurchase: { product: string | null; amount: number | null; date: string; occurredAt: string } | null;
  journey: { id: string; name: string } | null;
  /** Who closed it when not a person ('wecom': a WeCom group send was delivered). */
  closedVia: string | null;
  /** The task's latest WeCom group send: waiting for the rep to confirm, or why WeCom did not deliver it. */
  groupSend: { id: string; status: 'pending' | 'sent' | 'not-friend' | 'limited' | 'cancelled' | 'expired' } | null;
};

const badCursor = () => new DomainError('cursor.invalid', text('分页游标无效，请从第一页重新加载', 'The page cursor is not valid: load the first page again'), [], { field: 'cursor' });

/** The due-time range of an open view (ISO instants), from the start of the workspace's day at `now`. */
export function viewRange(view: Exclude<TaskView, 'done'>, timezone: string, now: Date): { dueFrom?: string; dueTo?: string } {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const startOfToday = today.toUTC().toISO()!;
  const startOfTomorrow = today.plus({ days: 1 }).toUTC().toISO()!;
  if (view === 'overdue') return { dueTo: startOfToday };
  if (view === 'today') return { dueFrom: startOfToday, dueTo: startOfTomorrow };
  return { dueFrom: startOfTomorrow };
}

function rangeOf(view: TaskView, timezone: string, now: Date): TaskInboxQuery['range'] {
  return view === 'done' ? { status: 'closed' } : { status: 'open', ...viewRange(view, timezone, now) };
}

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { key: value[0], id: value[1] };
  } catch {
    // fall through
  }
  throw badCursor();
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function purchaseSummary(p: { occurred_at: string; payload: Record<string, unknown> }, timezone: string): NonNullable<TaskItem['lastPurchase']> {
  const items = Array.isArray(p.payload.items) ? (p.payload.items as unknown[]) : [];
  const firstItem = items.find((i): i is Record<string, unknown> => typeof i === 'object' && i !== null && str((i as Record<string, unknown>).product) !== null);
  const amount = p.payload.amount;
  const date = DateTime.fromISO(p.occurred_at, { zone: timezone });
  return {
    product: str(p.payload.product) ?? (firstItem ? str(firstItem.product) : null),
    amount: typeof amount === 'number' && Number.isFinite(amount) ? amount : null,
    date: date.isValid ? date.toFormat('yyyy-MM-dd') : p.occurred_at.slice(0, 10),
    occurredAt: p.occurred_at,
  };
}

async function toItems(db: Db, workspaceId: string, timezone: string, rows: TaskInboxRow[]): Promise<TaskItem[]> {
  const r = repos(db);
  const customerIds = [...new Set(rows.map((t) => t.customer_id))];
  const tags = await r.tags.ofCustomers(workspaceId, customerIds);
  const purchases = await r.taskViews.lastPurchases(workspaceId, customerIds);
  const sends = await r.groupSends.latestOfTasks(workspaceId, rows.map((t) => t.id));
  return rows.map((t) => {
    const purchase = purchases.get(t.customer_id);
    const send = sends.get(t.id);
    return {
      id: t.id,
      title: t.title,
      script: t.script,
      priority: t.priority,
      status: t.status,
      outcome: t.outcome,
      note: t.note,
      dueAt: t.due_at,
      snoozedUntil: t.snoozed_until,
      completedAt: t.completed_at,
      createdAt: t.created_at,
      owner: t.owner_id && t.owner_name !== null ? { id: t.owner_id, name: t.owner_name } : null,
      customer: { id: t.customer_id, name: t.customer_name, stage: t.customer_stage, tags: tags.get(t.customer_id) ?? [] },
      lastPurchase: purchase ? purchaseSummary(purchase, timezone) : null,
      journey: t.journey_id && t.journey_name !== null ? { id: t.journey_id, name: t.journey_name } : null,
      closedVia: t.closed_via,
      groupSend: send ? { id: send.send_id, status: send.status } : null,
    };
  });
}

export type TaskListInput = {
  view: TaskView;
  /** Whose tasks: one user, null for unassigned ones, undefined for everyone's. A sales rep always gets their own. */
  ownerId?: string | null;
  cursor?: string;
  limit: number;
  now?: Date;
};

/** A page of an inbox view; `nextCursor` is null on the last page. */
export async function listTasks(deps: { db: Db }, viewer: Viewer & { timezone: string }, input: TaskListInput): Promise<{ items: TaskItem[]; nextCursor: string | null }> {
  const ownerId = isManager(viewer) ? input.ownerId : viewer.userId;
  const rows = await repos(deps.db).taskViews.inbox({
    workspaceId: viewer.workspaceId,
    ownerId,
    range: rangeOf(input.view, viewer.timezone, input.now ?? new Date()),
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const key = last ? (input.view === 'done' ? last.completed_at : last.due_at) : null;
  const nextCursor = rows.length > input.limit && last && key ? encodeCursor(key, last.id) : null;
  return { items: await toItems(deps.db, viewer.workspaceId, viewer.timezone, page), nextCursor };
}

/** The viewer's own open tasks for one customer, soonest due first (the chat sidebar's list). */
export async function listTasksOfCustomer(deps: { db: Db }, viewer: Viewer & { timezone: string }, customerId: string, limit = 50): Promise<TaskItem[]> {
  const rows = await repos(deps.db).taskViews.inbox({ workspaceId: viewer.workspaceId, ownerId: viewer.userId, customerId, range: { status: 'open' }, limit });
  return toItems(deps.db, viewer.workspaceId, viewer.timezone, rows);
}

/** The badge numbers: open tasks due today and overdue, for one owner. */
export async function taskCounts(deps: { db: Db }, viewer: Viewer & { timezone: string }, input: { ownerId: string; now?: Date }): Promise<{ today: number; overdue: number }> {
  const r = repos(deps.db);
  const now = input.now ?? new Date();
  const ownerId = isManager(viewer) ? input.ownerId : viewer.userId;
  const count = (view: 'today' | 'overdue') => r.taskViews.count({ workspaceId: viewer.workspaceId, ownerId, range: { status: 'open', ...viewRange(view, viewer.timezone, now) } });
  return { today: await count('today'), overdue: await count('overdue') };
}
