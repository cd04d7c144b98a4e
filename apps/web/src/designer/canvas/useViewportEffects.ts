import type { ReactFlowInstance } from '@xyflow/react';
import { useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { definitionOf } from '../catalog.ts';
import type { DesignerEdge, DesignerNode } from '../convert.ts';
import { useDesigner } from '../store.ts';
import { boundsOf, NODE_HEIGHT, NODE_WIDTH } from './placement.ts';
import { selectChanges } from './selection.ts';
import { boxOf } from './viewport.ts';

/** Below this zoom node text is unreadable: a journey that only fits smaller opens at OPEN_ZOOM instead. */
const MIN_FIT_ZOOM = 0.45;
const OPEN_ZOOM = 0.8;

/** Problems list (or anyone calling `requestFocus`) → canvas: centre on the node and select it. */
export function useFocusRequests() {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const focus = useDesigner((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const s = useDesigner.getState();
    const node = s.nodes.find((n) => n.id === focus.nodeId);
    if (!node) return;
    const box = boxOf(node);
    void flow.setCenter(box.position.x + (box.width ?? NODE_WIDTH) / 2, box.position.y + (box.height ?? NODE_HEIGHT) / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 400 });
    if (!node.selected || s.nodes.some((n) => n.selected && n.id !== node.id)) {
      s.onNodesChange([...selectChanges(s.nodes.filter((n) => n.selected && n.id !== node.id).map((n) => n.id), false), ...selectChanges([node.id], true)]);
    }
  }, [focus, flow]);
}

/**
 * Shows the whole journey when it fits legibly; otherwise a readable zoom with the trigger at the top,
 * where the journey starts (a 300-node journey fitted whole is a grey smear).
 */
export function showJourney(flow: ReactFlowInstance<DesignerNode, DesignerEdge>, viewport: { width: number; height: number }, nodes: readonly DesignerNode[], duration = 0): void {
  const bounds = boundsOf(nodes.map(boxOf));
  if (!bounds) return;
  const { width, height } = viewport;
  if (Math.min(width / (bounds.width * 1.3), height / (bounds.height * 1.3)) >= MIN_FIT_ZOOM) return void flow.fitView({ padding: 0.15, maxZoom: 1, duration });
  const top = nodes.find((n) => definitionOf(n.data.type)?.category === 'trigger') ?? nodes.reduce((a, b) => (b.position.y < a.position.y ? b : a));
  const box = boxOf(top);
  void flow.setViewport({ x: width / 2 - (box.position.x + (box.width ?? NODE_WIDTH) / 2) * OPEN_ZOOM, y: 48 - box.position.y * OPEN_ZOOM, zoom: OPEN_ZOOM }, { duration });
}

/** Open each journey (and each read-only version) with `showJourney`, once its nodes are measured. */
export function useOpenFitted() {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const rf = useStoreApi<DesignerNode, DesignerEdge>();
  const initialised = useNodesInitialized();
  const journeyId = useDesigner((s) => s.journeyId);
  const readOnly = useDesigner((s) => s.readOnly);
  const fitted = useRef<string | null>(null);
  const view = `${journeyId}:${readOnly}`;
  useEffect(() => {
    if (!journeyId || fitted.current === view) return;
    const { nodes } = useDesigner.getState();
    if (nodes.length > 0 && !initialised) return;
    fitted.current = view;
    showJourney(flow, rf.getState(), nodes);
  }, [initialised, journeyId, view, flow, rf]);
}
