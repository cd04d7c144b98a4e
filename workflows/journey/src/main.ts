// The worker process: runs journey workflows and their steps, drains stored events into them, and
// runs bulk enrolment jobs. `pnpm --filter @sopline/journey-worker start`; any number can run against
// one Temporal and one database: leases in the database keep one dispatcher at a time and one
// process per bulk job, and hand their work to another process within SOPLINE_LEASE_SECONDS of a crash.
import { openDatabase } from '@sopline/db';
import { createSecretBox, describeError, holderId } from '@sopline/domain';
import { loadRegistry } from '@sopline/registry';
import { createReminderServices, remindersConfig } from '@sopline/reminders-worker';
import type { BootLog } from './boot.ts';
import { connectTemporal, installTemporalRuntime, startWorkers, TemporalUnavailableError } from './boot.ts';
import { workerConfig } from './config.ts';
import { TASK_QUEUE } from './contract.ts';
import { temporalRunner } from './runner.ts';

let config;
try {
  config = workerConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const line = (message: string, fields?: Record<string, unknown>) => (fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message);
const log: BootLog = {
  info: (m, f) => console.log(line(m, f)),
  warn: (m, f) => console.warn(line(m, f)),
  error: (m, f) => console.error(line(m, f)),
};
installTemporalRuntime(log);
const holder = holderId();
const registry = await loadRegistry({ plugins: config.plugins });
const database = await openDatabase(config.databaseUrl);
let temporal;
try {
  temporal = await connectTemporal(config.temporal, { worker: true });
} catch (err) {
  console.error(err instanceof TemporalUnavailableError ? err.message : describeError(err));
  process.exit(1);
}
const reminders = await createReminderServices(temporal.client, remindersConfig());
const taskQueue = config.taskQueue ?? TASK_QUEUE;
const wecom = config.serverSecret ? { apiBase: config.wecomApiBase, secrets: createSecretBox(config.serverSecret) } : undefined;
const deps = { db: database.db, registry, runner: temporalRunner(temporal.client, taskQueue), ...(wecom ? { wecom } : {}) };
const workers = await startWorkers({
  native: temporal.native!,
  namespace: config.namespace,
  taskQueue,
  deps,
  reminders,
  tuning: config,
  holder,
  leaseMs: config.leaseMs,
  loops: { dispatcher: config.dispatcher, jobs: config.bulkJobs, wecomCallbacks: config.bulkJobs && wecom !== undefined },
  log,
});
if (!wecom) console.warn('[wecom] no SESSION_SECRET and no data/session-secret: WeCom callbacks are left to the API process (set SESSION_SECRET to the API’s to process them here)');

console.log(
  `sopline worker ${holder}: task queue ${taskQueue} on ${config.temporalAddress} (namespace ${config.namespace}${config.temporal.tls ? ', TLS' : ''}), database ${database.dialect}`,
);
// A bulk job stopped mid-way is given back at once, so another worker resumes it without waiting.
const shutdown = () => void workers.stop();
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await workers.running;
await workers.stop();
await temporal.close();
await database.close();
