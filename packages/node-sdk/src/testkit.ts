import type { CustomerEvent } from '@sopline/graph';
import type { CustomerSnapshot, NewTask, Purchase, StepContext, StepResult, TaskOutcome } from './context.ts';
import type { AnyNodeDefinition } from './define.ts';

/**
 * Test kit for node authors: run an executor against an in-memory customer and look at what it did.
 *
 *   const { result, effects } = await runNode(addTag, { tags: ['vip'] });
 *   expect(effects.tagsAdded).toEqual(['vip']);
 */
export type TestContextOptions = {
  /** The step's logical clock (`ctx.now`); 2026-03-02T02:00:00Z (10:00 in Shanghai) by default. */
  now?: Date | string;
  /** The zone local times are computed in; else the customer's, else the workspace's. */
  timezone?: string;
  /** The node's id in the journey graph (`ctx.nodeId`), 'node-1' by default. */
  nodeId?: string;
  /** Which run this step belongs to; `visit` is the step's sequence number and goes into `ctx.idempotencyKey`. */
  enrollment?: Partial<StepContext['enrollment']>;
  workspace?: Partial<StepContext['workspace']>;
  customer?: Partial<CustomerSnapshot>;
  purchases?: Array<Partial<Purchase> & { amount: number; occurredAt: string }>;
  event?: CustomerEvent | null;
  /** Make createTask report the frequency cap, as the engine would. */
  capReached?: boolean;
};

export type RecordedEffects = {
  tagsAdded: string[];
  tagsRemoved: string[];
  stage: string | null;
  tasks: NewTask[];
};

export function createTestContext(options: TestContextOptions = {}): { ctx: StepContext; effects: RecordedEffects } {
  const effects: RecordedEffects = { tagsAdded: [], tagsRemoved: [], stage: null, tasks: [] };
  const customer: CustomerSnapshot = {
    id: 'cust-1',
    name: '王小明',
    stage: null,
    ownerId: 'rep-1',
    owner: { id: 'rep-1', name: '李销售' },
    timezone: null,
    tags: [],
    properties: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    ...options.customer,
  };
  const tags = new Set(customer.tags);
  const purchases: Purchase[] = (options.purchases ?? []).map((p, i) => ({
    eventId: p.eventId ?? `evt-${i + 1}`,
    occurredAt: p.occurredAt,
    amount: p.amount,
    product: p.product ?? null,
    category: p.category ?? null,
    products: p.products ?? (p.product ? [p.product] : []),
    categories: p.categories ?? (p.category ? [p.category] : []),
  }));
  const workspace = { id: 'ws-1', timezone: 'Asia/Shanghai', ...options.workspace };
  const enrollment = { id: 'enr-1', journeyId: 'jrn-1', versionId: 'ver-1', visit: 1, ...options.enrollment };
  const ctx: StepContext = {
    now: new Date(options.now ?? '2026-03-02T02:00:00.000Z'),
    timezone: options.timezone ?? customer.timezone ?? workspace.timezone,
    customer: { ...customer, get tags() { return [...tags]; } },
    workspace,
    enrollment,
    nodeId: options.nodeId ?? 'node-1',
    event: options.event ?? null,
    idempotencyKey: `${enrollment.id}:${enrollment.visit}`,
    purchases: async () => purchases,
    addTags: async (list) => {
      for (const t of list) tags.add(t);
      effects.tagsAdded.push(...list);
    },
    removeTags: async (list) => {
      for (const t of list) tags.delete(t);
      effects.tagsRemoved.push(...list);
    },
    setStage: async (stage) => {
      effects.stage = stage;
    },
    createTask: async (task): Promise<TaskOutcome> => {
      if (options.capReached) return { created: false, reason: 'frequency-cap' };
      effects.tasks.push(task);
      return { created: true, taskId: `task-${effects.tasks.length}`, dueAt: task.dueAt };
    },
  };
  return { ctx, effects };
}

/** Parses `config` with the node's own schema (defaults applied, bad config throws) and runs it once. */
export async function runNode(def: AnyNodeDefinition, config: unknown, options: TestContextOptions = {}): Promise<{ result: StepResult; effects: RecordedEffects; ctx: StepContext }> {
  const parsed = def.config.parse(config);
  const { ctx, effects } = createTestContext(options);
  const result = await def.execute(ctx, parsed as never);
  return { result, effects, ctx };
}
