import type { Lang } from '@sopline/graph';
import type { AnyNodeManifest } from '@sopline/node-sdk';
import { defaultCatalog } from '@sopline/registry/browser';

/** The node types the designer offers: their manifests (the engine runs the executors built on them). */
export const catalog = defaultCatalog;

export function definitionOf(type: string): AnyNodeManifest | undefined {
  return catalog.get(type);
}

export function langOf(language: string): Lang {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}
