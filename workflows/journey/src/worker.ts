import { fileURLToPath } from 'node:url';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { ActivityDeps } from './activities/index.ts';
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
  maxConcurrentActivityTaskExecutions?: number;
  /** Runs kept in memory between wake-ups (Temporal's default: about 600 per GB of heap). */
  maxCachedWorkflows?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    ...(options.bundle ? { workflowBundle: options.bundle } : { workflowsPath }),
    activities: createActivities(options.deps),
    // SQLite has one writer: more concurrent step transactions only queue on the lock. Runs of steps
    // are local activities (older runs replay them as ordinary ones): the same cap for both.
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 8,
    maxConcurrentLocalActivityExecutions: options.maxConcurrentActivityTaskExecutions ?? 8,
    ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    // On shutdown, let in-flight runs of steps finish and report, rather than leave Temporal to time
    // them out before retrying them on another worker.
    shutdownGraceTime: '10 seconds',
  });
}
