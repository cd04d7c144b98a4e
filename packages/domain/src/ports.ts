import type { Db } from '@sopline/db';
import type { AnyNodeDefinition, TriggerDefinition } from '@sopline/node-sdk';
import type { NodeCatalog } from '@sopline/graph';
import type { z } from 'zod';

/** The node types installed: what the domain needs of `@sopline/registry`. */
export interface NodeRegistry extends NodeCatalog {
  get(type: string): AnyNodeDefinition | undefined;
  triggersFor(kind: string): Array<TriggerDefinition<z.ZodType>>;
}

/**
 * How the domain drives durable runs, without knowing Temporal. Implemented by the journey worker
 * package; every method is idempotent (calling it twice has the effect of calling it once).
 */
export interface JourneyRunner {
  start(run: { workflowId: string; enrollmentId: string }): Promise<void>;
  /** Wakes a run that may be waiting for this event. */
  signalEvent(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void>;
  /** Tells a run its journey's goal was reached. */
  signalGoal(run: { workflowId: string; enrollmentId: string }, eventId: string): Promise<void>;
  /** Asks a run to end its enrollment as cancelled at once; a run that no longer exists is ignored. */
  cancel(run: { workflowId: string; enrollmentId: string }): Promise<void>;
}

export type DomainDeps = {
  db: Db;
  registry: NodeRegistry;
  runner: JourneyRunner;
};
