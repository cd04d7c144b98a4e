import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { XYPosition } from '@xyflow/react';
import { LAYER_GAP, NODE_HEIGHT, NODE_WIDTH, SIBLING_GAP } from './placement.ts';

export type LayoutNode = { id: string; width?: number; height?: number; ports: readonly string[]; isTrigger?: boolean };
export type LayoutEdge = { id: string; source: string; sourcePort: string; target: string };
export type LayoutGraph = { nodes: readonly LayoutNode[]; edges: readonly LayoutEdge[] };

let engine: Promise<ELK> | null = null;

/**
 * ELK, loaded on first use. In the browser it runs in a Web Worker, so laying out a big journey never
 * freezes the page and its 1.6 MB stay out of the main bundle; without workers (tests) it runs inline.
 * The elkjs files are CommonJS and set `module.exports.default` to themselves, which TypeScript types.
 */
function elk(): Promise<ELK> {
  engine ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then((m) => new m.default.default())
      : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(([api, worker]) => new api.default.default({ workerFactory: () => new Worker(worker.default) }));
  return engine;
}

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
  'elk.spacing.nodeNode': String(SIBLING_GAP),
  'elk.spacing.componentComponent': String(SIBLING_GAP * 2),
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Loops are broken depth-first from the trigger, so a loop's back edge is the one that points up.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
};

/** Nodes in reading order (breadth-first from the triggers, exits in port order), which ELK's tie-breaks follow. */
function flowOrder(graph: LayoutGraph): LayoutNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, LayoutEdge[]>();
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const seen = new Set<string>();
  const order: LayoutNode[] = [];
  const visit = (start: LayoutNode) => {
    const queue = [start];
    seen.add(start.id);
    while (queue.length > 0) {
      const node = queue.shift()!;
      order.push(node);
      const rank = (e: LayoutEdge) => (node.ports.indexOf(e.sourcePort) + node.ports.length + 1) % (node.ports.length + 1);
      for (const e of [...(out.get(node.id) ?? [])].sort((a, b) => rank(a) - rank(b))) {
        const next = byId.get(e.target);
        if (next && !seen.has(next.id)) {
          seen.add(next.id);
          queue.push(next);
        }
      }
    }
  };
  for (const n of graph.nodes) if (n.isTrigger && !seen.has(n.id)) visit(n);
  for (const n of graph.nodes) if (!seen.has(n.id)) visit(n);
  return order;
}

const portId = (node: string, port: string) => `${node}\u0000${port}`;
const inPort = (node: string) => `${node}\u0000\u0000in`;

/**
 * Graph → top-left positions (elkjs "layered", top to bottom). Exits sit where the node draws its
 * handles — spread along the bottom edge in port order — so "yes" lands left of "no"; the trigger
 * is pinned to the first layer.
 */
export async function layoutJourney(graph: LayoutGraph): Promise<Record<string, XYPosition>> {
  const known = new Map(graph.nodes.map((n) => [n.id, n]));
  const children: ElkNode[] = flowOrder(graph).map((n) => {
    const width = n.width ?? NODE_WIDTH;
    const height = n.height ?? NODE_HEIGHT;
    return {
      id: n.id,
      width,
      height,
      layoutOptions: {
        'elk.portConstraints': 'FIXED_POS',
        ...(n.isTrigger ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {}),
      },
      ports: [
        { id: inPort(n.id), x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...n.ports.map((p, i) => ({
          id: portId(n.id, p),
          x: ((i + 1) / (n.ports.length + 1)) * width,
          y: height,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'SOUTH' },
        })),
      ],
    };
  });
  const edges: ElkExtendedEdge[] = graph.edges
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
    .map((e) => ({
      id: e.id,
      sources: [known.get(e.source)!.ports.includes(e.sourcePort) ? portId(e.source, e.sourcePort) : e.source],
      targets: [inPort(e.target)],
    }));
  const result = await (await elk()).layout({ id: 'root', layoutOptions: OPTIONS, children, edges });
  const positions: Record<string, XYPosition> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
