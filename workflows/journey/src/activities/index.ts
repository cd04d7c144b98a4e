import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@sopline/db';
import type { NodeRegistry, Resume, RunStepsInput, StepOutcome } from '@sopline/domain';
import { EnrollmentNotFoundError, failAfterRetries, runSteps } from '@sopline/domain';

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
    /** After runSteps kept failing until its retries ran out: the enrollment fails, with the last error. */
    async failSteps(input: { enrollmentId: string; seq: number; now: number; resume: Resume; error: string }): Promise<StepOutcome> {
      return failAfterRetries(deps.db, input);
    },
  };
}

export type JourneyActivities = ReturnType<typeof createActivities>;
