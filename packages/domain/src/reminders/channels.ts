import type { AnyChannelDefinition } from '@sopline/channel-sdk';
import { channelProblems } from '@sopline/channel-sdk';
import { importPlugin } from '@sopline/registry';

/** The notification channels installed: built-ins plus channel plugin packages named in configuration. */
export type ChannelRegistry = {
  get(id: string): AnyChannelDefinition | undefined;
  list(): AnyChannelDefinition[];
};

export function createChannelRegistry(defs: readonly AnyChannelDefinition[]): ChannelRegistry {
  const byId = new Map<string, AnyChannelDefinition>();
  for (const def of defs) {
    if (byId.has(def.id)) throw new Error(`Channel "${def.id}" is defined twice`);
    byId.set(def.id, def);
  }
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}

/**
 * `builtins` plus each plugin package (its default export: a channel definition or an array of
 * them), imported by name from `resolveFrom` (the current directory by default). Any failure stops
 * start-up with a message naming the package.
 */
export async function loadChannelRegistry(options: { builtins: readonly AnyChannelDefinition[]; plugins?: readonly string[]; resolveFrom?: string }): Promise<ChannelRegistry> {
  const defs = [...options.builtins];
  const owner = new Map<string, string>(defs.map((d) => [d.id, 'a built-in channel']));
  for (const name of options.plugins ?? []) {
    const mod = await importPlugin(name, options.resolveFrom ?? process.cwd(), 'Channel plugin');
    const exported = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
    const list: unknown[] = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || list.length === 0) throw new Error(`Channel plugin "${name}" must default-export a channel definition (defineChannel) or an array of them`);
    for (const def of list) {
      const problems = channelProblems(def);
      if (problems.length > 0) throw new Error(`Channel plugin "${name}" does not export a valid channel definition: ${problems.join('; ')}`);
      const channel = def as AnyChannelDefinition;
      const taken = owner.get(channel.id);
      if (taken) throw new Error(`Channel plugin "${name}" defines channel "${channel.id}", which ${taken} already defines`);
      owner.set(channel.id, `plugin "${name}"`);
      defs.push(channel);
    }
  }
  return createChannelRegistry(defs);
}

