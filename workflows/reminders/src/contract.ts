/** Names shared by the digest workflow, its client (the scheduler) and tests. */
export const REMINDERS_TASK_QUEUE = 'sopline-reminders';
export const DIGEST_WORKFLOW_TYPE = 'digestWorkflow';
export const SETTINGS_CHANGED = 'settingsChanged';
/** Tries per digest, the first included; the activity marks the delivery failed on the last. */
export const DIGEST_ATTEMPTS = 5;
/** Error types of the send activity: a transient failure is retried, a permanent one is not. */
export const TRANSIENT_FAILURE = 'TransientDeliveryFailure';
export const PERMANENT_FAILURE = 'PermanentDeliveryFailure';
/** Digests per run before continuing as new (about a month), so history stays short. */
export const ROUNDS_PER_RUN = 30;

export type DigestWorkflowInput = {
  workspaceId: string;
  userId: string;
  /** Wait before the first retry of a failed send, doubling after; 30 s unless given (tests shorten it). */
  retryInitialIntervalMs?: number;
  /** Digests (or re-plans) per run before continuing as new; ROUNDS_PER_RUN unless given (tests shorten it). */
  roundsPerRun?: number;
};

export const digestWorkflowId = (target: { workspaceId: string; userId: string }) => `digest:${target.workspaceId}:${target.userId}`;
