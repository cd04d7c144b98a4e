import type { StepOutcome } from '@sopline/domain';

/** Names shared by the workflow, its client and tests. */
export const TASK_QUEUE = 'sopline-journeys';
export const WORKFLOW_TYPE = 'journeyWorkflow';
export const SIGNALS = { event: 'event', goal: 'goal', cancel: 'cancel', retry: 'retry' } as const;

export type JourneyWorkflowInput = {
  enrollmentId: string;
  /** Set when continuing as new: the outcome to resume waiting on, and events already handled. */
  carried?: { outcome: StepOutcome; seenEvents: string[] };
};
