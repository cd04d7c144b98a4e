import type { CustomerEvent, EventKind, NodeTypeInfo } from '@sopline/graph';
import type { z } from 'zod';
import type { StepContext, StepResult } from './context.ts';
import type { NodeManifest, TriggerManifest } from './manifest.ts';
import { OUT } from './manifest.ts';

/** The server-only half of a node type (its executor): the manifest plus the step it runs. */
export type NodeDefinition<S extends z.ZodType = z.ZodType> = NodeManifest<S> & {
  execute(ctx: StepContext, config: z.output<S>): StepResult | Promise<StepResult>;
  /**
   * For nodes that wait for events: the kinds they may wait for. The engine then passes such events
   * to a run that is about to reach the node, so an event arriving mid-step is not missed.
   */
  listensFor?(config: z.output<S>): EventKind[];
};

export type TriggerDefinition<S extends z.ZodType = z.ZodType> = TriggerManifest<S> & {
  matches(event: CustomerEvent, config: z.output<S>): boolean;
  execute(ctx: StepContext, config: z.output<S>): StepResult;
};

export type AnyNodeDefinition = NodeDefinition<z.ZodType> | TriggerDefinition<z.ZodType>;

export function defineNode<S extends z.ZodType>(def: NodeDefinition<S>): NodeDefinition<S> & NodeTypeInfo {
  return def as NodeDefinition<S> & NodeTypeInfo;
}

export function defineTrigger<S extends z.ZodType>(
  def: Omit<TriggerDefinition<S>, 'category' | 'ports' | 'execute'> & { category?: 'trigger'; ports?: unknown },
): TriggerDefinition<S> & NodeTypeInfo {
  return { ...def, category: 'trigger', ports: () => [OUT], execute: () => ({ next: OUT.id }) } as TriggerDefinition<S> & NodeTypeInfo;
}

export function isTrigger(def: AnyNodeDefinition): def is TriggerDefinition<z.ZodType> {
  return def.category === 'trigger';
}
