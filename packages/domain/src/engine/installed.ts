import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import type { NodeRegistry } from '../ports.ts';

export type MissingNodeTypes = { workspace: string; journeyId: string; journey: string; versionId: string; types: string[] };

/**
 * Live journeys whose version uses a node type this process has not installed: their customers will
 * fail at that node (and wait for a retry) until the plugin is installed. Checked at start-up so the
 * operator hears it before the first customer does.
 */
export async function missingNodeTypes(deps: { db: Db; registry: NodeRegistry }): Promise<MissingNodeTypes[]> {
  const found: MissingNodeTypes[] = [];
  for (const v of await repos(deps.db).versions.allLive()) {
    const nodes = (v.graph as { nodes?: Array<{ type?: unknown }> }).nodes ?? [];
    const types = [...new Set(nodes.map((n) => String(n.type)).filter((t) => deps.registry.get(t) === undefined))].sort();
    if (types.length > 0) found.push({ workspace: v.workspace_name, journeyId: v.journey_id, journey: v.journey_name, versionId: v.id, types });
  }
  return found;
}

/** One line per journey, for the logs: names the journey, its workspace and what to install. */
export function describeMissing(m: MissingNodeTypes): string {
  return `journey "${m.journey}" (workspace "${m.workspace}") is live with node type${m.types.length > 1 ? 's' : ''} ${m.types.map((t) => `"${t}"`).join(', ')} that this process has not installed: its customers fail at ${m.types.length > 1 ? 'those nodes' : 'that node'} until the plugin is installed (SOPLINE_PLUGINS) and they are retried`;
}
