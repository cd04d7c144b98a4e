import type { NodeCatalog } from '@sopline/graph';
import type { AnyNodeDefinition, TriggerDefinition } from '@sopline/node-sdk';
import { isTrigger } from '@sopline/node-sdk';
import type { z } from 'zod';
import type { NodeTypeDescription, NodeTypeSource } from './describe.ts';
import { tablerSvg } from './tabler.ts';
import { describeNodeType } from './describe.ts';

/** The installed node types: a `NodeCatalog` for the validator, plus what the engine and designer list. */
export interface Registry extends NodeCatalog {
  get(type: string): AnyNodeDefinition | undefined;
  /** Every node type, in registration order. */
  list(): AnyNodeDefinition[];
  triggers(): Array<TriggerDefinition<z.ZodType>>;
  /** Triggers that listen to this event kind (their `matches` still decides per event). */
  triggersFor(eventKind: string): Array<TriggerDefinition<z.ZodType>>;
  /** Built in, or which plugin package brought it. */
  sourceOf(type: string): NodeTypeSource | undefined;
}

/** Which node types came from plugins: type → the plugin's name as configured. */
export type PluginOrigins = ReadonlyMap<string, string>;

export function createRegistry(defs: readonly AnyNodeDefinition[], plugins: PluginOrigins = new Map()): Registry {
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
    sourceOf: (type) => {
      if (!byType.has(type)) return undefined;
      const plugin = plugins.get(type);
      return plugin === undefined ? { kind: 'builtin' } : { kind: 'plugin', name: plugin };
    },
  };
}

const described = new WeakMap<object, NodeTypeDescription[]>();

/**
 * Every installed node type as JSON for the designer (tRPC `nodeTypes.list`), in registration order.
 * Computed once per registry: the installed types do not change while a process runs.
 */
export function describeNodeTypes(registry: { list(): readonly AnyNodeDefinition[]; sourceOf?(type: string): NodeTypeSource | undefined }): NodeTypeDescription[] {
  let list = described.get(registry);
  if (!list) {
    list = registry.list().map((def) => {
      const d = describeNodeType(def, registry.sourceOf?.(def.type) ?? { kind: 'builtin' });
      const svg = d.icon.kind === 'tabler' ? tablerSvg(d.icon.name) : null;
      return svg && d.icon.kind === 'tabler' ? { ...d, icon: { ...d.icon, svg } } : d;
    });
    described.set(registry, list);
  }
  return list;
}
