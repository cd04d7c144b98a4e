import type { AnyNodeDefinition } from '@sopline/node-sdk';
import { describe, expect, it } from 'vitest';
import { builtinNodes, createRegistry, defaultRegistry } from './index.ts';

const types = (defs: readonly AnyNodeDefinition[]) => defs.map((d) => d.type);

describe('createRegistry', () => {
  it('finds every built-in by type and lists them in order', () => {
    expect(types(defaultRegistry.list())).toEqual(types(builtinNodes));
    expect(defaultRegistry.list()).toHaveLength(15);
    for (const def of builtinNodes) expect(defaultRegistry.get(def.type)).toBe(def);
    expect(defaultRegistry.get('nope')).toBeUndefined();
  });

  it('lists the triggers and which ones listen to an event kind', () => {
    expect(types(defaultRegistry.triggers())).toEqual(['trigger-customer-created', 'trigger-tag-added', 'trigger-purchase', 'trigger-stage-changed', 'trigger-contact-lost', 'trigger-manual']);
    expect(types(defaultRegistry.triggersFor('purchase'))).toEqual(['trigger-purchase']);
    expect(types(defaultRegistry.triggersFor('tag.added'))).toEqual(['trigger-tag-added']);
    expect(types(defaultRegistry.triggersFor('contact.lost'))).toEqual(['trigger-contact-lost']);
    expect(defaultRegistry.triggersFor('reply.logged')).toEqual([]);
    expect(defaultRegistry.triggersFor('nonsense')).toEqual([]);
  });

  it('refuses two node types with the same name', () => {
    const wait = defaultRegistry.get('wait')!;
    expect(() => createRegistry([wait, { ...wait }])).toThrow(/"wait" is registered twice/);
  });

  it('hands out copies, so callers cannot change the registry', () => {
    defaultRegistry.list().pop();
    defaultRegistry.triggers().pop();
    expect(defaultRegistry.list()).toHaveLength(15);
    expect(defaultRegistry.triggers()).toHaveLength(6);
  });
});
