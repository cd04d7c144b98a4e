// The worker process: runs journey workflows and their steps, and drains stored events into them.
// `pnpm --filter @sopline/journey-worker start`; several can run against one Temporal and database.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { openDatabase } from '@sopline/db';
import { startDispatcher } from '@sopline/domain';
import { loadRegistry } from '@sopline/registry';
import { workerConfig } from './config.ts';
import { TASK_QUEUE } from './contract.ts';
import { temporalRunner } from './runner.ts';
import { createJourneyWorker } from './worker.ts';

const config = workerConfig();
// Signals are handled below; the SDK's own handler would race that shutdown.
Runtime.install({ shutdownSignals: [] });
const registry = await loadRegistry({ plugins: config.plugins });
const database = await openDatabase(config.databaseUrl);
const native = await NativeConnection.connect({ address: config.temporalAddress });
const connection = await Connection.connect({ address: config.temporalAddress });
const client = new Client({ connection, namespace: config.namespace });
const taskQueue = config.taskQueue ?? TASK_QUEUE;
const worker = await createJourneyWorker({ connection: native, namespace: config.namespace, taskQueue, deps: { db: database.db, registry } });
const dispatcher = config.dispatcher
  ? startDispatcher({ db: database.db, registry, runner: temporalRunner(client, taskQueue) }, { onError: (m) => console.error(`[dispatcher] ${m}`) })
  : null;

console.log(`sopline worker: task queue ${taskQueue} on ${config.temporalAddress}, database ${config.databaseUrl}`);
const shutdown = () => worker.shutdown();
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await worker.run();
await dispatcher?.stop();
await native.close();
await connection.close();
await database.close();
