import { ActivityFailure, ApplicationFailure, condition, continueAsNew, defineSignal, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Resume, StepOutcome } from '@sopline/domain';
import type { JourneyActivities } from '../activities/index.ts';
import type { JourneyWorkflowInput } from '../contract.ts';

// Thin on purpose: the workflow only knows where the customer is (the outcome) and what it waits
// for. All node logic runs in the runSteps activity, inside one database transaction per call.
// A run of steps is one short DB transaction; a worker that dies mid-run is noticed (and the run
// retried elsewhere) after this timeout, so keep it short.
// Passing errors are retried with backoff for up to an hour, then the enrollment fails (see step()).
const stepOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;
// Since the patch below, runSteps is a local activity: it runs inside the workflow task that asked
// for it, on the same worker, and Temporal records one marker instead of an activity's three events
// and a second workflow task (44 → 26 history events per customer for the benchmark's reference journey). It is
// safe because runSteps is idempotent (a compare-and-set on the enrollment's step number): a worker
// that dies mid-run leaves the workflow task to time out, and the retry finds the steps done.
const activitySteps = proxyActivities<JourneyActivities>(stepOptions);
const localSteps = proxyLocalActivities<JourneyActivities>(stepOptions);
/** Runs recorded before this patch replay with runSteps as an ordinary activity. */
export const LOCAL_STEPS_PATCH = 'run-steps-as-local-activity';

export const eventSignal = defineSignal<[string]>('event');
export const goalSignal = defineSignal<[string]>('goal');
export const cancelSignal = defineSignal('cancel');
/** An operator's retry of a failed step (true: skip past the node that failed). */
export const retrySignal = defineSignal<[boolean]>('retry');

export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<string> {
  const seen = new Set(input.carried?.seenEvents ?? []);
  const events: string[] = [];
  let goal: string | null = null;
  let cancelled = false;
  setHandler(eventSignal, (eventId) => {
    if (seen.has(eventId)) return;
    seen.add(eventId);
    events.push(eventId);
  });
  setHandler(goalSignal, (eventId) => {
    goal ??= eventId;
  });
  setHandler(cancelSignal, () => {
    cancelled = true;
  });
  let retry: boolean | null = null;
  setHandler(retrySignal, (skip) => {
    retry ??= skip === true;
  });

  const { runSteps, failSteps } = patched(LOCAL_STEPS_PATCH) ? localSteps : activitySteps;
  // A run that kept failing for a passing reason (the database away for an hour) until its retries ran
  // out fails the enrollment the same way a permanent failure does: the operator sees it and can retry.
  const step = async (seq: number, resume: Resume): Promise<StepOutcome> => {
    try {
      return await runSteps({ enrollmentId: input.enrollmentId, seq, now: Date.now(), resume });
    } catch (err) {
      if (!(err instanceof ActivityFailure) || (err.cause instanceof ApplicationFailure && err.cause.nonRetryable)) throw err;
      return failSteps({ enrollmentId: input.enrollmentId, seq, now: Date.now(), resume, error: err.cause?.message ?? err.message });
    }
  };
  let outcome: StepOutcome = input.carried?.outcome ?? (await step(0, { kind: 'start' }));

  while (!outcome.done) {
    // A failed step waits for an operator: retry (after fixing the cause), skip past the node, or cancel.
    if (outcome.failed) {
      await condition(() => cancelled || retry !== null);
      const resume: Resume = cancelled ? { kind: 'cancel' } : { kind: 'retry', skip: retry === true };
      retry = null;
      outcome = await step(outcome.seq, resume);
      continue;
    }
    const { wait } = outcome;
    const woken = () => cancelled || goal !== null || (wait.event && events.length > 0);
    let arrived = true;
    if (wait.until === null) await condition(woken);
    else arrived = await condition(woken, Math.max(1, wait.until - Date.now()));
    let resume: Resume;
    if (cancelled) resume = { kind: 'cancel' };
    else if (goal !== null) resume = { kind: 'goal', eventId: goal };
    else if (arrived && events.length > 0) resume = { kind: 'event', eventId: events.shift()! };
    else resume = { kind: 'timer' };
    if (resume.kind === 'goal') goal = null;
    const heldDuringWait = events.length;
    const before = outcome.seq;
    outcome = await step(before, resume);
    // Once the wait is over, events that came during it are not for the next wait; events that came
    // while the steps ran are kept, so a wait for an event reached in those steps still sees them.
    if (outcome.seq !== before) events.splice(0, heldDuringWait);

    if (!outcome.done && workflowInfo().continueAsNewSuggested && events.length === 0 && goal === null && !cancelled) {
      await continueAsNew<typeof journeyWorkflow>({ enrollmentId: input.enrollmentId, carried: { outcome, seenEvents: [...seen].slice(-100) } });
    }
  }
  return outcome.status;
}
