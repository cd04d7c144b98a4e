import { ActivityFailure, condition, continueAsNew, defineSignal, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ReminderActivities } from '../activities/index.ts';
import type { DigestWorkflowInput } from '../contract.ts';
import { DIGEST_ATTEMPTS, PERMANENT_FAILURE, ROUNDS_PER_RUN, SETTINGS_CHANGED } from '../contract.ts';

export const settingsChanged = defineSignal(SETTINGS_CHANGED);

const { planDigest } = proxyActivities<ReminderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One rep's daily digest, for as long as it is wanted: plan the next send time (an activity reads
 * the settings and does the time-zone arithmetic), sleep until then — a settingsChanged signal
 * wakes it to plan again — and send, with Temporal retrying transient failures. Ends when the rep
 * has no digest (disabled, deactivated, no channel); the scheduler starts it again when that changes.
 */
export async function digestWorkflow(input: DigestWorkflowInput): Promise<string> {
  const { sendDigest } = proxyActivities<ReminderActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: input.retryInitialIntervalMs ?? 30_000, backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: DIGEST_ATTEMPTS, nonRetryableErrorTypes: [PERMANENT_FAILURE] },
  });
  let changed = false;
  setHandler(settingsChanged, () => {
    changed = true;
  });
  const target = { workspaceId: input.workspaceId, userId: input.userId };

  for (let round = 0; round < (input.roundsPerRun ?? ROUNDS_PER_RUN); round += 1) {
    changed = false;
    const plan = await planDigest({ ...target, now: Date.now() });
    if ('stop' in plan) return plan.stop;
    const woken = await condition(() => changed, Math.max(1, plan.fireAt - Date.now()));
    if (woken) continue;
    try {
      await sendDigest({ ...target, localDate: plan.localDate });
    } catch (err) {
      // The delivery log has the details; tomorrow's digest goes ahead regardless.
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('digest not delivered', { localDate: plan.localDate, error: err.cause?.message ?? err.message });
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof digestWorkflow>(input);
}
