import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { DomainDeps } from '@sopline/domain';
import { describeError, describeMissing, missingNodeTypes, startBulkJobRunner, startDispatcher, startImportJobRunner, startWeComCallbackRunner } from '@sopline/domain';
import { runRemindersWorker } from '@sopline/reminders-worker';
import type { ReminderServices } from '@sopline/domain';
import type { WorkerTuning } from './config.ts';
import type { TemporalSettings } from './temporal-connection.ts';
import { createJourneyWorker } from './worker.ts';

/**
 * What the API process (`pnpm start`, which runs the workers in-process) and the worker process
 * (`pnpm worker`) share to come up: one connection to Temporal with one error text, Temporal's own
 * logs forwarded with their errors intact, the start-up check of installed node types, and the
 * workers and loops (journeys, digests, event dispatch, bulk jobs, imports, WeCom callbacks).
 */

/** Where a process's lines go: pino in the API process, the console in the worker process. */
export type BootLog = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export class TemporalUnavailableError extends Error {}

/** Fields of a Temporal log entry with every Error turned into its message and stack (JSON would print `{}`). */
export function withErrorText(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta ?? {})) out[key] = value instanceof Error ? describeError(value) : value;
  return out;
}

let runtimeInstalled = false;
/**
 * Temporal's own logs go through the process's log, warnings and up only, each error with its message
 * and stack; and signals are the process's to handle (by default the SDK shuts workers down on SIGINT
 * itself and re-raises it, racing the process's own shutdown). Once per process.
 */
export function installTemporalRuntime(log: BootLog): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry) => {
      const fields = { temporal: true, ...withErrorText(entry.meta) };
      if (entry.level === 'ERROR') log.error(entry.message, fields);
      else log.warn(entry.message, fields);
    }),
  });
}

/** A client connection to Temporal (and a worker connection when `worker`); an unreachable one is a TemporalUnavailableError naming it. */
export async function connectTemporal(settings: TemporalSettings, options: { worker: boolean }): Promise<{ connection: Connection; client: Client; native: NativeConnection | null; close(): Promise<void> }> {
  const unreachable = (err: unknown): never => {
    throw new TemporalUnavailableError(
      [
        `Cannot reach Temporal at ${settings.connection.address} (namespace ${settings.namespace}${settings.tls ? ', TLS' : ''}): ${(err as Error).message}`,
        'Check TEMPORAL_ADDRESS, and the TEMPORAL_TLS_* / TEMPORAL_API_KEY settings your cluster needs.',
      ].join('\n'),
      { cause: err },
    );
  };
  const connection = await Connection.connect(settings.connection).catch(unreachable);
  let native: NativeConnection | null = null;
  try {
    native = options.worker ? await NativeConnection.connect(settings.connection).catch(unreachable) : null;
  } catch (err) {
    await connection.close();
    throw err;
  }
  return {
    connection,
    native,
    client: new Client({ connection, namespace: settings.namespace }),
    async close() {
      await native?.close();
      await connection.close();
    },
  };
}

/** Warns, naming each journey, when a live version uses a node type this process has not installed. */
export async function warnMissingNodeTypes(deps: Pick<DomainDeps, 'db' | 'registry'>, log: BootLog): Promise<number> {
  const missing = await missingNodeTypes(deps);
  for (const m of missing) log.warn(describeMissing(m), { journeyId: m.journeyId, versionId: m.versionId, nodeTypes: m.types });
  return missing.length;
}

export type Workers = {
  /** Ask the dispatcher / WeCom callback runner to look again at once (after the API stored something). */
  pokeDispatcher(): void;
  pokeWeComCallbacks(): void;
  /** Resolves when the journey worker stops (a signal or `stop()`). */
  running: Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts the journey worker and the digest worker, then (after `beforeDispatch`, e.g. seeding the
 * demo, whose history events the dispatcher must not see once its journey is live) the event
 * dispatcher and the background runners each process may take part in.
 */
export async function startWorkers(input: {
  native: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: DomainDeps;
  reminders: ReminderServices;
  tuning?: Partial<WorkerTuning>;
  holder: string;
  leaseMs: number;
  /** Which loops this process runs besides the workers (a worker process may leave some to others). */
  loops: { dispatcher: boolean; jobs: boolean; wecomCallbacks: boolean };
  beforeDispatch?: () => Promise<void>;
  log: BootLog;
}): Promise<Workers> {
  const { deps, log, holder, leaseMs } = input;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s();
      } catch (err) {
        log.warn('shutdown step failed', { err: describeError(err) });
      }
    }
  };
  try {
    await warnMissingNodeTypes(deps, log);
    const worker = await createJourneyWorker({ connection: input.native, namespace: input.namespace, taskQueue: input.taskQueue, deps: { db: deps.db, registry: deps.registry }, tuning: input.tuning });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    // The daily digests run on their own task queue (sopline-reminders), with the sweep that starts each rep's schedule.
    const digests = await runRemindersWorker({ connection: input.native, namespace: input.namespace, db: deps.db, reminders: input.reminders, onError: (message) => log.warn('digest sweep failed; will retry', { message }) });
    stops.push(() => digests.stop());
    await input.beforeDispatch?.();
    const dispatcher = input.loops.dispatcher
      ? startDispatcher(deps, {
          holder,
          leaseMs,
          onError: (message) => log.warn('event dispatch failed; will retry', { message }),
          onNote: (message) => log.info(message),
          // Counted per process: across processes the lines add up to one dispatch per event.
          onDispatched: (count) => log.info(`[dispatcher] dispatched ${count} event${count === 1 ? '' : 's'}`),
        })
      : null;
    if (dispatcher) stops.push(() => dispatcher.stop());
    // Bulk jobs and imports left running by a process that stopped resume here (new ones run where started).
    const bulkJobs = input.loops.jobs ? startBulkJobRunner(deps, { holder, leaseMs, onError: (message) => log.warn('bulk job failed', { message }) }) : null;
    if (bulkJobs) stops.push(() => bulkJobs.stop());
    const imports = input.loops.jobs ? startImportJobRunner(deps, { holder, leaseMs, onError: (message) => log.warn('import failed', { message }) }) : null;
    if (imports) stops.push(() => imports.stop());
    // WeCom's callbacks, stored by the API as they arrive, are processed by whichever process claims them first.
    const wecomCallbacks = input.loops.wecomCallbacks
      ? startWeComCallbackRunner(deps, { holder, leaseMs, onError: (message) => log.warn('WeCom callback processing failed', { message }), onProcessed: () => dispatcher?.poke() })
      : null;
    if (wecomCallbacks) stops.push(() => wecomCallbacks.stop());
    return { pokeDispatcher: () => dispatcher?.poke(), pokeWeComCallbacks: () => wecomCallbacks?.poke(), running, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
