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
  now?: Date | string;
  timezone?: string;
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
  const ctx: StepContext = {
    now: new Date(options.now ?? '2026-03-02T02:00:00.000Z'),
    timezone: options.timezone ?? customer.timezone ?? 'Asia/Shanghai',
    customer: { ...customer, get tags() { return [...tags]; } },
    workspace: { id: 'ws-1', timezone: 'Asia/Shanghai' },
    enrollment: { id: 'enr-1', journeyId: 'jrn-1', versionId: 'ver-1', visit: 1 },
    nodeId: 'node-1',
    event: options.event ?? null,
    idempotencyKey: 'enr-1:1',
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
