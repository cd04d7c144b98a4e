import type { Db, EnrollmentRow, EnrollmentTable } from '@sopline/db';
import { repos } from '@sopline/db';
import type { CustomerEvent, EventFilter, JourneyNode } from '@sopline/graph';
import { LIMITS, matchesEvent } from '@sopline/graph';
import type { CustomerSnapshot, StepResult } from '@sopline/node-sdk';
import type { Updateable } from 'kysely';
import { loadVersion } from '../journeys/compile.ts';
import type { CompiledJourney } from '../journeys/compile.ts';
import type { NodeRegistry } from '../ports.ts';
import type { RunStepsInput, StepOutcome } from './outcome.ts';
import { CLOSED, outcomeOf } from './outcome.ts';
import { createStepContext, loadSnapshot, toCustomerEvent } from './step-context.ts';

/**
 * Loop guard: no run of instant steps, and no enrollment over its life, may visit more nodes than this.
 * The last of the MAX_VISITS visits is kept for the guard's own 'loop-guard' record.
 */
// Without a wait no node can be visited twice in one run (the validator forbids such loops), so a
// run of more steps than a journey may have nodes can only be a bug or a corrupted version.
export const MAX_STEPS_PER_RUN = LIMITS.nodes + 1;
export const MAX_VISITS = 1000;

const guardTripped = (visits: number) => visits >= MAX_VISITS - 1;

class LostRace extends Error {}

type Plan = { patch: Updateable<EnrollmentTable>; visits: number };

/**
 * Runs every instant node from where the enrollment stands up to the next wait or the end, in ONE
 * transaction that also advances the enrollment with a compare-and-set on `step_seq`. A retried call
 * (same `seq`) finds the cursor already moved and returns the same outcome with no second effect.
 */
export async function runSteps(deps: { db: Db; registry: NodeRegistry }, input: RunStepsInput): Promise<StepOutcome> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const r = repos(trx);
      const enrollment = await r.enrollments.getForStep(input.enrollmentId);
      if (!enrollment) throw new EnrollmentNotFoundError(input.enrollmentId);
      if (enrollment.step_seq !== input.seq || CLOSED.has(enrollment.status)) return outcomeOf(enrollment);
      const plan = await planRun(trx, deps.registry, enrollment, input);
      if (!plan) return outcomeOf(enrollment);
      const ok = await r.enrollments.advance(enrollment.id, enrollment.step_seq, { ...plan.patch, visits: plan.visits });
      if (!ok) throw new LostRace();
      return outcomeOf((await r.enrollments.get(enrollment.id))!);
    });
  } catch (err) {
    if (!(err instanceof LostRace)) throw err;
    const current = await repos(deps.db).enrollments.get(input.enrollmentId);
    return outcomeOf(current!);
  }
}

export class EnrollmentNotFoundError extends Error {
  constructor(id: string) {
    super(`enrollment ${id} not found`);
    this.name = 'EnrollmentNotFoundError';
  }
}

const clearWait: Updateable<EnrollmentTable> = {
  wait_until: null,
  wait_event_kind: null,
  wait_event_filter: null,
  wait_on_timeout: null,
  wait_on_event: null,
  wait_started_at: null,
};

