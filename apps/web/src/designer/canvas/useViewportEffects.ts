import type { ReactFlowInstance } from '@xyflow/react';
import { useNodesInitialized, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { definitionOf } from '../catalog.ts';
import type { DesignerEdge, DesignerNode } from '../convert.ts';
import { useDesigner } from '../store.ts';
import { boundsOf, NODE_HEIGHT, NODE_WIDTH } from './placement.ts';
import { selectChanges } from './selection.ts';
import { boxOf, canvasCovers, revealShift } from './viewport.ts';

/**
 * Node text is 13 px: below this zoom it is too small to read, so a journey that only fits smaller
 * opens at OPEN_ZOOM from its start instead of whole.
 */
export const MIN_FIT_ZOOM = 0.6;
const OPEN_ZOOM = 0.85;

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
  if (Math.min(width / (bounds.width * 1.3), height / (bounds.height * 1.3)) >= MIN_FIT_ZOOM) return void flow.fitView({ padding: 0.15, maxZoom: 1, minZoom: MIN_FIT_ZOOM, duration });
  const top = nodes.find((n) => definitionOf(n.data.type)?.category === 'trigger') ?? nodes.reduce((a, b) => (b.position.y < a.position.y ? b : a));
  const box = boxOf(top);
  // Centre the journey when its width fits at this zoom, else its trigger; either way the trigger sits at the top (below the toolbar).
  const centreX = bounds.width * OPEN_ZOOM <= width * 0.9 ? bounds.x + bounds.width / 2 : box.position.x + (box.width ?? NODE_WIDTH) / 2;
  void flow.setViewport({ x: width / 2 - centreX * OPEN_ZOOM, y: 72 - box.position.y * OPEN_ZOOM, zoom: OPEN_ZOOM }, { duration });
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

/**
 * When the canvas changes width (a side panel opens, collapses or is resized) the view keeps its
 * centre, so the journey does not slide under the minimap; and the one selected node is kept in
 * sight and out from under the minimap and toolbar, when selected and when the canvas narrows.
 */
export function useKeepSelectionVisible(root: React.RefObject<HTMLElement | null>, minimapShown: boolean) {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const rf = useStoreApi<DesignerNode, DesignerEdge>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const selectedId = useDesigner((s) => {
    let id: string | null = null;
    for (const n of s.nodes) {
      if (!n.selected) continue;
      if (id) return null;
      id = n.id;
    }
    return id;
  });
  const lastWidth = useRef(0);
  /** Width gained since the view last kept its centre (several changes can come before one frame). */
  const pending = useRef(0);
  useEffect(() => {
    if (width === 0 || height === 0) return;
    pending.current += lastWidth.current === 0 ? 0 : width - lastWidth.current;
    lastWidth.current = width;
    if (!selectedId && pending.current === 0) return;
    // After the frame that drew the new layout (the minimap may just have appeared or gone).
    const frame = requestAnimationFrame(() => {
      const widened = pending.current;
      pending.current = 0;
      const [x0, ty, zoom] = rf.getState().transform;
      const tx = x0 + widened / 2;
      let dx = 0;
      let dy = 0;
      const node = selectedId ? useDesigner.getState().nodes.find((n) => n.id === selectedId) : undefined;
      if (node) {
        const box = boxOf(node);
        const screen = { x: box.position.x * zoom + tx, y: box.position.y * zoom + ty, width: (box.width ?? NODE_WIDTH) * zoom, height: (box.height ?? NODE_HEIGHT) * zoom };
        ({ dx, dy } = revealShift(screen, { x: 0, y: 0, width, height }, canvasCovers(root.current)));
      }
      if (Math.abs(tx + dx - x0) < 1 && Math.abs(dy) < 1) return;
      void flow.setViewport({ x: tx + dx, y: ty + dy, zoom }, { duration: widened === 0 ? 250 : 0 });
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedId, width, height, minimapShown, flow, rf, root]);
}

/**
 * A simulation's path is fitted into the part of the canvas no drawer covers (elements marked
 * `data-covers-canvas`), so the drawer that shows the steps never hides the nodes it highlights.
 */
export function useShowSimulatedPath(root: React.RefObject<HTMLElement | null>) {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const path = useDesigner((s) => s.simulatedPath);
  useEffect(() => {
    if (!path || path.length === 0 || !root.current) return;
    // After the drawer has finished sliding in, so its edge is where it stays.
    const timer = setTimeout(() => {
      const canvas = root.current?.getBoundingClientRect();
      if (!canvas) return;
      let right = 0;
      for (const el of document.querySelectorAll('[data-covers-canvas]')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.left < canvas.right && r.right > canvas.left) right = Math.max(right, canvas.right - r.left);
      }
      const ids = new Set(path);
      const bounds = boundsOf(useDesigner.getState().nodes.filter((n) => ids.has(n.id)).map(boxOf));
      if (!bounds) return;
      // The room left of the drawer, below the toolbar.
      const room = { x: 48, y: 72, width: canvas.width - right - 96, height: canvas.height - 120 };
      if (room.width <= 0 || room.height <= 0) return;
      const zoom = Math.min(1, room.width / bounds.width, room.height / bounds.height);
      const x = room.x + (room.width - bounds.width * zoom) / 2 - bounds.x * zoom;
      const y = room.y + (room.height - bounds.height * zoom) / 2 - bounds.y * zoom;
      void flow.setViewport({ x, y, zoom }, { duration: 300 });
    }, 250);
    return () => clearTimeout(timer);
  }, [path, flow, root]);
}
