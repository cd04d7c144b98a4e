import type { JourneyGraphInput } from '@sopline/graph';

type GraphNode = JourneyGraphInput['nodes'][number];

export type DiffNode = { id: string; type: string; label?: string };
export type NodeChangeKind = 'label' | 'type' | 'config' | 'connections';
export type ChangedNode = DiffNode & { changes: NodeChangeKind[]; configKeys: string[] };

export type GraphDiff = {
  added: DiffNode[];
  removed: DiffNode[];
  changed: ChangedNode[];
  edges: { added: number; removed: number };
  settingsChanged: boolean;
  /** Nothing but positions differ. */
  same: boolean;
};

/** Fills in a node's config defaults, so `{}` and the same config parsed with defaults compare equal. */
export type NormalizeConfig = (type: string, config: Record<string, unknown>) => Record<string, unknown>;

/** JSON with sorted keys and without undefined: equal values give equal strings. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const describe = (n: GraphNode): DiffNode => ({ id: n.id, type: n.type, ...(n.label ? { label: n.label } : {}) });

/** Each node's outgoing connections as "port→target", for spotting rewired nodes. */
function wiring(graph: JourneyGraphInput): Map<string, string> {
  const byNode = new Map<string, string[]>();
  for (const e of graph.edges) byNode.set(e.source, [...(byNode.get(e.source) ?? []), `${e.sourcePort ?? 'out'}→${e.target}`]);
  return new Map([...byNode].map(([id, list]) => [id, list.sort().join('|')]));
}

const edgeKey = (e: JourneyGraphInput['edges'][number]) => `${e.source}|${e.sourcePort ?? 'out'}|${e.target}`;

/**
 * What changed from `before` (e.g. a published version) to `after` (e.g. the draft): nodes added,
 * removed and changed (name, type, settings, connections). Moving a node is not a change.
 */
export function diffGraphs(before: JourneyGraphInput, after: JourneyGraphInput, normalize: NormalizeConfig = (_t, c) => c): GraphDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const oldWiring = wiring(before);
  const newWiring = wiring(after);

  const added = after.nodes.filter((n) => !old.has(n.id)).map(describe);
  const removed = before.nodes.filter((n) => !now.has(n.id)).map(describe);
  const changed: ChangedNode[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.id);
    if (!o) continue;
    const changes: NodeChangeKind[] = [];
    const configKeys: string[] = [];
    if ((o.label ?? '') !== (n.label ?? '')) changes.push('label');
    if (o.type !== n.type) changes.push('type');
    else {
      const a = normalize(o.type, o.config ?? {});
      const b = normalize(n.type, n.config ?? {});
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        if (canonical(a[key]) !== canonical(b[key])) configKeys.push(key);
      }
      if (configKeys.length > 0) changes.push('config');
    }
    if ((oldWiring.get(n.id) ?? '') !== (newWiring.get(n.id) ?? '')) changes.push('connections');
    if (changes.length > 0) changed.push({ ...describe(n), changes, configKeys });
  }

  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const edges = { added: [...newEdges].filter((k) => !oldEdges.has(k)).length, removed: [...oldEdges].filter((k) => !newEdges.has(k)).length };
  const settingsChanged = canonical(before.settings ?? null) !== canonical(after.settings ?? null);
  const same = added.length === 0 && removed.length === 0 && changed.length === 0 && edges.added === 0 && edges.removed === 0 && !settingsChanged;
  return { added, removed, changed, edges, settingsChanged, same };
}
