import type { Server } from 'node:http';
import { pino } from 'pino';
import type { Connection, Db, User, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyRunner } from '@sopline/domain';
import { createApiKey, hashPassword } from '@sopline/domain';
import { defaultRegistry } from '@sopline/registry';
import { createApp } from '@sopline/server';

/** Runs nothing: these tests attack the HTTP surface and the database, not the engine. */
const runner: JourneyRunner = { start: async () => {}, signalEvent: async () => {}, signalGoal: async () => {}, cancel: async () => {}, retry: async () => {} };

export const PASSWORD = 'correct horse battery staple';
export const SESSION_SECRET = 's'.repeat(48);

export type SecurityApp = {
  base: string;
  db: Db;
  workspace: Workspace;
  users: { admin: User; ops: User; sales: User };
  /** A live API key of the workspace, allowed far more requests than a fuzz run makes. */
  apiKey: string;
  /** Every line the server logged (pino JSON), at debug level. */
  logLines: string[];
  close(): Promise<void>;
};

/**
 * The real Express app (REST, tRPC, sessions, CSRF check) on port 0 over a real database, with
 * a workspace of three users and an API key. The logger writes to `logLines` so tests can read it.
 */
export async function startSecurityApp(options: { port?: number; logLevel?: string; echoLogs?: boolean } = {}): Promise<SecurityApp> {
  // A SQLite file in a temp dir, or a fresh schema when SOPLINE_TEST_DATABASE names a PostgreSQL server.
  const database: Connection = await openTestDatabase({ prefix: 'security' });
  const db = database.db;
  const r = repos(db);
  const workspace = await r.workspaces.create({ name: 'Security', timezone: 'Asia/Shanghai' });
  const passwordHash = await hashPassword(PASSWORD);
  const user = (role: User['role']) => r.users.create({ workspaceId: workspace.id, email: `${role}@security.test`, name: `${role} user`, role, passwordHash });
  const users = { admin: await user('admin'), ops: await user('ops'), sales: await user('sales') };
  const apiKey = (await createApiKey({ db }, { workspaceId: workspace.id, name: 'fuzz', ratePerMinute: 100_000, createdBy: null })).key;
  const logLines: string[] = [];
  const logger = pino({ level: options.logLevel ?? 'debug' }, {
    write: (line: string) => {
      logLines.push(line);
      if (options.echoLogs) process.stderr.write(line);
    },
  });
  const app = createApp({ deps: { db, registry: defaultRegistry, runner, sessionSecret: SESSION_SECRET }, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    db,
    workspace,
    users,
    apiKey,
    logLines,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

/** Rows in the tables ingest may write: compare two counts to prove what a request wrote. */
const TABLES = ['events', 'customers', 'customer_tags', 'tags', 'journeys', 'journey_versions', 'sessions', 'api_keys'] as const;
export type RowCounts = Record<(typeof TABLES)[number], number>;
export async function rowCounts(db: Db): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const t of TABLES) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

/** A same-origin tRPC call with the session cookie, as the web app makes it. */
export async function trpc(
  app: Pick<SecurityApp, 'base'>,
  path: string,
  input: unknown,
  options: { cookie?: string; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: { result?: { data: unknown }; error?: { message: string; data: Record<string, unknown> } }; res: Response }> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = { origin: app.base, 'sec-fetch-site': 'same-origin', ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers };
  const url = method === 'GET' ? `${app.base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}` : `${app.base}/trpc/${path}`;
  const res = await fetch(url, method === 'GET' ? { headers } : { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input ?? {}) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as never) : ({} as never), res };
}

/** Signs in over HTTP and returns the `name=value` cookie. */
export async function signIn(app: Pick<SecurityApp, 'base'>, email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<string> {
  const login = await trpc(app, 'auth.login', { email, password }, { headers });
  if (login.status !== 200) throw new Error(`login as ${email} failed: ${login.status} ${JSON.stringify(login.json)}`);
  return login.res.headers.get('set-cookie')!.split(';')[0]!;
}
