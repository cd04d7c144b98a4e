import { Client, Connection } from '@temporalio/client';
import type { InternalConnectionOptions } from '@temporalio/client/lib/connection.js';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection.js';
import { TimeSkippingWorkflowClient } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Connection as DbConnection, EnrollmentRow, User, Workspace } from '@sopline/db';
import { newId, repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { DomainDeps, IngestInput, NewCustomerInput, NodeRegistry } from '@sopline/domain';
import { createCustomer, declareReferences, dispatchPending, ingestEvent, publishJourney } from '@sopline/domain';
import type { JourneyGraphInput } from '@sopline/graph';
import type { ActivityDeps } from '@sopline/journey-worker';
import { bundleJourneyWorkflows, createJourneyWorker, temporalRunner } from '@sopline/journey-worker';
import { defaultRegistry } from '@sopline/registry';

let bundle: Promise<WorkflowBundle> | null = null;
let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}
/** The workflow bundle is built once per test file and shared by all its workers. */
export function sharedBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleJourneyWorkflows();
  return bundle;
}

export type HarnessOptions = {
  server: 'dev' | 'time-skipping';
  /** A server of that kind at this address instead of the shared one. */
  address?: string;
  afterCommit?: ActivityDeps['afterCommit'];
  workspace?: Partial<{ timezone: string; quietStart: string | null; quietEnd: string | null; capPerDay: number | null; capPerWeek: number | null }>;
};

/**
 * A real stack for one test: a fresh database (SQLite file, or PostgreSQL schema when
 * SOPLINE_TEST_DATABASE is set), the real registry, a real worker on its own task
 * queue against the shared Temporal server, and the Temporal-backed runner.
 */
