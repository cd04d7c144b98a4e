import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@sopline/db';
import type { NodeRegistry, RunStepsInput, StepOutcome } from '@sopline/domain';
import { EnrollmentNotFoundError, runSteps } from '@sopline/domain';

export type ActivityDeps = {
  db: Db;
  registry: NodeRegistry;
  /** Test seam for fault injection: runs after a committed run of steps, before the activity returns. */
  afterCommit?: (input: RunStepsInput, outcome: StepOutcome) => void | Promise<void>;
};

export function createActivities(deps: ActivityDeps) {
  return {
    async runSteps(input: RunStepsInput): Promise<StepOutcome> {
      try {
        const outcome = await runSteps(deps, input);
        await deps.afterCommit?.(input, outcome);
        return outcome;
      } catch (err) {
        // A missing enrollment will not appear by retrying.
        if (err instanceof EnrollmentNotFoundError) throw ApplicationFailure.nonRetryable(err.message, 'EnrollmentNotFound');
        throw err;
      }
    },
  };
}

export type JourneyActivities = ReturnType<typeof createActivities>;
