import type { Db, EnrollmentRow, EnrollmentTable } from '@sopline/db';
import { repos } from '@sopline/db';
import type { CustomerEvent, EventFilter, JourneyNode } from '@sopline/graph';
import { LIMITS, matchesEvent } from '@sopline/graph';
import type { CustomerSnapshot } from '@sopline/node-sdk';
import type { Updateable } from 'kysely';
import { loadVersion } from '../journeys/compile.ts';
import type { NodeRegistry } from '../ports.ts';
import type { StepFailure } from './failure.ts';
import { describeError, failures, parseFailure, PermanentFailure } from './failure.ts';
import type { Resume, RunStepsInput, StepOutcome } from './outcome.ts';
import { CLOSED, outcomeOf } from './outcome.ts';
import { walkSteps } from './interpret.ts';
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
 *
 * A step that cannot succeed as things stand (a PermanentFailure: node type not installed, config no
 * longer valid, customer or version gone, or the node's own PermanentStepError) rolls the whole run
 * back and fails the enrollment at that node in a second transaction, remembering what the run was
 * doing; `{ kind: 'retry' }` runs it again from there (`skip`: passing the failed node). Any other error
 * is thrown for the caller (Temporal) to retry.
 */
export async function runSteps(deps: { db: Db; registry: NodeRegistry }, input: RunStepsInput): Promise<StepOutcome> {
  // What the run resumed, in the enrollment's own terms (a retry resumes what failed), for a failure to keep.
  let attempt: { resume: Resume; status: EnrollmentRow['status'] } = { resume: input.resume, status: 'active' };
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const r = repos(trx);
      const enrollment = await r.enrollments.getForStep(input.enrollmentId);
      if (!enrollment) throw new EnrollmentNotFoundError(input.enrollmentId);
      if (enrollment.step_seq !== input.seq) return outcomeOf(enrollment);
      const failure = enrollment.status === 'failed' ? parseFailure(enrollment.failure) : null;
      let e = enrollment;
      let resume = input.resume;
      let skip: string | null = null;
      if (failure) {
        // A failed enrollment listens only to a retry (or skip) and to cancel.
        if (resume.kind === 'retry') {
          e = { ...enrollment, status: failure.status };
          skip = resume.skip ? failure.nodeId : null;
          resume = failure.resume;
        } else if (resume.kind !== 'cancel') return outcomeOf(enrollment);
      } else if (resume.kind === 'retry' || CLOSED.has(enrollment.status)) return outcomeOf(enrollment);
      attempt = { resume, status: e.status };
      const plan = await planRun(trx, deps.registry, e, { ...input, resume }, skip);
      if (!plan) return outcomeOf(enrollment);
      const cleared = failure ? { failed_node_id: null, failure: null, ended_at: plan.patch.ended_at ?? null } : {};
      const ok = await r.enrollments.advance(enrollment.id, enrollment.step_seq, { ...plan.patch, ...cleared, visits: plan.visits });
      if (!ok) throw new LostRace();
      return outcomeOf((await r.enrollments.get(enrollment.id))!);
    });
  } catch (err) {
    if (err instanceof PermanentFailure) return failEnrollment(deps.db, input, err, attempt);
    if (!(err instanceof LostRace)) throw err;
    const current = await repos(deps.db).enrollments.get(input.enrollmentId);
    return outcomeOf(current!);
  }
}

/**
 * Stops the enrollment as failed with the reason (after its run was rolled back), unless another call
 * moved it meanwhile. Also what the workflow calls when a run kept failing for a passing reason until
 * its retries ran out (`transient-exhausted`).
 */
export async function failEnrollment(
  db: Db,
  input: Pick<RunStepsInput, 'enrollmentId' | 'seq' | 'now'>,
  err: PermanentFailure,
  attempt: { resume: Resume; status?: EnrollmentRow['status'] },
): Promise<StepOutcome> {
  return db.transaction().execute(async (trx) => {
    const r = repos(trx);
    const e = await r.enrollments.getForStep(input.enrollmentId);
    if (!e) throw new EnrollmentNotFoundError(input.enrollmentId);
    if (e.step_seq !== input.seq || (CLOSED.has(e.status) && e.status !== 'failed')) return outcomeOf(e);
    const at = new Date(input.now).toISOString();
    // A failure with no node of its own (retries ran out) is shown where the customer stands.
    const nodeId = err.nodeId ?? e.cursor_node_id;
    const nodeType = err.nodeType ?? (nodeId ? ((await loadVersion(trx, e.version_id).catch(() => null))?.node(nodeId)?.type ?? null) : null);
    const failure: StepFailure = { code: err.code, text: err.text, error: describeError(err.cause ?? err), nodeId, nodeType, resume: attempt.resume, status: attempt.status ?? e.status, at };
    let visits = e.visits;
    if (nodeId) {
      visits += 1;
      await r.enrollments.insertStep({
        workspace_id: e.workspace_id,
        enrollment_id: e.id,
        journey_id: e.journey_id,
        version_id: e.version_id,
        visit: visits,
        node_id: nodeId,
        node_type: nodeType ?? 'unknown',
        outcome: 'failed',
        detail: JSON.stringify({ code: err.code, text: err.text }),
        at,
      });
    }
    await r.enrollments.advance(e.id, e.step_seq, { status: 'failed', exit_reason: err.code, failed_node_id: nodeId, failure: JSON.stringify(failure), ended_at: at, visits });
    return outcomeOf((await r.enrollments.get(e.id))!);
  });
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
async function planRun(db: Db, registry: NodeRegistry, e: EnrollmentRow, input: RunStepsInput, skip: string | null): Promise<Plan | null> {
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
    case 'retry':
      return null;
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
  // The walk itself is the interpreter shared with the simulation; here its effects go to the database.
  let customer: CustomerSnapshot | undefined;
  const walked = await walkSteps({
    journey,
    registry,
    from: { nodeId: from.node.id, port: from.port },
    skip,
    record,
    tripped: (steps) => steps > MAX_STEPS_PER_RUN || guardTripped(visits),
    context: async (node) => {
      customer ??= await loadSnapshot(db, workspace.id, e.customer_id);
      return createStepContext({ db, workspace, enrollment: e, nodeId: node.id, visit: visits + 1, now, event: from.event, customer });
    },
  });
  switch (walked.kind) {
    case 'loop-guard':
      return end('failed', 'loop-guard');
    case 'exit':
      return endAt(end('completed', walked.reason), walked.node);
    case 'end':
      return walked.node ? endAt(end('completed', 'end'), walked.node) : end('completed', 'end');
    case 'wait': {
      const w = walked.wait;
      return {
        patch: {
          status: 'waiting',
          cursor_node_id: walked.node.id,
          wait_until: w.until ? w.until.toISOString() : null,
          wait_event_kind: w.event ? w.event.kind : null,
          wait_event_filter: w.event ? JSON.stringify(w.event) : null,
          wait_on_timeout: w.onTimeout,
          wait_on_event: w.event ? (w.onEvent ?? null) : null,
          wait_started_at: now.toISOString(),
        },
        visits,
      };
    }
  }
}

function endAt(plan: Plan, node: JourneyNode): Plan {
  return { ...plan, patch: { ...plan.patch, cursor_node_id: node.id } };
}


/** The workflow's last word on a run of steps whose passing errors outlasted their retries. */
export function failAfterRetries(db: Db, input: { enrollmentId: string; seq: number; now: number; resume: Resume; error: string }): Promise<StepOutcome> {
  const cause = new Error(input.error);
  return failEnrollment(db, input, failures.transient(cause), { resume: input.resume });
}