export async function createHarness(options: HarnessOptions) {
  quietRuntime();
  const database: DbConnection = await openTestDatabase({ prefix: 'it' });
  const db = database.db;
  const address = options.address ?? (options.server === 'dev' ? inject('temporalDevAddress') : inject('temporalTimeSkippingAddress'));
  // The test service (time skipping) is only reachable on a connection that asks for it.
  const connectionOptions: InternalConnectionOptions = { address, [InternalConnectionOptionsSymbol]: { supportsTestService: options.server === 'time-skipping' } };
  const connection = await Connection.connect(connectionOptions);
  const client = new Client({ connection });
  // Awaiting a result through this client lets the time-skipping server jump over timers.
  const results = options.server === 'dev' ? client.workflow : new TimeSkippingWorkflowClient({ connection });
  const native = await NativeConnection.connect({ address });
  const taskQueue = `test-${newId()}`;
  const registry = defaultRegistry;
  const runner = temporalRunner(client, taskQueue);
  const deps: DomainDeps = { db, registry, runner };
  const workflowBundle = await sharedBundle();

  const r = repos(db);
  const workspace: Workspace = await r.workspaces.create({
    name: 'Test shop',
    timezone: options.workspace?.timezone ?? 'Asia/Shanghai',
    quietStart: options.workspace?.quietStart ?? null,
    quietEnd: options.workspace?.quietEnd ?? null,
    capPerDay: options.workspace?.capPerDay ?? null,
    capPerWeek: options.workspace?.capPerWeek ?? null,
  });
  const rep: User = await r.users.create({ workspaceId: workspace.id, email: 'rep@example.com', name: '李销售', role: 'sales' });

  let worker: Worker | null = null;
  let running: Promise<void> | null = null;

  const harness = {
    db,
    deps,
    client,
    connection,
    workspace,
    rep,
    taskQueue,
    repos: r,

    /** Starts the worker; `workerRegistry`: the node types it has installed (a plugin missing, say). */
    async startWorker(afterCommit = options.afterCommit, workerRegistry: NodeRegistry = registry) {
      worker = await createJourneyWorker({ connection: native, taskQueue, deps: { db, registry: workerRegistry, afterCommit }, bundle: workflowBundle });
      running = worker.run();
    },
    /** Stops the worker the way a deploy or crash-restart would: in-flight activities are abandoned. */
    async stopWorker() {
      if (!worker) return;
      worker.shutdown();
      await running;
      worker = null;
      running = null;
    },
    async journey(name: string, graph: JourneyGraphInput) {
      const journey = await r.journeys.create({ workspaceId: workspace.id, name, graph });
      await declareReferences(deps, workspace.id, graph);
      const version = await publishJourney(deps, { workspaceId: workspace.id, journeyId: journey.id, notes: 'v1' });
      return { journey, version };
    },
    customer(input: Partial<NewCustomerInput> & { name: string }) {
      return createCustomer(deps, { workspaceId: workspace.id, ownerId: rep.id, ...input });
    },
    /** The Temporal server's clock: on the time-skipping server it runs ahead of the wall clock. */
    async serverNow(): Promise<Date> {
      if (options.server === 'dev') return new Date();
      const { time } = await connection.testService!.getCurrentTime({});
      return new Date(Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6));
    },
    /** Ingests an event that happened "now" on the server's clock, so purchase windows line up. */
    async ingest(input: Omit<IngestInput, 'workspaceId'>) {
      const occurredAt = input.occurredAt ?? (await harness.serverNow()).toISOString();
      return ingestEvent(deps, { workspaceId: workspace.id, ...input, occurredAt });
    },
    /** Runs the event dispatcher until no stored event is left. */
    async dispatch() {
      let total = 0;
      for (;;) {
        const result = await dispatchPending(deps);
        if (result.failed) throw new Error(`dispatch failed: ${result.failed}`);
        total += result.dispatched;
        if (result.dispatched === 0) return total;
      }
    },
    /** Waits (time-skipping where the server supports it) until the run behind an enrollment ends. */
    async finish(enrollment: Pick<EnrollmentRow, 'workflow_id'>): Promise<string> {
      return results.result(enrollment.workflow_id);
    },
    /**
     * Waits for a run to end WITHOUT letting the time-skipping clock run: awaiting a result unlocks
     * time skipping, which would also fire every other customer's pending timers.
     */
    async ended(enrollment: Pick<EnrollmentRow, 'id'>): Promise<EnrollmentRow> {
      try {
        return await harness.until(`enrollment ${enrollment.id} to end`, async () => {
          const row = await r.enrollments.get(enrollment.id);
          return row && !['active', 'waiting'].includes(row.status) ? row : undefined;
        });
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${await harness.diagnose(enrollment.id)}`, { cause: err });
      }
    },
    /** The enrollment row and its workflow's recent history, for a failing test's message. */
    async diagnose(enrollmentId: string): Promise<string> {
      const row = await r.enrollments.get(enrollmentId);
      if (!row) return 'no such enrollment';
      const handle = client.workflow.getHandle(row.workflow_id);
      const history = await handle.fetchHistory().catch((e: unknown) => ({ events: [], error: String(e) }));
      const events = (history.events ?? []).slice(-15).map((e) => `${String(e.eventId)} ${String(e.eventType)}`);
      return JSON.stringify({ status: row.status, cursor: row.cursor_node_id, seq: row.step_seq, waitUntil: row.wait_until, events }, null, 1);
    },
    /** Advances the time-skipping server's clock. */
    async skip(ms: number) {
      await connection.testService!.unlockTimeSkippingWithSleep({ duration: { seconds: Math.floor(ms / 1000) as never, nanos: (ms % 1000) * 1_000_000 } });
    },
    /** Polls the database (real time, bounded) until the predicate holds. */
    async until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async enrollmentsOf(customerId: string, journeyId?: string): Promise<EnrollmentRow[]> {
      let q = db.selectFrom('enrollments').selectAll().where('customer_id', '=', customerId);
      if (journeyId) q = q.where('journey_id', '=', journeyId);
      return q.orderBy('started_at').execute();
    },
    /** The one enrollment of a customer in a journey (tests in one file share a workspace). */
    async enrollmentIn(journeyId: string, customerId: string): Promise<EnrollmentRow> {
      const rows = await harness.enrollmentsOf(customerId, journeyId);
      if (rows.length !== 1) throw new Error(`expected one enrollment of ${customerId} in ${journeyId}, found ${rows.length}`);
      return rows[0]!;
    },
    async close() {
      await harness.stopWorker();
      await native.close();
      await connection.close();
      await database.close();
    },
  };
  return harness;
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
