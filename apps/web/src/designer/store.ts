import type { JourneySettings, Problem } from '@sopline/graph';
import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import { addEdge, applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { create } from 'zustand';
import type { DesignerEdge, DesignerNode, JourneyNodeData } from './convert.ts';
import { DEFAULT_SETTINGS, newEdgeId, newNodeId, toFlow, toGraph } from './convert.ts';
import type { JourneyGraphInput } from '@sopline/graph';

type Snapshot = { nodes: DesignerNode[]; edges: DesignerEdge[]; settings: JourneySettings };
/** Per node of the version on screen; `failed`: customers a failed step stopped there, waiting for an operator. */
export type NodeCounts = Record<string, { entered: number; waitingNow: number; exited: number; failed: number }>;

const HISTORY_LIMIT = 100;

export type DesignerState = {
  journeyId: string | null;
  /** The draft revision the canvas was loaded from or last saved as (for conflict detection). */
  revision: number;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  settings: JourneySettings;
  /** True when the canvas differs from the last saved draft. */
  dirty: boolean;
  readOnly: boolean;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: { nodes: DesignerNode[]; edges: DesignerEdge[] } | null;
  problems: Problem[];
  counts: NodeCounts | null;
  /** A node the canvas should scroll to and select (set by the problems list, read by the canvas). */
  focus: { nodeId: string; at: number } | null;
  /** Node ids a simulation visited, highlighted on the canvas; null when no simulation is shown. */
  simulatedPath: string[] | null;

  load(journeyId: string, graph: JourneyGraphInput, revision: number, options?: { readOnly?: boolean }): void;
  graph(): JourneyGraphInput;
  markSaved(revision: number): void;
  onNodesChange(changes: NodeChange<DesignerNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  onConnect(connection: Connection): void;
  addNode(data: JourneyNodeData, position: XYPosition): string;
  insertOnEdge(edgeId: string, data: JourneyNodeData, firstPort: string): string | null;
  updateNode(nodeId: string, patch: Partial<Pick<JourneyNodeData, 'config' | 'label'>>): void;
  setSettings(settings: JourneySettings): void;
  setPositions(positions: Record<string, XYPosition>): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(offset?: XYPosition): void;
  undo(): void;
  redo(): void;
  setProblems(problems: Problem[]): void;
  setCounts(counts: NodeCounts | null): void;
  requestFocus(nodeId: string): void;
  setSimulatedPath(path: string[] | null): void;
};

/**
 * The canvas state. Structural edits (add, delete, connect, config, move end, paste, layout) push
 * an undo snapshot; selection and drag-in-progress do not.
 */
export const useDesigner = create<DesignerState>((set, get) => {
  const snapshot = (): Snapshot => ({ nodes: get().nodes, edges: get().edges, settings: get().settings });
  /** Records the current state for undo, then applies `next`. */
  const commit = (next: Partial<Snapshot>) =>
    set((s) => ({ ...next, past: [...s.past, snapshot()].slice(-HISTORY_LIMIT), future: [], dirty: true }));

  return {
    journeyId: null,
    revision: 0,
    nodes: [],
    edges: [],
    settings: DEFAULT_SETTINGS,
    dirty: false,
    readOnly: false,
    past: [],
    future: [],
    clipboard: null,
    problems: [],
    counts: null,
    focus: null,
    simulatedPath: null,

    load(journeyId, graph, revision, options) {
      const flow = toFlow(graph);
      set({ journeyId, revision, ...flow, dirty: false, readOnly: options?.readOnly ?? false, past: [], future: [], problems: [], counts: null, simulatedPath: null });
    },
    graph: () => toGraph(get().nodes, get().edges, get().settings),
    markSaved: (revision) => set({ revision, dirty: false }),

    onNodesChange(changes) {
      if (get().readOnly) changes = changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
      const structural = changes.some((c) => c.type === 'remove' || c.type === 'add' || (c.type === 'position' && c.dragging === false));
      const nodes = applyNodeChanges(changes, get().nodes);
      if (!structural) return set({ nodes });
      const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      commit({ nodes, edges: get().edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) });
    },
    onEdgesChange(changes) {
      if (get().readOnly) changes = changes.filter((c) => c.type === 'select');
      const edges = applyEdgeChanges(changes, get().edges);
      if (changes.some((c) => c.type === 'remove' || c.type === 'add')) commit({ edges });
      else set({ edges });
    },
    onConnect(connection) {
      if (get().readOnly || connection.source === connection.target) return;
      // One next step per exit: a new connection from a port replaces the old one.
      const port = connection.sourceHandle ?? 'out';
      const kept = get().edges.filter((e) => !(e.source === connection.source && (e.sourceHandle ?? 'out') === port));
      commit({ edges: addEdge({ ...connection, sourceHandle: port, id: newEdgeId() }, kept) });
    },
    addNode(data, position) {
      const id = newNodeId();
      commit({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), { id, type: 'journey', position, data, selected: true }] });
      return id;
    },
    insertOnEdge(edgeId, data, firstPort) {
      const edge = get().edges.find((e) => e.id === edgeId);
      if (!edge || get().readOnly) return null;
      const source = get().nodes.find((n) => n.id === edge.source);
      const target = get().nodes.find((n) => n.id === edge.target);
      if (!source || !target) return null;
      const id = newNodeId();
      const position = { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 };
      commit({
        nodes: [...get().nodes, { id, type: 'journey', position, data }],
        edges: [
          ...get().edges.filter((e) => e.id !== edgeId),
          { id: newEdgeId(), source: edge.source, sourceHandle: edge.sourceHandle ?? 'out', target: id },
          { id: newEdgeId(), source: id, sourceHandle: firstPort, target: edge.target },
        ],
      });
      return id;
    },
    updateNode(nodeId, patch) {
      if (get().readOnly) return;
      commit({ nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, ...patch } } : n)) });
    },
    setSettings(settings) {
      if (!get().readOnly) commit({ settings });
    },
    setPositions(positions) {
      if (get().readOnly) return;
      commit({ nodes: get().nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) });
    },
    deleteSelection() {
      if (get().readOnly) return;
      const gone = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
      const edges = get().edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      if (gone.size === 0 && edges.length === get().edges.length) return;
      commit({ nodes: get().nodes.filter((n) => !gone.has(n.id)), edges });
    },
    copySelection() {
      const nodes = get().nodes.filter((n) => n.selected);
      const ids = new Set(nodes.map((n) => n.id));
      set({ clipboard: { nodes, edges: get().edges.filter((e) => ids.has(e.source) && ids.has(e.target)) } });
    },
    paste(offset = { x: 40, y: 40 }) {
      const clip = get().clipboard;
      if (!clip || clip.nodes.length === 0 || get().readOnly) return;
      const ids = new Map(clip.nodes.map((n) => [n.id, newNodeId()]));
      const nodes = clip.nodes.map((n) => ({ ...n, id: ids.get(n.id)!, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, data: structuredClone(n.data), selected: true }));
      const edges = clip.edges.map((e) => ({ ...e, id: newEdgeId(), source: ids.get(e.source)!, target: ids.get(e.target)!, selected: false }));
      commit({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), ...nodes], edges: [...get().edges, ...edges] });
      // A second paste lands further along instead of on top of the first.
      set({ clipboard: { nodes: nodes.map((n) => ({ ...n })), edges } });
    },
    undo() {
      if (get().readOnly) return;
      const { past } = get();
      const previous = past[past.length - 1];
      if (!previous) return;
      set((s) => ({ ...previous, past: past.slice(0, -1), future: [snapshot(), ...s.future], dirty: true }));
    },
    redo() {
      if (get().readOnly) return;
      const [next, ...rest] = get().future;
      if (!next) return;
      set((s) => ({ ...next, past: [...s.past, snapshot()], future: rest, dirty: true }));
    },
    setProblems: (problems) => set({ problems }),
    setCounts: (counts) => set({ counts }),
    setSimulatedPath: (simulatedPath) => set({ simulatedPath }),
    requestFocus: (nodeId) => set((s) => ({ focus: { nodeId, at: Date.now() }, nodes: s.nodes.map((n) => ({ ...n, selected: n.id === nodeId })) })),
  };
});
