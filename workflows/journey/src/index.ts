export * from './contract.ts';
export { temporalRunner } from './runner.ts';
export { createJourneyWorker, bundleJourneyWorkflows, workflowsPath } from './worker.ts';
export { createActivities } from './activities/index.ts';
export type { ActivityDeps, JourneyActivities } from './activities/index.ts';
export { TemporalEnv, temporalSettings, wantsSecureConnection } from './temporal-connection.ts';
export type { TemporalConnectionOptions, TemporalSettings } from './temporal-connection.ts';
export { TuningEnv } from './config.ts';
export type { WorkerTuning } from './config.ts';
