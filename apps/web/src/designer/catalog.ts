import type { AnyNodeManifest } from '@sopline/node-sdk';
import type { NodeTypeDescription } from '@sopline/registry/browser';
import { defaultCatalog } from '@sopline/registry/browser';
import { useSyncExternalStore } from 'react';
import { manifestOf } from './runtimeManifest.ts';

/**
 * The node types the designer offers: the built-ins' manifests bundled with the app, plus those the
 * server has installed from plugins, learnt at run time from `nodeTypes.list` (adoptNodeTypes). The
 * engine runs the executors built on the same manifests.
 */
let installed: readonly AnyNodeManifest[] = defaultCatalog.list();
const byType = new Map(installed.map((m) => [m.type, m]));
const listeners = new Set<() => void>();

export function adoptNodeTypes(described: readonly NodeTypeDescription[]): void {
  const fresh = described.filter((d) => !byType.has(d.type));
  if (fresh.length === 0) return;
  for (const d of fresh) byType.set(d.type, manifestOf(d));
  installed = [...byType.values()];
  for (const listener of listeners) listener();
}

export const catalog = {
  get: (type: string): AnyNodeManifest | undefined => byType.get(type),
  list: (): readonly AnyNodeManifest[] => installed,
};

/** Every node type, re-rendering when the server's plugins arrive. */
export function useCatalogList(): readonly AnyNodeManifest[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => installed,
  );
}

export function definitionOf(type: string): AnyNodeManifest | undefined {
  return byType.get(type);
}

export { langOf } from '../i18n/lang.ts';
