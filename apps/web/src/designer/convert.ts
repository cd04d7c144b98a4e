import type { JourneyGraph, JourneyGraphInput, JourneySettings } from '@sopline/graph';
import type { Edge, Node } from '@xyflow/react';

/** What a canvas node carries: only the journey's serialisable config, never callbacks. */
export type JourneyNodeData = { type: string; typeVersion: number; config: Record<string, unknown>; label?: string };
export type DesignerNode = Node<JourneyNodeData, 'journey'>;
export type DesignerEdge = Edge;

export const DEFAULT_SETTINGS: JourneySettings = { reentry: 'never', goal: null };

/** Journey graph → React Flow nodes and edges (an edge's sourceHandle is the node's port id). */
export function toFlow(graph: JourneyGraphInput | JourneyGraph): { nodes: DesignerNode[]; edges: DesignerEdge[]; settings: JourneySettings } {
  const nodes: DesignerNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'journey',
    position: { x: n.position?.x ?? 0, y: n.position?.y ?? 0 },
    data: { type: n.type, typeVersion: n.typeVersion ?? 1, config: { ...(n.config ?? {}) }, ...(n.label ? { label: n.label } : {}) },
  }));
  const edges: DesignerEdge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourcePort ?? 'out', target: e.target }));
  return { nodes, edges, settings: { ...DEFAULT_SETTINGS, ...graph.settings } as JourneySettings };
}

/** React Flow state → journey graph, exactly as the API stores it. */
export function toGraph(nodes: DesignerNode[], edges: DesignerEdge[], settings: JourneySettings): JourneyGraphInput {
  return {
    settings,
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      typeVersion: n.data.typeVersion,
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.label ? { label: n.data.label } : {}),
    })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourceHandle ?? 'out', target: e.target })),
  };
}

/** Ids are generated, never a module counter: two editors (or a paste) never collide. */
export function newNodeId(): string {
  return `n-${crypto.randomUUID().slice(0, 8)}`;
}

export function newEdgeId(): string {
  return `e-${crypto.randomUUID().slice(0, 8)}`;
}
