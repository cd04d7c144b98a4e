import { declareReferences } from './journeys/references.ts';
/**
 * Test fixture for the domain's unit tests: a fresh database (a SQLite file in a temp dir, or a new
 * PostgreSQL database when SOPLINE_TEST_DATABASE names a server), the built-in node
 * registry, a FAKE JourneyRunner (no Temporal: tests call runSteps themselves to play the workflow's
 * part), one workspace and one sales rep. Not exported from the package index.
 */
import type { Customer, Db, EnrollmentRow, NewWorkspace, User, Workspace } from '@sopline/db';
import { repos } from '@sopline/db';
import { openTestDatabase } from '@sopline/db/testing';
import type { JourneyGraphInput, JourneySettings } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry';
import type { NewCustomerInput } from './customers.ts';
import { createCustomer } from './customers.ts';
import { enrolCustomer } from './enrollments/enrol.ts';
import type { EnrolResult } from './enrollments/enrol.ts';
import { runSteps } from './engine/run-steps.ts';
import type { Resume, StepOutcome } from './engine/outcome.ts';
import { ingestEvent } from './events/ingest.ts';
import type { IngestInput } from './events/ingest.ts';
import { publishJourney } from './journeys/publish.ts';
import type { DomainDeps } from './ports.ts';

import { FakeRunner } from './fake-runner.ts';
export { FakeRunner };
export type { RunnerCall } from './fake-runner.ts';

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];
type EdgeSpec = [source: string, port: string, target: string];

/** A journey graph from terse node and edge lists: `[id, type, config]`, `[source, port, target]`. */
export function graph(nodes: NodeSpec[], edges: EdgeSpec[], settings: Partial<JourneySettings> = {}): JourneyGraphInput {
  return {
    settings: { reentry: 'never', goal: null, ...settings },
    nodes: nodes.map(([id, type, config], i) => ({ id, type, config: config ?? {}, position: { x: 0, y: 120 * i } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i + 1}`, source, sourcePort, target })),
  };
}

/** A straight line of nodes joined through their `out` ports. */
export function line(nodes: NodeSpec[], settings: Partial<JourneySettings> = {}): JourneyGraphInput {
  const edges: EdgeSpec[] = nodes.slice(1).map((n, i) => [nodes[i]![0], 'out', n[0]]);
  return graph(nodes, edges, settings);
}

export type Fixture = {
  db: Db;
  runner: FakeRunner;
  deps: DomainDeps;
  workspace: Workspace;
  rep: User;
  /** A customer owned by the rep (recorded with its own customer.created event). */
  customer(input?: Partial<Omit<NewCustomerInput, 'workspaceId'>>): Promise<Customer>;
  /** Creates a journey and publishes the graph: a live journey. */
  liveJourney(g: JourneyGraphInput, name?: string): Promise<string>;
  enrol(journeyId: string, customerId: string, triggerEventId?: string | null): Promise<Extract<EnrolResult, { enrolled: true }>>;
  /** runSteps at the enrollment's current seq, as the workflow would. */
  step(enrollmentId: string, now: number, resume: Resume): Promise<StepOutcome>;
  event(customerId: string, kind: IngestInput['kind'], payload?: Record<string, unknown>): Promise<string>;
  enrollment(id: string): Promise<EnrollmentRow>;
  close(): Promise<void>;
};

export async function createFixture(options: { workspace?: Partial<NewWorkspace> } = {}): Promise<Fixture> {
  const conn = await openTestDatabase({ prefix: 'domain' });
  const db = conn.db;
  const runner = new FakeRunner();
  const deps: DomainDeps = { db, registry: defaultRegistry, runner };
  const r = repos(db);
  const workspace = await r.workspaces.create({ name: 'Test shop', timezone: 'Asia/Shanghai', ...options.workspace });
  const rep = await r.users.create({ workspaceId: workspace.id, email: 'rep@example.com', name: '李销售', role: 'sales' });
  let customers = 0;

  const fixture: Fixture = {
    db,
    runner,
    deps,
    workspace,
    rep,
    customer: (input = {}) => {
      customers += 1;
      return createCustomer(deps, { name: `客户${customers}`, ownerId: rep.id, ...input, workspaceId: workspace.id });
    },
    liveJourney: async (g, name = 'Journey') => {
      const journey = await r.journeys.create({ workspaceId: workspace.id, name, graph: g });
      await declareReferences(deps, workspace.id, g);
      await publishJourney(deps, { workspaceId: workspace.id, journeyId: journey.id });
      return journey.id;
    },
    enrol: async (journeyId, customerId, triggerEventId = null) => {
      const result = await enrolCustomer(deps, { workspaceId: workspace.id, journeyId, customerId, triggerEventId });
      if (!result.enrolled) throw new Error(`not enrolled: ${result.reason}`);
      return result;
    },
    step: async (enrollmentId, now, resume) => {
      const e = await fixture.enrollment(enrollmentId);
      return runSteps(deps, { enrollmentId, seq: e.step_seq, now, resume });
    },
    event: async (customerId, kind, payload = {}) => {
      const { event } = await ingestEvent(deps, { workspaceId: workspace.id, customer: { id: customerId }, kind, payload });
      return event.id;
    },
    enrollment: async (id) => {
      const e = await r.enrollments.get(id);
      if (!e) throw new Error(`no enrollment ${id}`);
      return e;
    },
    close: async () => {
      await conn.close();
    },
  };
  return fixture;
}

/** Row counts of everything a run of steps can write, to prove a call wrote nothing. */
export async function counts(db: Db): Promise<Record<'steps' | 'tasks' | 'events' | 'tags' | 'enrollments', number>> {
  const n = async (table: 'enrollment_steps' | 'tasks' | 'events' | 'customer_tags' | 'enrollments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { steps: await n('enrollment_steps'), tasks: await n('tasks'), events: await n('events'), tags: await n('customer_tags'), enrollments: await n('enrollments') };
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;
