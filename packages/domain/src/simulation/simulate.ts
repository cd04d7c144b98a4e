import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { CustomerEvent, EventFilter, EventKind, JourneyNode } from '@sopline/graph';
import { matchesEvent } from '@sopline/graph';
import type { CustomerSnapshot, Purchase, StepContext, TaskOutcome, TaskPriority } from '@sopline/node-sdk';
import { compileGraph } from '../journeys/compile.ts';
import { freezeGraph } from '../journeys/publish.ts';
import { errors } from '../errors.ts';
import type { NodeRegistry } from '../ports.ts';
import { walkSteps } from '../engine/interpret.ts';
import { MAX_VISITS } from '../engine/run-steps.ts';
import { isValidZone } from '../engine/rules.ts';
import { loadSnapshot, scheduleTask, toPurchase } from '../engine/step-context.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_HORIZON_DAYS = 90;
export const MAX_HORIZON_DAYS = 3650;

export type HypotheticalCustomer = {
  name: string;
  stage?: string | null;
  tags?: string[];
  properties?: Record<string, unknown>;
  timezone?: string | null;
  purchases?: Array<{ daysAgo: number; amount: number; product?: string; category?: string }>;
};

export type SimulatedEventInput = { afterDays: number; kind: EventKind; payload?: Record<string, unknown> };

export type SimulationInput = {
  workspaceId: string;
  /** The draft graph; validated strictly, like publishing. */
  graph: unknown;
  customer: { id: string } | { hypothetical: HypotheticalCustomer };
  events?: SimulatedEventInput[];
  /** ISO time the simulation starts at (default now). */
  start?: string;
  horizonDays?: number;
};

export type SimulatedStep = { nodeId: string; nodeType: string; at: string; outcome: string };
export type SimulatedTask = { nodeId: string; title: string; script: string; dueAt: string; priority: TaskPriority; suppressed?: 'frequency-cap' };
export type SimulationResult = {
  steps: SimulatedStep[];
  tasks: SimulatedTask[];
  end: { at: string; status: 'completed' | 'exited' | 'waiting' | 'loop-guard'; reason: string };
};

/**
 * Dry run of a draft: walks the graph with the engine's own interpreter (engine/interpret.ts), but every effect the
 * StepContext offers is recorded in memory (tags and stage change the simulated customer so later
 * branches see them) and time jumps from wait to wait. Reads the workspace, and for a real customer
 * its snapshot, purchases and tasks; writes nothing.
 */
