// `pnpm start`: the whole product on one machine. See start.ts for what comes up, in which order.
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD, demoUsers } from './seed/demo.ts';
import { startSopline, TemporalUnavailableError } from './start.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const logger = pino({ level: config.logLevel, base: { service: 'sopline' } });

let running;
try {
  running = await startSopline(config, logger);
} catch (err) {
  if (err instanceof TemporalUnavailableError) {
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

const lines = [
  '',
  `  Sopline is running at ${running.url}`,
  `  Health:           ${running.url}/healthz`,
  `  REST API:         ${running.url}/api/v1 (OpenAPI: ${running.url}/api/v1/openapi.json)`,
  `  Temporal:         ${running.temporalAddress}${running.temporalUi ? ` · Web UI ${running.temporalUi}` : ''}`,
  `  Data:             ${config.dataDir}`,
  '',
  ...(running.demo ? [`  Demo logins (password "${DEMO_PASSWORD}"):`, ...demoUsers(config.seedLang).map((u) => `    ${u.email.padEnd(26)} ${u.role.padEnd(6)} ${u.name}`), ''] : []),
  running.needsSetup
    ? `  No workspace yet: open ${running.url}/setup to create yours, or run \`pnpm sopline setup --help\`.`
    : running.seeded
      ? `  Seeded a demo workspace: ${running.seeded.customers} customers, ${running.seeded.enrolled} in the retail journey.`
      : '  Using the existing data (the demo is seeded only into an empty database).',
  '  Press Ctrl-C to stop.',
  '',
];
console.log(lines.join('\n'));

let stoppingSince = 0;
const shutdown = (signal: string) => {
  if (stoppingSince) {
    // A second Ctrl-C while draining exits at once; the same signal delivered twice (terminal and
    // pnpm both forward it) within a moment does not count.
    if (Date.now() - stoppingSince > 1000) process.exit(130);
    return;
  }
  stoppingSince = Date.now();
  logger.info({ signal }, 'shutting down');
  void running.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
