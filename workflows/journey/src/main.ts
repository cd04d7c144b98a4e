// The worker process: runs journey workflows and their steps, drains stored events into them, and
// runs bulk enrolment jobs. `pnpm --filter @sopline/journey-worker start`; any number can run against
// one Temporal and one database: leases in the database keep one dispatcher at a time and one
// process per bulk job, and hand their work to another process within SOPLINE_LEASE_SECONDS of a crash.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { openDatabase } from '@sopline/db';
import { createSecretBox, holderId, startBulkJobRunner, startDispatcher, startImportJobRunner, startWeComCallbackRunner } from '@sopline/domain';
import { loadRegistry } from '@sopline/registry';
import { createReminderServices, remindersConfig, runRemindersWorker } from '@sopline/reminders-worker';
import { workerConfig } from './config.ts';
import { TASK_QUEUE } from './contract.ts';
import { temporalRunner } from './runner.ts';
import { createJourneyWorker } from './worker.ts';

let config;
try {
  config = workerConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
// Signals are handled below; the SDK's own handler would race that shutdown.
Runtime.install({ shutdownSignals: [] });
const holder = holderId();
const registry = await loadRegistry({ plugins: config.plugins });
const database = await openDatabase(config.databaseUrl);
const unreachable = (err: unknown): never => {
  console.error(`Cannot reach Temporal at ${config.temporalAddress} (namespace ${config.namespace}${config.temporal.tls ? ', TLS' : ''}): ${(err as Error).message}`);
  console.error('Check TEMPORAL_ADDRESS, and the TEMPORAL_TLS_* / TEMPORAL_API_KEY settings your cluster needs.');
  process.exit(1);
};
const native = await NativeConnection.connect(config.temporal.connection).catch(unreachable);
const connection = await Connection.connect(config.temporal.connection).catch(unreachable);
const client = new Client({ connection, namespace: config.namespace });
const reminders = await createReminderServices(client, remindersConfig());
const taskQueue = config.taskQueue ?? TASK_QUEUE;
const wecom = config.serverSecret ? { apiBase: config.wecomApiBase, secrets: createSecretBox(config.serverSecret) } : undefined;
const deps = { db: database.db, registry, runner: temporalRunner(client, taskQueue), ...(wecom ? { wecom } : {}) };
const worker = await createJourneyWorker({
  connection: native,
  namespace: config.namespace,
  taskQueue,
  deps: { db: database.db, registry },
  tuning: config,
});
const dispatcher = config.dispatcher
  ? startDispatcher(deps, {
      holder,
      leaseMs: config.leaseMs,
      onError: (m) => console.error(`[dispatcher] ${m}`),
      onDispatched: (n) => console.log(`[dispatcher] dispatched ${n} events`),
    })
  : null;
// The daily digests run on their own task queue (sopline-reminders) in this process too.
const remindersWorker = await runRemindersWorker({ connection: native, namespace: config.namespace, db: database.db, reminders, onError: (m) => console.error(`[digests] ${m}`) });
const bulkJobs = config.bulkJobs ? startBulkJobRunner(deps, { holder, leaseMs: config.leaseMs, onError: (m) => console.error(`[bulk jobs] ${m}`) }) : null;
const imports = config.bulkJobs ? startImportJobRunner(deps, { holder, leaseMs: config.leaseMs, onError: (m) => console.error(`[imports] ${m}`) }) : null;
// WeCom's callbacks, stored by the API, are processed by whichever process claims them first.
const wecomCallbacks = config.bulkJobs && wecom ? startWeComCallbackRunner(deps, { holder, leaseMs: config.leaseMs, onError: (m) => console.error(`[wecom] ${m}`), onProcessed: () => dispatcher?.poke() }) : null;
if (!wecom) console.warn('[wecom] no SESSION_SECRET and no data/session-secret: WeCom callbacks are left to the API process (set SESSION_SECRET to the API’s to process them here)');

console.log(
  `sopline worker ${holder}: task queue ${taskQueue} on ${config.temporalAddress} (namespace ${config.namespace}${config.temporal.tls ? ', TLS' : ''}), database ${database.dialect}`,
);
const shutdown = () => worker.shutdown();
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await worker.run();
await remindersWorker.stop();
// A bulk job stopped mid-way is given back at once, so another worker resumes it without waiting.
await Promise.all([dispatcher?.stop(), bulkJobs?.stop(), imports?.stop(), wecomCallbacks?.stop()]);
await native.close();
await connection.close();
await database.close();