export async function simulateJourney(deps: { db: Db; registry: NodeRegistry }, input: SimulationInput): Promise<SimulationResult> {
  const r = repos(deps.db);
  const { graph, triggerType } = freezeGraph(deps.registry, input.graph);
  const journey = compileGraph({ versionId: 'simulation', journeyId: 'simulation', workspaceId: input.workspaceId, triggerType }, graph);
  const workspace = await r.workspaces.get(input.workspaceId);
  if (!workspace) throw errors.notFound('工作区 / workspace', input.workspaceId);

  const start = input.start ? new Date(input.start) : new Date();
  const horizon = new Date(start.getTime() + Math.min(input.horizonDays ?? DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS) * DAY_MS);

  // The customer, and what happened to them before the start.
  let customer: CustomerSnapshot;
  let history: Purchase[];
  let countStoredTasks: (from: string, to: string) => Promise<number>;
  if ('id' in input.customer) {
    const id = input.customer.id;
    if (!(await r.customers.get(input.workspaceId, id))) throw errors.notFound('客户 / customer', id);
    customer = await loadSnapshot(deps.db, input.workspaceId, id);
    // Like the engine, a step sees the stored purchases that occurred by its logical time.
    history = (await r.events.ofCustomer(id, 'purchase')).map(toPurchase);
    countStoredTasks = (from, to) => r.tasks.countDue(id, from, to);
  } else {
    const h = input.customer.hypothetical;
    customer = {
      id: 'hypothetical',
      name: h.name,
      stage: h.stage ?? null,
      ownerId: null,
      owner: null,
      timezone: h.timezone ?? null,
      tags: [...new Set(h.tags ?? [])],
      properties: h.properties ?? {},
      createdAt: start.toISOString(),
    };
    history = (h.purchases ?? []).map((p, i) =>
      toPurchase({ id: `hypothetical-purchase-${i + 1}`, occurred_at: new Date(start.getTime() - p.daysAgo * DAY_MS).toISOString(), payload: { ...p } }),
    );
    countStoredTasks = () => Promise.resolve(0);
  }

  // What will happen to the customer, in time order.
  const future: CustomerEvent[] = (input.events ?? [])
    .map((e, i) => {
      const at = new Date(start.getTime() + e.afterDays * DAY_MS).toISOString();
      return { id: `simulated-event-${i + 1}`, kind: e.kind, occurredAt: at, receivedAt: at, payload: e.payload ?? {} };
    })
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let applied = 0;
  /** Applies the simulated events up to `t` to the customer (tags, stage), as ingestion would. */
  const catchUp = (t: number) => {
    while (applied < future.length && Date.parse(future[applied]!.occurredAt) <= t) {
      const e = future[applied]!;
      applied += 1;
      const tag = typeof e.payload.tag === 'string' ? e.payload.tag : null;
      if (e.kind === 'tag.added' && tag && !customer.tags.includes(tag)) customer = { ...customer, tags: [...customer.tags, tag] };
      if (e.kind === 'tag.removed' && tag) customer = { ...customer, tags: customer.tags.filter((x) => x !== tag) };
      const to = typeof e.payload.to === 'string' ? e.payload.to : typeof e.payload.stage === 'string' ? e.payload.stage : null;
      if (e.kind === 'stage.changed' && to) customer = { ...customer, stage: to };
    }
  };
  const futurePurchases = () => future.filter((e) => e.kind === 'purchase').map((e) => toPurchase({ id: e.id, occurred_at: e.occurredAt, payload: e.payload }));

  const steps: SimulatedStep[] = [];
  const tasks: SimulatedTask[] = [];
  let now = start;
  const record = (node: JourneyNode, outcome: string) => steps.push({ nodeId: node.id, nodeType: node.type, at: now.toISOString(), outcome });
  const end = (status: SimulationResult['end']['status'], reason: string, at: Date = now): SimulationResult => ({
    steps,
    tasks,
    end: { at: at.toISOString(), status, reason },
  });
  const goal = journey.settings.goal;
  /** The first simulated goal event in [from, to], if any. */
  const goalBetween = (from: number, to: number) =>
    goal ? future.find((e) => Date.parse(e.occurredAt) >= from && Date.parse(e.occurredAt) <= to && matchesEvent(e, goal)) : undefined;

  const context = (node: JourneyNode, event: CustomerEvent | null): StepContext => {
    const visit = steps.length + 1;
    const timezone = isValidZone(customer.timezone) ? customer.timezone : workspace.timezone;
    return {
      now,
      timezone,
      customer,
      workspace: { id: workspace.id, timezone: workspace.timezone },
      enrollment: { id: 'simulation', journeyId: journey.journeyId, versionId: journey.versionId, visit },
      nodeId: node.id,
      event,
      idempotencyKey: `simulation:${visit}`,
      purchases: () => {
        const t = now.getTime();
        return Promise.resolve([...history, ...futurePurchases()].filter((p) => Date.parse(p.occurredAt) <= t));
      },
      addTags: (tags) => {
        customer = { ...customer, tags: [...new Set([...customer.tags, ...tags])] };
        return Promise.resolve();
      },
      removeTags: (tags) => {
        customer = { ...customer, tags: customer.tags.filter((t) => !tags.includes(t)) };
        return Promise.resolve();
      },
      setStage: (stage) => {
        customer = { ...customer, stage };
        return Promise.resolve();
      },
      createTask: async (task): Promise<TaskOutcome> => {
        const countDue = async (from: string, to: string) =>
          (await countStoredTasks(from, to)) + tasks.filter((t) => !t.suppressed && t.dueAt >= from && t.dueAt < to).length;
        const planned = await scheduleTask(workspace, task.dueAt, countDue);
        const row: SimulatedTask = { nodeId: node.id, title: task.title.slice(0, 200), script: task.script, dueAt: planned.dueAt.toISOString(), priority: task.priority };
        if (!planned.ok) {
          tasks.push({ ...row, suppressed: planned.reason });
          return { created: false, reason: planned.reason };
        }
        tasks.push(row);
        return { created: true, taskId: `simulated-task-${tasks.length}`, dueAt: planned.dueAt };
      },
    };
  };

  catchUp(now.getTime());
  record(journey.trigger, 'out');
  let from = { nodeId: journey.trigger.id, port: 'out' };
  let event: CustomerEvent | null = null;
  /** Events that already woke a wait: one event ends one wait, as in the engine. */
  const consumed = new Set<string>();
  for (;;) {
    // The engine's own interpreter; as in the engine, every node of one run of steps sees the event
    // that started or woke the run.
    const walked = await walkSteps({
      journey,
      registry: deps.registry,
      from,
      record,
      tripped: () => steps.length >= MAX_VISITS - 1,
      context: (node) => context(node, event),
    });
    if (walked.kind === 'loop-guard') return end('loop-guard', 'loop-guard');
    if (walked.kind === 'exit') return end('completed', walked.reason);
    if (walked.kind === 'end') return end('completed', 'end');
    // A wait: jump to whichever comes first of a goal, a matching event, the timeout and the horizon.
    const { node, wait: w } = walked;
    const at = now.getTime();
    const until = w.until ? w.until.getTime() : Infinity;
    const filter: EventFilter | undefined = w.event;
    const wake: CustomerEvent | undefined = filter ? future.find((e) => !consumed.has(e.id) && Date.parse(e.occurredAt) >= at && Date.parse(e.occurredAt) <= until && matchesEvent(e, filter)) : undefined;
    const resumeAt = wake ? Date.parse(wake.occurredAt) : until;
    const reached = goalBetween(at, Math.min(resumeAt, horizon.getTime()));
    if (reached) {
      now = new Date(reached.occurredAt);
      catchUp(now.getTime());
      record(node, 'goal');
      return end('exited', 'goal');
    }
    // No timeout and nothing that wakes it: the customer would wait here indefinitely.
    if (resumeAt === Infinity) return end('waiting', filter ? `event:${filter.kind}` : 'wait');
    if (resumeAt > horizon.getTime()) return end('waiting', 'horizon', horizon);
    now = new Date(resumeAt);
    catchUp(now.getTime());
    const port = wake ? (w.onEvent ?? w.onTimeout) : w.onTimeout;
    record(node, port);
    event = wake ?? null;
    if (wake) consumed.add(wake.id);
    from = { nodeId: node.id, port };
  }
}
