import type { Client } from '@temporalio/client';
import { isGrpcServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { JourneyRunner } from '@sopline/domain';
import type { JourneyWorkflowInput } from './contract.ts';
import { SIGNALS, TASK_QUEUE, WORKFLOW_TYPE } from './contract.ts';

// gRPC status codes worth another try: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const TRANSIENT = new Set([4, 8, 14]);
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

function transientCode(err: unknown): number | null {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e) && TRANSIENT.has(e.code)) return e.code;
  }
  return null;
}

/**
 * Retries a call that timed out or found the server busy or briefly away (a loaded or restarting
 * cluster): every call here is idempotent — a start names its workflow id, a signal carries its event
 * id — so a call that did land and is made again changes nothing. Other errors, and the last one,
 * are thrown with the server's own words appended.
 */
async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (transientCode(err) === null || delay === undefined) {
        const details = err instanceof Error && err.cause && isGrpcServiceError(err.cause) ? err.cause.details : '';
        if (details && err instanceof Error && !err.message.includes(details)) err.message = `${err.message}: ${details}`;
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * The domain's JourneyRunner on Temporal. One workflow per enrollment, id derived from the journey,
 * customer and entry; REJECT_DUPLICATE makes every start idempotent, and a closed run is never
 * restarted by a late signal.
 */
export function temporalRunner(client: Client, taskQueue = TASK_QUEUE): JourneyRunner {
  const startOptions = (run: { workflowId: string; enrollmentId: string }) => ({
    taskQueue,
    workflowId: run.workflowId,
    args: [{ enrollmentId: run.enrollmentId } satisfies JourneyWorkflowInput] as [JourneyWorkflowInput],
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
  });
  const ignoreClosed = (err: unknown) => {
    if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError) return;
    throw err;
  };
  // Signal the running workflow; only if there is none, signal-with-start it, which repairs a run
  // whose start was lost. REJECT_DUPLICATE keeps a closed run closed: its late signals are dropped.
  const signal = async (run: { workflowId: string; enrollmentId: string }, name: string, eventId: string) => {
    try {
      await withRetries(() => client.workflow.getHandle(run.workflowId).signal(name, eventId));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await withRetries(() => client.workflow.signalWithStart(WORKFLOW_TYPE, { ...startOptions(run), signal: name, signalArgs: [eventId] })).catch(ignoreClosed);
    }
  };
  return {
    async start(run) {
      await withRetries(() => client.workflow.start(WORKFLOW_TYPE, { ...startOptions(run), workflowIdConflictPolicy: 'USE_EXISTING' })).catch(ignoreClosed);
    },
    signalEvent: (run, eventId) => signal(run, SIGNALS.event, eventId),
    signalGoal: (run, eventId) => signal(run, SIGNALS.goal, eventId),
    // A failed step's run waits for this signal; one that is gone cannot be resumed (the caller says so).
    async retry(run, skip) {
      await withRetries(() => client.workflow.getHandle(run.workflowId).signal(SIGNALS.retry, skip)).catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    },
    // Never signal-with-start: cancelling must not start a run that has ended or never began.
    async cancel(run) {
      await client.workflow
        .getHandle(run.workflowId)
        .signal(SIGNALS.cancel)
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
    },
  };
}