/** Decides where to start, walks the nodes, and returns the enrollment patch; null = nothing to do. */
async function planRun(db: Db, registry: NodeRegistry, e: EnrollmentRow, input: RunStepsInput): Promise<Plan | null> {
  const r = repos(db);
  const now = new Date(input.now);
  const journey = await loadVersion(db, e.version_id);
  const workspace = (await r.workspaces.get(e.workspace_id))!;
  let visits = e.visits;
  const record = async (node: JourneyNode, outcome: string, detail: Record<string, unknown> | null = null) => {
    visits += 1;
    await r.enrollments.insertStep({
      workspace_id: e.workspace_id,
      enrollment_id: e.id,
      journey_id: e.journey_id,
      version_id: e.version_id,
      visit: visits,
      node_id: node.id,
      node_type: node.type,
      outcome,
      detail: detail ? JSON.stringify(detail) : null,
      at: now.toISOString(),
    });
  };
  const end = (status: 'completed' | 'exited' | 'cancelled' | 'failed', reason: string): Plan => ({
    patch: { ...clearWait, status, exit_reason: reason, ended_at: now.toISOString() },
    visits,
  });

  let from: { node: JourneyNode; port: string; event: CustomerEvent | null };
  const resume = input.resume;
  const cursor = e.cursor_node_id ? journey.node(e.cursor_node_id) : undefined;
  switch (resume.kind) {
    case 'cancel':
      return end('cancelled', 'cancelled');
    case 'goal': {
      const goalEvent = await r.events.get(resume.eventId);
      const goal = journey.settings.goal;
      if (!goalEvent || !goal || !matchesEvent(toCustomerEvent(goalEvent), goal)) return null;
      if (cursor) await record(cursor, 'goal', { eventId: goalEvent.id });
      return end('exited', 'goal');
    }
    case 'start': {
      if (e.status !== 'active' || e.cursor_node_id !== null) return null;
      const triggerEvent = e.trigger_event_id ? await r.events.get(e.trigger_event_id) : undefined;
      const event = triggerEvent ? toCustomerEvent(triggerEvent) : null;
      await record(journey.trigger, 'out', event ? { eventId: event.id } : null);
      from = { node: journey.trigger, port: 'out', event };
      break;
    }
    case 'timer': {
      if (e.status !== 'waiting' || !cursor || !e.wait_until || !e.wait_on_timeout) return null;
      if (Date.parse(e.wait_until) > input.now) return null;
      if (guardTripped(visits)) {
        await record(cursor, 'loop-guard');
        return end('failed', 'loop-guard');
      }
      await record(cursor, e.wait_on_timeout, { resumed: 'timer' });
      from = { node: cursor, port: e.wait_on_timeout, event: null };
      break;
    }
    case 'event': {
      if (e.status !== 'waiting' || !cursor || !e.wait_event_filter || !e.wait_on_event) return null;
      const stored = await r.events.get(resume.eventId);
      if (!stored || stored.customer_id !== e.customer_id) return null;
      const event = toCustomerEvent(stored);
      if (!matchesEvent(event, JSON.parse(e.wait_event_filter) as EventFilter)) return null;
      if (guardTripped(visits)) {
        await record(cursor, 'loop-guard');
        return end('failed', 'loop-guard');
      }
      await record(cursor, e.wait_on_event, { resumed: 'event', eventId: event.id });
      from = { node: cursor, port: e.wait_on_event, event };
      break;
    }
  }
  return walk({ db, registry, journey, workspace, e, now, from, record, end, visits: () => visits });
}

function endAt(plan: Plan, node: JourneyNode): Plan {
  return { ...plan, patch: { ...plan.patch, cursor_node_id: node.id } };
}

async function walk(args: {
  db: Db;
  registry: NodeRegistry;
  journey: CompiledJourney;
  workspace: NonNullable<Awaited<ReturnType<ReturnType<typeof repos>['workspaces']['get']>>>;
  e: EnrollmentRow;
  now: Date;
  from: { node: JourneyNode; port: string; event: CustomerEvent | null };
  record: (node: JourneyNode, outcome: string, detail?: Record<string, unknown> | null) => Promise<void>;
  end: (status: 'completed' | 'exited' | 'failed', reason: string) => Plan;
  visits: () => number;
}): Promise<Plan> {
  const { db, registry, journey, workspace, e, now, record, end } = args;
  let node = journey.next(args.from.node.id, args.from.port);
  const event = args.from.event;
  let steps = 0;
  let customer: CustomerSnapshot | undefined;
  while (node) {
    steps += 1;
    if (steps > MAX_STEPS_PER_RUN || guardTripped(args.visits())) {
      await record(node, 'loop-guard');
      return end('failed', 'loop-guard');
    }
    const def = registry.get(node.type);
    if (!def) throw new Error(`node type ${node.type} is not installed (node ${node.id}); install its plugin to continue`);
    const config = def.config.parse(node.config);
    customer ??= await loadSnapshot(db, workspace.id, e.customer_id);
    const ctx = await createStepContext({ db, workspace, enrollment: e, nodeId: node.id, visit: args.visits() + 1, now, event, customer });
    const result: StepResult = await def.execute(ctx, config as never);
    if ('wait' in result) {
      const w = result.wait;
      await record(node, 'wait', { until: w.until?.toISOString() ?? null, event: w.event?.kind ?? null });
      return {
        patch: {
          status: 'waiting',
          cursor_node_id: node.id,
          wait_until: w.until ? w.until.toISOString() : null,
          wait_event_kind: w.event ? w.event.kind : null,
          wait_event_filter: w.event ? JSON.stringify(w.event) : null,
          wait_on_timeout: w.onTimeout,
          wait_on_event: w.event ? (w.onEvent ?? null) : null,
          wait_started_at: now.toISOString(),
        },
        visits: args.visits(),
      };
    }
    if ('exit' in result) {
      await record(node, `exit:${result.exit}`);
      return endAt(end('completed', result.exit), node);
    }
    await record(node, result.next);
    const next = journey.next(node.id, result.next);
    if (!next) return endAt(end('completed', 'end'), node);
    node = next;
  }
  return end('completed', 'end');
}
