#!/usr/bin/env node
// sopline-temporal dev [--db FILE] [--port N] [--ui-port N]   run the dev server in the foreground
// sopline-temporal path                                        print the Temporal CLI's path
import { parseArgs } from 'node:util';
import { startDevServer } from './dev-server.ts';
import { findTemporalCli } from './locate.ts';

const USAGE = `usage:
  sopline-temporal dev [--db FILE] [--port N] [--ui-port N] [--ip IP]   run a Temporal dev server until Ctrl-C
  sopline-temporal path                                                 print the path of the Temporal CLI`;

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${flag} wants a port number, got "${value}"`);
  return n;
}

async function dev(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' }, 'ui-port': { type: 'string' }, ip: { type: 'string' } },
  });
  const server = await startDevServer({
    dbFile: values.db,
    port: port(values.port, '--port'),
    uiPort: port(values['ui-port'], '--ui-port'),
    ip: values.ip,
  });
  console.log(`Temporal dev server: ${server.address}${server.uiUrl === null ? '' : `  UI: ${server.uiUrl}`}  (pid ${server.pid})`);
  console.log(values.db === undefined ? 'State is in memory; pass --db FILE to keep it.' : `State: ${values.db}`);
  await new Promise<void>((resolve) => {
    const onSignal = (): void => {
      console.log('stopping …');
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  await server.stop();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dev':
      return dev(rest);
    case 'path': {
      const cli = findTemporalCli();
      if (cli === null) {
        console.error('Temporal CLI not found: run `node packages/temporal-dev/src/fetch.ts`, or set TEMPORAL_CLI.');
        return 1;
      }
      console.log(cli);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
