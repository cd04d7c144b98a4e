import type { AnyChannelDefinition } from '@sopline/channel-sdk';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { Db } from '@sopline/db';
import type { ReminderServices } from '@sopline/domain';
import type { ReminderActivityDeps } from './activities/index.ts';
import { createReminderActivities } from './activities/index.ts';
import { loadChannels } from './channels.ts';
import type { RemindersConfig } from './config.ts';
import { REMINDERS_TASK_QUEUE } from './contract.ts';
import { startDigestSweep, temporalDigestScheduler } from './scheduler.ts';

export const remindersWorkflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

const silent = { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, trace: () => {} };

export function bundleReminderWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: remindersWorkflowsPath, logger: silent });
}

export async function createRemindersWorker(options: { connection: NativeConnection; namespace?: string; taskQueue?: string; deps: ReminderActivityDeps; bundle?: WorkflowBundle }): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? REMINDERS_TASK_QUEUE,
    ...(options.bundle ? { workflowBundle: options.bundle } : { workflowsPath: remindersWorkflowsPath }),
    activities: createReminderActivities(options.deps),
    // Sends are short HTTP calls; a few at a time is plenty at 09:00 and keeps SQLite's writer free.
    maxConcurrentActivityTaskExecutions: 4,
    shutdownGraceTime: '10 seconds',
  });
}

/** The channels installed, the Temporal-backed scheduler, and the public URL: what the API and the activities need. */
export async function createReminderServices(client: Client, config: RemindersConfig, options: { channels?: readonly AnyChannelDefinition[] } = {}): Promise<ReminderServices> {
  // Channels that need the process's own services (WeCom app messages) come in `options.channels`.
  const channels = await loadChannels({ plugins: config.channelPlugins, extra: options.channels });
  return { channels, scheduler: temporalDigestScheduler(client, { taskQueue: config.taskQueue }), publicUrl: config.publicUrl };
}

/**
 * Runs the reminders worker (a second Temporal worker, task queue `sopline-reminders`) beside the
 * journey worker, and the sweep that starts every wanted digest schedule. `stop()` drains both.
 */
export async function runRemindersWorker(options: { connection: NativeConnection; namespace?: string; taskQueue?: string; db: Db; reminders: ReminderServices; onError?: (message: string) => void }): Promise<{ stop(): Promise<void> }> {
  const worker = await createRemindersWorker({ connection: options.connection, namespace: options.namespace, taskQueue: options.taskQueue, deps: { db: options.db, reminders: options.reminders } });
  const running = worker.run();
  const sweep = options.reminders.scheduler ? startDigestSweep(options.db, options.reminders.scheduler, { onError: options.onError }) : null;
  return {
    async stop() {
      await sweep?.stop();
      worker.shutdown();
      await running;
    },
  };
}
