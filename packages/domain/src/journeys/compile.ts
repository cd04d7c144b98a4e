import type { JourneyGraph, JourneyNode, JourneySettings } from '@sopline/graph';
import { JourneyGraph as GraphSchema } from '@sopline/graph';
import type { Db } from '@sopline/db';
import { repos } from '@sopline/db';
import { failures } from '../engine/failure.ts';

/** A published version in the shape the engine walks: nodes by id and edges by (node, port). */
export type CompiledJourney = {
  versionId: string;
  journeyId: string;
  workspaceId: string;
  trigger: JourneyNode;
  settings: JourneySettings;
  nodes: readonly JourneyNode[];
  node(id: string): JourneyNode | undefined;
  next(nodeId: string, port: string): JourneyNode | undefined;
  /** The first way out of a node as drawn (what "skip past the node" follows); undefined at a dead end. */
  firstPort(nodeId: string): string | undefined;
};

export function compileGraph(ids: { versionId: string; journeyId: string; workspaceId: string; triggerType: string }, graph: JourneyGraph): CompiledJourney {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map(graph.edges.map((e) => [`${e.source}\u0000${e.sourcePort}`, e.target]));
  const trigger = graph.nodes.find((n) => n.type === ids.triggerType);
  if (!trigger) throw new Error(`version ${ids.versionId} has no ${ids.triggerType} node`);
  return {
    ...ids,
    trigger,
    settings: graph.settings,
    nodes: graph.nodes,
    node: (id) => nodes.get(id),
    next: (nodeId, port) => {
      const target = edges.get(`${nodeId}\u0000${port}`);
      return target === undefined ? undefined : nodes.get(target);
    },
    firstPort: (nodeId) => graph.edges.find((e) => e.source === nodeId)?.sourcePort,
  };
}

// Published versions never change, so a compiled version is valid for the life of the process.
const cache = new Map<string, CompiledJourney>();
const CACHE_LIMIT = 2000;

export async function loadVersion(db: Db, versionId: string): Promise<CompiledJourney> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const row = await repos(db).versions.get(versionId);
  if (!row) throw failures.gone('version', null);
  const compiled = compileGraph({ versionId: row.id, journeyId: row.journey_id, workspaceId: row.workspace_id, triggerType: row.trigger_type }, GraphSchema.parse(row.graph));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(versionId, compiled);
  return compiled;
}

const listening = new Map<string, ReadonlySet<string>>();

/** The event kinds any node of this version may wait for (immutable, so cached per version). */
export function listenedKinds(version: CompiledJourney, registry: { get(type: string): { listensFor?(config: never): string[]; config: { parse(v: unknown): unknown } } | undefined }): ReadonlySet<string> {
  const hit = listening.get(version.versionId);
  if (hit) return hit;
  const kinds = new Set<string>();
  for (const node of version.nodes) {
    const def = registry.get(node.type);
    for (const kind of def?.listensFor?.(def.config.parse(node.config) as never) ?? []) kinds.add(kind);
  }
  if (listening.size >= CACHE_LIMIT) listening.delete(listening.keys().next().value!);
  listening.set(version.versionId, kinds);
  return kinds;
}
