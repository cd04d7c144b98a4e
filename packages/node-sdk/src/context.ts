import type { CustomerEvent, EventFilter } from '@sopline/graph';

export type CustomerSnapshot = {
  id: string;
  name: string;
  stage: string | null;
  ownerId: string | null;
  owner: { id: string; name: string } | null;
  /** IANA zone of the customer, or null when unknown (the workspace's zone applies). */
  timezone: string | null;
  tags: string[];
  properties: Record<string, unknown>;
  createdAt: string;
};

export type Purchase = {
  eventId: string;
  occurredAt: string;
  amount: number;
  product: string | null;
  category: string | null;
  products: string[];
  categories: string[];
};

export type TaskPriority = 'low' | 'normal' | 'high';

export type NewTask = {
  title: string;
  script: string;
  dueAt: Date;
  priority: TaskPriority;
};

/** What creating a task did: engine-wide rules (frequency cap, quiet hours) may change or suppress it. */
export type TaskOutcome = { created: true; taskId: string; dueAt: Date } | { created: false; reason: 'frequency-cap' | 'no-owner' };

/**
 * Everything an executor may read or change. The engine runs each step inside one database
 * transaction, so every effect below commits together with the customer's move to the next node.
 */
export interface StepContext {
  /** The logical time of this step (the workflow's clock), not the wall clock. */
  readonly now: Date;
  /** The zone to reason about local time in: the customer's, else the workspace's. */
  readonly timezone: string;
  readonly customer: CustomerSnapshot;
  readonly workspace: { id: string; timezone: string };
  readonly enrollment: { id: string; journeyId: string; versionId: string; visit: number };
  readonly nodeId: string;
  /** The event that started the journey or woke this step, when there is one. */
  readonly event: CustomerEvent | null;
  /** Stable across retries of this step: use it for effects outside the database. */
  readonly idempotencyKey: string;
  purchases(): Promise<Purchase[]>;
  addTags(tags: string[]): Promise<void>;
  removeTags(tags: string[]): Promise<void>;
  setStage(stage: string): Promise<void>;
  createTask(task: NewTask): Promise<TaskOutcome>;
}

export type WaitSpec = {
  /** When the wait ends by itself; null waits for the event alone. */
  until: Date | null;
  /** The port taken when `until` passes. */
  onTimeout: string;
  /** When set, a matching event ends the wait early through `onEvent`. */
  event?: EventFilter;
  onEvent?: string;
};

export type StepResult = { next: string } | { wait: WaitSpec } | { exit: string };
