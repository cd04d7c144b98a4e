/**
 * Router test fixture: a real database (a SQLite file in a temp dir, or a new PostgreSQL database
 * when SOPLINE_TEST_DATABASE names a server), the built-in node registry, a FAKE
 * JourneyRunner that records calls (tests play the workflow's part with `runSteps`), and two
 * workspaces A and B, each with an admin, an ops manager and two sales reps. `callerAs(user)` calls
 * the routers as that user through `createCaller`, with no HTTP. Not exported from the package index.
 */
import { randomBytes } from 'node:crypto';
import type { Connection, Customer, Db, NewTaskRow, TaskRow, User, Workspace } from '@sopline/db';
import { newId, repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { DomainDeps, NewCustomerInput } from '@sopline/domain';
import { createCustomer, createSecretBox, declareReferences, enrolCustomer, hashPassword, publishJourney, runSteps, SESSION_DAYS, sessionIdOf } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';
import { TRPCError } from '@trpc/server';
import type { ApiContext } from './context.ts';
import { callerContext } from './context.ts';
import { createCaller } from './root.ts';
import { FakeRunner } from '@sopline/domain/testing';

export { FakeRunner } from '@sopline/domain/testing';
export type { RunnerCall } from '@sopline/domain/testing';

/** Every seeded user signs in with this password. */
export const PASSWORD = 'correct horse battery staple';
const PASSWORD_HASH = await hashPassword(PASSWORD);
export const SESSION_SECRET = 'test-session-secret';

export type Team = { workspace: Workspace; admin: User; ops: User; sales: User; sales2: User };
export type Caller = ReturnType<typeof createCaller>;

/** trigger-manual → send-script → wait 1 day → exit: an enrolled customer gets one task and waits. */
export const SIMPLE_JOURNEY: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'hello', type: 'send-script', config: { title: '问候', script: '{{customer.name}}您好' }, position: { x: 0, y: 120 } },
    { id: 'pause', type: 'wait', config: {}, position: { x: 0, y: 240 }, label: '等一天' },
    { id: 'end', type: 'exit', config: {}, position: { x: 0, y: 360 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'out', target: 'pause' },
    { id: 'e3', source: 'pause', sourcePort: 'out', target: 'end' },
  ],
};

export type ApiFixture = {
  db: Db;
  runner: FakeRunner;
  deps: ApiContext['deps'];
  a: Team;
  b: Team;
  /** The routers as `user` (null: signed out). The session is the user row as passed. */
  callerAs(user: User | null): Caller;
  /** A real session row for `user`, as login would write it; returns its id. */
  session(user: User): Promise<string>;
  /** A customer in the owner's workspace, owned by `owner` (null owner: pass `{ workspace }`). */
  customer(owner: User | { workspace: Workspace }, input?: Partial<Omit<NewCustomerInput, 'workspaceId'>>): Promise<Customer>;
  /** A task inserted directly (no journey), owned by the customer's owner unless given. */
  task(customer: Customer, input?: Partial<NewTaskRow>): Promise<TaskRow>;
  /** Creates and publishes a journey in the team's workspace. */
  liveJourney(team: Team, graph?: JourneyGraphInput, name?: string): Promise<{ journeyId: string; versionId: string }>;
  /** Enrols the customer and runs its first steps (SIMPLE_JOURNEY: one task, then waiting). */
  enrolAndStart(team: Team, journeyId: string, customerId: string, now?: Date): Promise<{ enrollmentId: string }>;
  /** Reloads a user row (e.g. after a role change) so `callerAs` sees it. */
  user(user: User): Promise<User>;
  close(): Promise<void>;
};

async function createTeam(db: Db, name: string, domain: string, timezone: string): Promise<Team> {
  const r = repos(db);
  const workspace = await r.workspaces.create({ name, timezone });
  const user = (role: User['role'], local: string, userName: string) =>
    r.users.create({ workspaceId: workspace.id, email: `${local}@${domain}`, name: userName, role, passwordHash: PASSWORD_HASH });
  return {
    workspace,
    admin: await user('admin', 'admin', `${name} 管理员`),
    ops: await user('ops', 'ops', `${name} 运营`),
    sales: await user('sales', 'sales', `${name} 销售一`),
    sales2: await user('sales', 'sales2', `${name} 销售二`),
  };
}

