import type { Db, EnrollmentStatus, TaskStatus } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import type { NodeRegistry } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { visibleCustomer } from './access.ts';
import type { CustomerDetail } from './view.ts';
import { customerDetail } from './view.ts';

export type CustomerEnrollment = {
  id: string;
  journey: { id: string; name: string };
  version: number;
  status: EnrollmentStatus;
  /** Where the customer is: the node last executed (the wait while waiting). */
  currentNode: { id: string; type: string; label: string | null; title: Text | null } | null;
  waitUntil: string | null;
  waitingForEvent: string | null;
  exitReason: string | null;
  startedAt: string;
  endedAt: string | null;
};

export type TimelineItem =
  | { type: 'event'; id: string; at: string; kind: string; payload: Record<string, unknown> }
  | { type: 'step'; id: string; at: string; enrollmentId: string; journey: { id: string; name: string }; nodeId: string; nodeType: string; outcome: string }
  | {
      type: 'task';
      id: string;
      at: string;
      title: string;
      status: TaskStatus;
      outcome: string | null;
      note: string | null;
      dueAt: string;
      completedAt: string | null;
      owner: { id: string; name: string } | null;
    };

export type CustomerProfile = {
  customer: CustomerDetail;
  owner: { id: string; name: string; email: string; active: boolean } | null;
  tags: string[];
  enrollments: CustomerEnrollment[];
  /** Events, journey steps and tasks merged, newest first, at most `timelineLimit` items. */
  timeline: TimelineItem[];
};

const MAX_ENROLLMENTS = 100;

function graphNodes(graph: unknown): Array<{ id: string; type: string; label?: string }> {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  return Array.isArray(nodes) ? (nodes as Array<{ id: string; type: string; label?: string }>) : [];
}

export async function getCustomerProfile(
  deps: { db: Db; registry: Pick<NodeRegistry, 'get'> },
  viewer: Viewer,
  input: { customerId: string; timelineLimit: number },
): Promise<CustomerProfile> {
  const db = deps.db;
  const r = repos(db);
  const customer = await visibleCustomer(db, viewer, input.customerId);
  const ownerRow = customer.owner_id ? await r.users.get(viewer.workspaceId, customer.owner_id) : undefined;
  const limit = input.timelineLimit;
  const [tags, enrollmentRows, events, steps, tasks] = [
    await r.tags.ofCustomer(customer.id),
    await r.customerViews.enrollments(viewer.workspaceId, customer.id, MAX_ENROLLMENTS),
    await r.customerViews.recentEvents(viewer.workspaceId, customer.id, limit),
    await r.customerViews.recentSteps(viewer.workspaceId, customer.id, limit),
    await r.customerViews.recentTasks(viewer.workspaceId, customer.id, limit),
  ];

  const nodesByVersion = new Map<string, ReturnType<typeof graphNodes>>();
  for (const versionId of new Set(enrollmentRows.map((e) => e.version_id))) {
    nodesByVersion.set(versionId, graphNodes((await r.versions.get(versionId))?.graph));
  }
  const enrollments = enrollmentRows.map((e): CustomerEnrollment => {
    const node = e.cursor_node_id ? nodesByVersion.get(e.version_id)?.find((n) => n.id === e.cursor_node_id) : undefined;
    return {
      id: e.id,
      journey: { id: e.journey_id, name: e.journey_name },
      version: e.version,
      status: e.status,
      currentNode: e.cursor_node_id
        ? { id: e.cursor_node_id, type: node?.type ?? 'unknown', label: node?.label ?? null, title: (node && deps.registry.get(node.type)?.title) ?? null }
        : null,
      waitUntil: e.wait_until,
      waitingForEvent: e.wait_event_kind,
      exitReason: e.exit_reason,
      startedAt: e.started_at,
      endedAt: e.ended_at,
    };
  });

  const timeline: TimelineItem[] = [
    ...events.map((e): TimelineItem => ({ type: 'event', id: e.id, at: e.occurred_at, kind: e.kind, payload: e.payload })),
    ...steps.map(
      (s): TimelineItem => ({ type: 'step', id: s.id, at: s.at, enrollmentId: s.enrollment_id, journey: { id: s.journey_id, name: s.journey_name }, nodeId: s.node_id, nodeType: s.node_type, outcome: s.outcome }),
    ),
    ...tasks.map(
      (t): TimelineItem => ({
        type: 'task',
        id: t.id,
        at: t.created_at,
        title: t.title,
        status: t.status,
        outcome: t.outcome,
        note: t.note,
        dueAt: t.due_at,
        completedAt: t.completed_at,
        owner: t.owner_id && t.owner_name !== null ? { id: t.owner_id, name: t.owner_name } : null,
      }),
    ),
  ];
  // Stable: items at the same instant keep events before steps before tasks.
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    customer: customerDetail(customer),
    owner: ownerRow ? { id: ownerRow.id, name: ownerRow.name, email: ownerRow.email, active: ownerRow.active === 1 } : null,
    tags,
    enrollments,
    timeline: timeline.slice(0, limit),
  };
}
