import type { Lang } from '@sopline/graph';
import type { AnyNodeDefinition } from '@sopline/node-sdk';
import { defaultRegistry } from '@sopline/registry/browser';

/** The node types the designer offers, read from the registry (the same definitions the engine runs). */
export const catalog = defaultRegistry;

export function definitionOf(type: string): AnyNodeDefinition | undefined {
  return catalog.get(type);
}

export function langOf(language: string): Lang {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}
