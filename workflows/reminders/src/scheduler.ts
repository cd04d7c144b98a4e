import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { DigestScheduler, DigestTarget } from '@sopline/domain';
import type { DigestWorkflowInput } from './contract.ts';
import { DIGEST_WORKFLOW_TYPE, digestWorkflowId, REMINDERS_TASK_QUEUE, SETTINGS_CHANGED } from './contract.ts';

/**
 * The domain's DigestScheduler on Temporal: one workflow per rep, id `digest:<workspace>:<user>`.
 * A run that ended (digest off) may be started again, so the id is reusable; while one runs, a
 * start is a no-op and a change is a signal.
 */
export function temporalDigestScheduler(client: Client, options: { taskQueue?: string; retryInitialIntervalMs?: number; roundsPerRun?: number } = {}): DigestScheduler {
  const startOptions = (target: DigestTarget) => ({
    taskQueue: options.taskQueue ?? REMINDERS_TASK_QUEUE,
    workflowId: digestWorkflowId(target),
    args: [
      {
        ...target,
        ...(options.retryInitialIntervalMs ? { retryInitialIntervalMs: options.retryInitialIntervalMs } : {}),
        ...(options.roundsPerRun ? { roundsPerRun: options.roundsPerRun } : {}),
      } satisfies DigestWorkflowInput,
    ] as [DigestWorkflowInput],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE' as const,
  });
  return {
    async ensure(target) {
      try {
        await client.workflow.start(DIGEST_WORKFLOW_TYPE, { ...startOptions(target), workflowIdConflictPolicy: 'USE_EXISTING' });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
    async changed(target) {
      await client.workflow.signalWithStart(DIGEST_WORKFLOW_TYPE, { ...startOptions(target), signal: SETTINGS_CHANGED, signalArgs: [] });
    },
  };
}

/** Makes sure every rep who should get a digest has a running schedule; returns how many were checked. */
export async function sweepDigests(db: Db, scheduler: DigestScheduler): Promise<number> {
  const candidates = await repos(db).reminders.digestCandidates();
  for (const c of candidates) await scheduler.ensure({ workspaceId: c.workspace_id, userId: c.user_id });
  return candidates.length;
}

/**
 * Sweeps now and then every `everyMs`, so reps added since (or schedules lost with a Temporal
 * server's data) are caught up without anyone touching their settings.
 */
export function startDigestSweep(db: Db, scheduler: DigestScheduler, options: { everyMs?: number; onError?: (message: string) => void } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepDigests(db, scheduler).catch((err: unknown) => options.onError?.(err instanceof Error ? err.message : String(err)));
  };
  sweep();
  const timer = setInterval(sweep, options.everyMs ?? 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
