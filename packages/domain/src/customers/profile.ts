import type { Db, EnrollmentStatus, TaskStatus } from '@sopline/db';
import { repos } from '@sopline/db';
import type { Text } from '@sopline/graph';
import type { NodeRegistry } from '../ports.ts';
import type { Viewer } from '../users/viewer.ts';
import { visibleCustomer } from './access.ts';
import type { NodeLabel } from './node-labels.ts';
import { nodeLabeller, summaryNames } from './node-labels.ts';
import type { CustomerDetail } from './view.ts';
import { customerDetail } from './view.ts';

export type CustomerEnrollment = {
  id: string;
  journey: { id: string; name: string };
  version: number;
  status: EnrollmentStatus;
  /** Where the customer is: the node last executed (the wait while waiting). */
  currentNode: NodeLabel | null;
  waitUntil: string | null;
  waitingForEvent: string | null;
  exitReason: string | null;
  startedAt: string;
  endedAt: string | null;
};

type Person = { id: string; name: string };

export type TimelineItem =
  /** `by`: the user who did it by hand (a tag or stage they changed), when the event names one. */
  | { type: 'event'; id: string; at: string; kind: string; payload: Record<string, unknown>; by: Person | null }
  | {
      type: 'step';
      id: string;
      at: string;
      enrollmentId: string;
      journey: { id: string; name: string };
      nodeId: string;
      nodeType: string;
      node: NodeLabel;
      /** The port taken, 'wait', 'goal', 'loop-guard' or 'exit:<reason>'. */
      outcome: string;
      /** The label of the port taken, when the outcome is one of the node's ports. */
      port: Text | null;
      /** The script of the task this step created, as the rep got it (variables filled in); null when it made none. */
      script: string | null;
    }
  | {
      type: 'task';
      id: string;
      at: string;
      title: string;
      /** The rendered script: the text the rep got, variables filled in (empty for a task without one). */
      script: string;
      status: TaskStatus;
      outcome: string | null;
      note: string | null;
      dueAt: string;
      completedAt: string | null;
      owner: Person | null;
      journey: { id: string; name: string } | null;
    }
  /** Taken out of a journey by hand: a cancel closes the enrollment without a step, so it is listed here. */
  | { type: 'cancelled'; id: string; at: string; enrollmentId: string; journey: { id: string; name: string } };

export type CustomerProfile = {
  customer: CustomerDetail;
  owner: { id: string; name: string; email: string; active: boolean } | null;
  tags: string[];
  enrollments: CustomerEnrollment[];
  /** Events, journey steps, tasks and removals from journeys merged, newest first, at most `timelineLimit` items. */
  timeline: TimelineItem[];
};

const MAX_ENROLLMENTS = 100;

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

  // Steps are summed up in the workspace's words: its stages and properties by their labels.
  const names = summaryNames(await r.stages.list(viewer.workspaceId), await r.properties.list(viewer.workspaceId));
  const labellers = new Map<string, ReturnType<typeof nodeLabeller>>();
  for (const versionId of new Set([...enrollmentRows.map((e) => e.version_id), ...steps.map((s) => s.version_id)])) {
    labellers.set(versionId, nodeLabeller(deps.registry, (await r.versions.get(versionId))?.graph, names));
  }
  const labeller = (versionId: string) => labellers.get(versionId) ?? nodeLabeller(deps.registry, null, names);
  const enrollments = enrollmentRows.map(
    (e): CustomerEnrollment => ({
      id: e.id,
      journey: { id: e.journey_id, name: e.journey_name },
      version: e.version,
      status: e.status,
      currentNode: e.cursor_node_id ? labeller(e.version_id).node(e.cursor_node_id) : null,
      waitUntil: e.wait_until,
      waitingForEvent: e.wait_event_kind,
      exitReason: e.exit_reason,
      startedAt: e.started_at,
      endedAt: e.ended_at,
    }),
  );

  const people = new Map<string, Person | null>();
  for (const e of events) {
    const id = e.payload.userId;
    if (typeof id === 'string' && !people.has(id)) {
      const user = await r.users.get(viewer.workspaceId, id);
      people.set(id, user ? { id: user.id, name: user.name } : null);
    }
  }

  const timeline: TimelineItem[] = [
    ...events.map(
      (e): TimelineItem => ({ type: 'event', id: e.id, at: e.occurred_at, kind: e.kind, payload: e.payload, by: typeof e.payload.userId === 'string' ? (people.get(e.payload.userId) ?? null) : null }),
    ),
    ...steps.map(
      (s): TimelineItem => ({
        type: 'step',
        id: s.id,
        at: s.at,
        enrollmentId: s.enrollment_id,
        journey: { id: s.journey_id, name: s.journey_name },
        nodeId: s.node_id,
        nodeType: s.node_type,
        node: labeller(s.version_id).node(s.node_id, s.node_type),
        outcome: s.outcome,
        port: labeller(s.version_id).port(s.node_id, s.outcome),
        script: s.task_script ?? null,
      }),
    ),
    ...tasks.map(
      (t): TimelineItem => ({
        type: 'task',
        id: t.id,
        at: t.created_at,
        title: t.title,
        script: t.script,
        status: t.status,
        outcome: t.outcome,
        note: t.note,
        dueAt: t.due_at,
        completedAt: t.completed_at,
        owner: t.owner_id && t.owner_name !== null ? { id: t.owner_id, name: t.owner_name } : null,
        journey: t.journey_id && t.journey_name !== null ? { id: t.journey_id, name: t.journey_name } : null,
      }),
    ),
    ...enrollmentRows
      .filter((e) => e.status === 'cancelled' && e.ended_at !== null)
      .map((e): TimelineItem => ({ type: 'cancelled', id: `cancelled:${e.id}`, at: e.ended_at!, enrollmentId: e.id, journey: { id: e.journey_id, name: e.journey_name } })),
  ];
  // Stable: items at the same instant keep events before steps before tasks before removals.
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    customer: customerDetail(customer),
    owner: ownerRow ? { id: ownerRow.id, name: ownerRow.name, email: ownerRow.email, active: ownerRow.active === 1 } : null,
    tags,
    enrollments,
    timeline: timeline.slice(0, limit),
  };
}
