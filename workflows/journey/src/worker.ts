import { fileURLToPath } from 'node:url';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { ActivityDeps } from './activities/index.ts';
import type { WorkerTuning } from './config.ts';
import { createActivities } from './activities/index.ts';
import { TASK_QUEUE } from './contract.ts';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

/** Bundles the workflow code once; pass the bundle to several workers (tests do) to skip re-bundling. */
export function bundleJourneyWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, trace: () => {} } });
}

export async function createJourneyWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  deps: ActivityDeps;
  bundle?: WorkflowBundle;
  /** SOPLINE_MAX_CONCURRENT_STEPS (default 8) and SOPLINE_CACHED_RUNS (default Temporal's: about 600 per GB of heap). */
  tuning?: Partial<WorkerTuning>;
}): Promise<Worker> {
  const steps = options.tuning?.maxConcurrentSteps ?? 8;
  const cachedRuns = options.tuning?.cachedRuns;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    ...(options.bundle ? { workflowBundle: options.bundle } : { workflowsPath }),
    activities: createActivities(options.deps),
    // SQLite has one writer: more concurrent step transactions only queue on the lock. Runs of steps
    // are local activities (older runs replay them as ordinary ones): the same cap for both.
    maxConcurrentActivityTaskExecutions: steps,
    maxConcurrentLocalActivityExecutions: steps,
    ...(cachedRuns ? { maxCachedWorkflows: cachedRuns } : {}),
    // On shutdown, let in-flight runs of steps finish and report, rather than leave Temporal to time
    // them out before retrying them on another worker.
    shutdownGraceTime: '10 seconds',
  });
}
