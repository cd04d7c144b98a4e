export * from './contract.ts';
export { builtinChannels, loadChannels } from './channels.ts';
export { remindersConfig } from './config.ts';
export type { RemindersConfig } from './config.ts';
export { startDigestSweep, sweepDigests, temporalDigestScheduler } from './scheduler.ts';
export { bundleReminderWorkflows, createReminderServices, createRemindersWorker, remindersWorkflowsPath, runRemindersWorker } from './worker.ts';
export { createReminderActivities } from './activities/index.ts';
export type { DigestSendReport, ReminderActivities, ReminderActivityDeps } from './activities/index.ts';
