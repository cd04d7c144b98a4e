/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temp dir, trust auth for local connections,
 * a free TCP port on 127.0.0.1, durability off (the data dies with the run). Uses Debian's
 * /usr/lib/postgresql/<newest>/bin (or `PG_BIN`, or pg_ctl on PATH). As root, the server runs as the
 * `postgres` OS user, since PostgreSQL refuses to run as root.
 *
 *   node tests/support/postgres.ts      starts one, prints its URL, stops it on Ctrl-C / SIGTERM
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type RunningPostgres = {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser on the maintenance database. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

/** The directory holding initdb and pg_ctl. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const pgCtl = execFileSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim();
    if (pgCtl) return pgCtl.slice(0, pgCtl.lastIndexOf('/'));
  } catch {
    // not on PATH either
  }
  throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN to the directory holding initdb and pg_ctl)');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** util-linux's runuser lives in /usr/sbin, which a root shell's PATH may lack (env -i, cron). */
export const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser';

/** Runs a PostgreSQL binary, as the `postgres` OS user when we are root. */
async function pgExec(bin: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? [RUNUSER, ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(file, argv, { timeout: 120_000 });
}

export async function startPostgres(options: { port?: number } = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'sopline-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dataDir, uid, gid);
  }
  const pgData = join(dataDir, 'data');
  const log = join(dataDir, 'server.log');
  const port = options.port ?? (await freePort());
  try {
    await pgExec(join(bin, 'initdb'), ['-D', pgData, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-k ${dataDir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    await pgExec(join(bin, 'pg_ctl'), ['-D', pgData, '-l', log, '-o', settings, '-w', '-t', '60', 'start']);
  } catch (err) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${(err as Error).message}\n${tail}`, { cause: err });
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await pgExec(join(bin, 'pg_ctl'), ['-D', pgData, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

if (import.meta.main) {
  const server = await startPostgres();
  console.log(server.url);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
