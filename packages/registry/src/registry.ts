import type { NodeCatalog } from '@sopline/graph';
import type { AnyNodeDefinition, TriggerDefinition } from '@sopline/node-sdk';
import { isTrigger } from '@sopline/node-sdk';
import type { z } from 'zod';

/** The installed node types: a `NodeCatalog` for the validator, plus what the engine and designer list. */
export interface Registry extends NodeCatalog {
  get(type: string): AnyNodeDefinition | undefined;
  /** Every node type, in registration order. */
  list(): AnyNodeDefinition[];
  triggers(): Array<TriggerDefinition<z.ZodType>>;
  /** Triggers that listen to this event kind (their `matches` still decides per event). */
  triggersFor(eventKind: string): Array<TriggerDefinition<z.ZodType>>;
}

export function createRegistry(defs: readonly AnyNodeDefinition[]): Registry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const def of defs) {
    if (byType.has(def.type)) throw new Error(`Node type "${def.type}" is registered twice: every node type needs a unique name`);
    byType.set(def.type, def);
  }
  const all = [...byType.values()];
  const triggers = all.filter(isTrigger);
  return {
    get: (type) => byType.get(type),
    list: () => [...all],
    triggers: () => [...triggers],
    triggersFor: (eventKind) => triggers.filter((t) => (t.events as readonly string[]).includes(eventKind)),
  };
}
