import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { JourneyRunner } from '@sopline/domain';
import type { JourneyWorkflowInput } from './contract.ts';
import { SIGNALS, TASK_QUEUE, WORKFLOW_TYPE } from './contract.ts';

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
      await client.workflow.getHandle(run.workflowId).signal(name, eventId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await client.workflow.signalWithStart(WORKFLOW_TYPE, { ...startOptions(run), signal: name, signalArgs: [eventId] }).catch(ignoreClosed);
    }
  };
  return {
    async start(run) {
      await client.workflow.start(WORKFLOW_TYPE, { ...startOptions(run), workflowIdConflictPolicy: 'USE_EXISTING' }).catch(ignoreClosed);
    },
    signalEvent: (run, eventId) => signal(run, SIGNALS.event, eventId),
    signalGoal: (run, eventId) => signal(run, SIGNALS.goal, eventId),
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
