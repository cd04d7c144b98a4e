import type { Db, EnrollmentRow, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import type { CustomerEvent, EventKind } from '@sopline/graph';
import type { CustomerSnapshot, Purchase, StepContext, TaskOutcome } from '@sopline/node-sdk';
import { failures } from './failure.ts';
import { applyQuietHours, capWindows, isValidZone } from './rules.ts';

export function toCustomerEvent(e: { id: string; kind: string; occurred_at: string; received_at: string; payload: Record<string, unknown> }): CustomerEvent {
  return { id: e.id, kind: e.kind as EventKind, occurredAt: e.occurred_at, receivedAt: e.received_at, payload: e.payload };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function toPurchase(e: { id: string; occurred_at: string; payload: Record<string, unknown> }): Purchase {
  const p = e.payload;
  const items = Array.isArray(p.items) ? (p.items as unknown[]).filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null) : [];
  const product = typeof p.product === 'string' ? p.product : null;
  const category = typeof p.category === 'string' ? p.category : null;
  return {
    eventId: e.id,
    occurredAt: e.occurred_at,
    amount: typeof p.amount === 'number' && Number.isFinite(p.amount) ? p.amount : 0,
    product,
    category,
    products: [...new Set([...(product ? [product] : []), ...items.flatMap((i) => strings([i.product]))])],
    categories: [...new Set([...(category ? [category] : []), ...items.flatMap((i) => strings([i.category]))])],
  };
}

export async function loadSnapshot(db: Db, workspaceId: string, customerId: string): Promise<CustomerSnapshot> {
  const r = repos(db);
  const customer = await r.customers.get(workspaceId, customerId);
  if (!customer) throw failures.gone('customer', null);
  const owner = customer.owner_id ? await r.users.get(workspaceId, customer.owner_id) : undefined;
  return {
    id: customer.id,
    name: customer.name,
    stage: customer.stage,
    ownerId: customer.owner_id,
    owner: owner ? { id: owner.id, name: owner.name } : null,
    timezone: customer.timezone,
    tags: await r.tags.ofCustomer(customer.id),
    properties: customer.properties,
    createdAt: customer.created_at,
  };
}

/**
 * The engine-wide task rules: quiet hours move the due time, then the frequency cap (per local day
 * and ISO week, counting tasks already due in that window) may suppress the task.
 */
export async function scheduleTask(
  workspace: Pick<Workspace, 'timezone' | 'quiet_start' | 'quiet_end' | 'cap_per_day' | 'cap_per_week'>,
  due: Date,
  countDue: (from: string, to: string) => Promise<number>,
): Promise<{ ok: true; dueAt: Date } | { ok: false; dueAt: Date; reason: 'frequency-cap' }> {
  const dueAt = applyQuietHours(due, workspace.timezone, workspace.quiet_start, workspace.quiet_end);
  const windows = capWindows(dueAt, workspace.timezone);
  if (workspace.cap_per_day !== null && (await countDue(...windows.day)) >= workspace.cap_per_day) return { ok: false, dueAt, reason: 'frequency-cap' };
  if (workspace.cap_per_week !== null && (await countDue(...windows.week)) >= workspace.cap_per_week) return { ok: false, dueAt, reason: 'frequency-cap' };
  return { ok: true, dueAt };
}

/**
 * Builds the executor's view of one node visit. Every effect goes through `db`, which is the
 * transaction of the whole run of steps. Effects that other journeys can trigger on (tags, stage)
 * are also recorded as events, keyed by the visit so a retried step cannot record them twice.
 */
export async function createStepContext(args: {
  db: Db;
  workspace: Workspace;
  enrollment: EnrollmentRow;
  nodeId: string;
  visit: number;
  now: Date;
  event: CustomerEvent | null;
  /**
   * The customer as the run of steps sees them: loaded once per run and passed to each node's
   * context, which keeps it up to date with the run's own tag and stage changes (3 queries per node
   * fewer). The run holds the write lock (SQLite) or the enrollment's row lock (PostgreSQL) throughout.
   */
  customer?: CustomerSnapshot;
}): Promise<StepContext> {
  const { db, workspace, enrollment, nodeId, visit, now, event } = args;
  const r = repos(db);
  const customer = args.customer ?? (await loadSnapshot(db, workspace.id, enrollment.customer_id));
  const timezone = isValidZone(customer.timezone) ? customer.timezone : workspace.timezone;
  const key = `${enrollment.id}:${visit}`;
  const emit = (kind: EventKind, suffix: string, payload: Record<string, unknown>) =>
    r.events.insert({ workspaceId: workspace.id, customerId: customer.id, kind, payload: { ...payload, source: 'journey', journeyId: enrollment.journey_id }, occurredAt: now.toISOString(), idempotencyKey: `${key}:${suffix}` });

  return {
    now,
    timezone,
    customer,
    workspace: { id: workspace.id, timezone: workspace.timezone },
    enrollment: { id: enrollment.id, journeyId: enrollment.journey_id, versionId: enrollment.version_id, visit },
    nodeId,
    event,
    idempotencyKey: key,
    purchases: async () => (await r.events.ofCustomer(customer.id, 'purchase')).filter((e) => e.occurred_at <= now.toISOString()).map(toPurchase),
    addTags: async (tags) => {
      const added = await r.tags.add(workspace.id, customer.id, tags);
      for (const tag of added) await emit('tag.added', `tag+${tag}`, { tag });
      if (added.length > 0) customer.tags = await r.tags.ofCustomer(customer.id);
    },
    removeTags: async (tags) => {
      const removed = await r.tags.remove(workspace.id, customer.id, tags);
      for (const tag of removed) await emit('tag.removed', `tag-${tag}`, { tag });
      if (removed.length > 0) customer.tags = await r.tags.ofCustomer(customer.id);
    },
    setStage: async (stage) => {
      if (customer.stage === stage) return;
      await r.customers.setStage(customer.id, stage);
      await emit('stage.changed', 'stage', { from: customer.stage, to: stage });
      customer.stage = stage;
    },
    createTask: async (task): Promise<TaskOutcome> => {
      const planned = await scheduleTask(workspace, task.dueAt, (from, to) => r.tasks.countDue(customer.id, from, to));
      if (!planned.ok) return { created: false, reason: 'frequency-cap' };
      const dueAt = planned.dueAt;
      const row = await r.tasks.insert({
        workspace_id: workspace.id,
        customer_id: customer.id,
        owner_id: customer.ownerId,
        enrollment_id: enrollment.id,
        journey_id: enrollment.journey_id,
        node_id: nodeId,
        visit,
        title: task.title.slice(0, 200),
        script: task.script,
        priority: task.priority,
        due_at: dueAt.toISOString(),
      });
      return { created: true, taskId: row.id, dueAt };
    },
  };
}