export async function createApiFixture(): Promise<ApiFixture> {
  const conn: Connection = await openTestDatabase({ prefix: 'api' });
  const db = conn.db;
  const runner = new FakeRunner();
  const deps: ApiContext['deps'] = {
    db,
    registry: defaultRegistry,
    runner,
    sessionSecret: SESSION_SECRET,
    // No WeCom here: a port nothing listens on, tried once.
    wecom: { apiBase: 'http://127.0.0.1:9', secrets: createSecretBox(SESSION_SECRET), retry: { attempts: 1 }, publicUrl: 'https://sopline.test' },
  };
  const domainDeps: DomainDeps = deps;
  const a = await createTeam(db, 'Shop A', 'a.test', 'Asia/Shanghai');
  const b = await createTeam(db, 'Shop B', 'b.test', 'Europe/Berlin');
  const workspaces = new Map([a, b].map((t) => [t.workspace.id, t.workspace]));
  const r = repos(db);
  let customers = 0;

  const fixture: ApiFixture = {
    db,
    runner,
    deps,
    a,
    b,
    callerAs(user) {
      const workspace = user ? workspaces.get(user.workspace_id) : undefined;
      if (user && !workspace) throw new Error(`user ${user.id} is in no fixture workspace`);
      const session = user && workspace ? { user, workspace, sessionId: newId() } : null;
      return createCaller(callerContext({ deps, db, session, ip: '127.0.0.1', userAgent: 'vitest' }));
    },
    async session(user) {
      const token = randomBytes(16).toString('base64url');
      const now = new Date();
      const id = sessionIdOf(token, SESSION_SECRET);
      await r.sessions.create({
        id,
        user_id: user.id,
        workspace_id: user.workspace_id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
        last_seen_at: now.toISOString(),
        ip: '127.0.0.1',
        user_agent: 'vitest',
      });
      return id;
    },
    customer(owner, input = {}) {
      customers += 1;
      const workspaceId = 'workspace' in owner ? owner.workspace.id : owner.workspace_id;
      const ownerId = 'workspace' in owner ? null : owner.id;
      return createCustomer(domainDeps, { name: `客户${customers}`, ownerId, ...input, workspaceId });
    },
    task(customer, input = {}) {
      return r.tasks.insert({
        workspace_id: customer.workspace_id,
        customer_id: customer.id,
        owner_id: customer.owner_id,
        enrollment_id: null,
        journey_id: null,
        node_id: null,
        visit: null,
        title: '回访',
        script: `${customer.name}您好`,
        priority: 'normal',
        due_at: new Date().toISOString(),
        ...input,
      });
    },
    async liveJourney(team, graph = SIMPLE_JOURNEY, name = '测试旅程') {
      const journey = await r.journeys.create({ workspaceId: team.workspace.id, name, graph, userId: team.ops.id });
      await declareReferences(domainDeps, team.workspace.id, graph);
      const version = await publishJourney(domainDeps, { workspaceId: team.workspace.id, journeyId: journey.id, userId: team.ops.id });
      return { journeyId: journey.id, versionId: version.id };
    },
    async enrolAndStart(team, journeyId, customerId, now = new Date()) {
      const result = await enrolCustomer(domainDeps, { workspaceId: team.workspace.id, journeyId, customerId });
      if (!result.enrolled) throw new Error(`not enrolled: ${result.reason}`);
      await runSteps(domainDeps, { enrollmentId: result.enrollmentId, seq: 0, now: now.getTime(), resume: { kind: 'start' } });
      return { enrollmentId: result.enrollmentId };
    },
    async user(user) {
      const row = await r.users.get(user.workspace_id, user.id);
      if (!row) throw new Error(`no user ${user.id}`);
      return row;
    },
    async close() {
      await conn.close();
    },
  };
  return fixture;
}

/** The tRPC error code a call failed with, or 'OK' when it succeeded. */
export async function codeOf(call: Promise<unknown>): Promise<TRPCError['code'] | 'OK'> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** The TRPCError a call failed with (its `cause` is the DomainError, if any); fails the test if it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const WORKSPACE_TABLES = ['users', 'sessions', 'api_keys', 'bulk_jobs', 'customers', 'tags', 'events', 'journeys', 'journey_versions', 'enrollments', 'enrollment_steps', 'tasks', 'channel_settings', 'digest_settings', 'deliveries', 'invitations', 'import_jobs', 'channel_codes'] as const;

/**
 * Every row of a workspace, table by table (customer_tags through their tag): compare two snapshots
 * to prove a call changed nothing there.
 */
export async function snapshotWorkspace(db: Db, workspaceId: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {
    workspaces: await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).execute(),
    stages: await db.selectFrom('stages').selectAll().where('workspace_id', '=', workspaceId).orderBy('code').execute(),
    properties: await db.selectFrom('properties').selectAll().where('workspace_id', '=', workspaceId).orderBy('key').execute(),
    wecom_settings: await db.selectFrom('wecom_settings').selectAll().where('workspace_id', '=', workspaceId).execute(),
    wecom_tokens: await db.selectFrom('wecom_tokens').selectAll().where('workspace_id', '=', workspaceId).orderBy('app').execute(),
    wecom_callbacks: await db.selectFrom('wecom_callbacks').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    wecom_follows: await db.selectFrom('wecom_follows').selectAll().where('workspace_id', '=', workspaceId).orderBy('external_userid').orderBy('wecom_userid').execute(),
    wecom_syncs: await db.selectFrom('wecom_syncs').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute(),
    import_rejects: await db
      .selectFrom('import_rejects')
      .innerJoin('import_jobs', 'import_jobs.id', 'import_rejects.job_id')
      .selectAll('import_rejects')
      .where('import_jobs.workspace_id', '=', workspaceId)
      .orderBy('import_rejects.job_id')
      .orderBy('import_rejects.row')
      .execute(),
    customer_tags: await db
      .selectFrom('customer_tags')
      .innerJoin('tags', 'tags.id', 'customer_tags.tag_id')
      .selectAll('customer_tags')
      .where('tags.workspace_id', '=', workspaceId)
      .orderBy('customer_tags.customer_id')
      .orderBy('customer_tags.tag_id')
      .execute(),
  };
  for (const table of WORKSPACE_TABLES) {
    snapshot[table] = await db.selectFrom(table).selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  }
  return snapshot;
}
