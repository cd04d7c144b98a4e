import type { ConfigProblem, CustomerEvent, EventKind, Lang, NodeCategory, NodeReference, NodeTypeInfo, PortSpec, Text } from '@sopline/graph';
import { text } from '@sopline/graph';
import type { z } from 'zod';
import type { StepContext, StepResult } from './context.ts';

export const OUT: PortSpec = { id: 'out', label: text('下一步', 'Next') };

type Shared<S extends z.ZodType> = {
  type: string;
  /** Bump when the config shape changes incompatibly; published versions keep the number they used. */
  version: number;
  title: Text;
  description: Text;
  /** A Tabler icon name, used by the designer. */
  icon: string;
  /** Extra words the palette search matches. */
  aliases?: string[];
  config: S;
  summary(config: z.output<S>, lang: Lang): string;
  validate?(config: z.output<S>): ConfigProblem[];
  /** The workspace's properties and stages the config names, checked against its catalogues when a journey is published. */
  reads?(config: z.output<S>): NodeReference[];
};

export type NodeDefinition<S extends z.ZodType = z.ZodType> = Shared<S> & {
  category: Exclude<NodeCategory, 'trigger'>;
  ports(config: z.output<S>): PortSpec[];
  execute(ctx: StepContext, config: z.output<S>): StepResult | Promise<StepResult>;
  /**
   * For nodes that wait for events: the kinds they may wait for. The engine then passes such events
   * to a run that is about to reach the node, so an event arriving mid-step is not missed.
   */
  listensFor?(config: z.output<S>): EventKind[];
};

export type TriggerDefinition<S extends z.ZodType = z.ZodType> = Shared<S> & {
  category: 'trigger';
  /** Event kinds that can fire this trigger; empty for manual / bulk enrolment only. */
  events: EventKind[];
  matches(event: CustomerEvent, config: z.output<S>): boolean;
  ports(config: z.output<S>): PortSpec[];
  execute(ctx: StepContext, config: z.output<S>): StepResult;
};

export type AnyNodeDefinition = NodeDefinition<z.ZodType> | TriggerDefinition<z.ZodType>;

export function defineNode<S extends z.ZodType>(def: NodeDefinition<S>): NodeDefinition<S> & NodeTypeInfo {
  return def as NodeDefinition<S> & NodeTypeInfo;
}

export function defineTrigger<S extends z.ZodType>(
  def: Omit<TriggerDefinition<S>, 'category' | 'ports' | 'execute'>,
): TriggerDefinition<S> & NodeTypeInfo {
  return { ...def, category: 'trigger', ports: () => [OUT], execute: () => ({ next: OUT.id }) } as TriggerDefinition<S> & NodeTypeInfo;
}

export function isTrigger(def: AnyNodeDefinition): def is TriggerDefinition<z.ZodType> {
  return def.category === 'trigger';
}
