import type { NodeChange } from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionOf, langOf } from '../catalog.ts';
import type { DesignerEdge, DesignerNode } from '../convert.ts';
import { useDesigner } from '../store.ts';
import { newNodeData } from './defaults.ts';
import { edgeUnderPointer, markDropTarget, PALETTE_MIME, paletteDrag } from './dnd.ts';
import { describeNode } from './nodeView.ts';
import { NODE_HEIGHT, NODE_WIDTH, placeOnEdge } from './placement.ts';
import { selectChanges } from './selection.ts';
import { boxOf, canvasCovers, revealShift } from './viewport.ts';

/** A new node can go onto a connection when something may connect into it and it has an exit to continue from. */
function insertablePort(type: string, lang: 'zh-CN' | 'en') {
  const data = newNodeData(type, lang);
  const view = data && describeNode(definitionOf(type), data, lang);
  return data && view?.acceptsInput && view.ports[0] ? { data, port: view.ports[0].id } : null;
}

/**
 * Where a node dropped at `position` (flow coordinates) should go so all of it is on the visible
 * canvas and none of it under the toolbar or minimap: a drop near an edge lands just inside it.
 */
function inSight(root: HTMLElement | null, flow: ReturnType<typeof useReactFlow<DesignerNode, DesignerEdge>>, position: { x: number; y: number }) {
  if (!root) return position;
  const origin = root.getBoundingClientRect();
  const zoom = flow.getZoom();
  const at = flow.flowToScreenPosition(position);
  const node = { x: at.x - origin.left, y: at.y - origin.top, width: NODE_WIDTH * zoom, height: NODE_HEIGHT * zoom };
  const { dx, dy } = revealShift(node, { x: 0, y: 0, width: origin.width, height: origin.height }, canvasCovers(root), 8);
  return { x: position.x + dx / zoom, y: position.y + dy / zoom };
}

/**
 * Dropping palette items on the canvas: while dragging, the connection under the pointer is
 * highlighted when the node can be inserted there; on drop the node is inserted on it, or else
 * added where it was dropped.
 */
export function usePaletteDrop(root: React.RefObject<HTMLElement | null>) {
  const { i18n } = useTranslation();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const hoveredEdge = useRef<string | null>(null);

  const onDragOver = useCallback(
    (e: React.DragEvent) => {
      if (useDesigner.getState().readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      const type = paletteDrag.type;
      const edgeId = type && insertablePort(type, langOf(i18n.language)) ? edgeUnderPointer(e.clientX, e.clientY) : null;
      if (edgeId !== hoveredEdge.current) markDropTarget(root.current, (hoveredEdge.current = edgeId));
    },
    [i18n],
  );
  const onDragLeave = useCallback((e: React.DragEvent) => {
    if (root.current?.contains(e.relatedTarget as Node | null)) return;
    markDropTarget(root.current, (hoveredEdge.current = null));
  }, []);
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      e.preventDefault();
      markDropTarget(root.current, (hoveredEdge.current = null));
      const type = e.dataTransfer.getData(PALETTE_MIME);
      paletteDrag.end();
      const state = useDesigner.getState();
      const lang = langOf(i18n.language);
      const data = type ? newNodeData(type, lang) : null;
      if (!data || state.readOnly) return;
      const point = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const edgeId = edgeUnderPointer(e.clientX, e.clientY);
      const edge = edgeId ? state.edges.find((x) => x.id === edgeId) : undefined;
      const insert = edge ? insertablePort(type, lang) : null;
      const id = edge && insert ? state.insertOnEdge(edge.id, insert.data, insert.port) : null;
      if (!edge || !id) {
        state.addNode(data, inSight(root.current, flow, { x: point.x - NODE_WIDTH / 2, y: point.y - NODE_HEIGHT / 2 }));
        return;
      }
      // Place it where it was dropped, make room below, and select it — all within the insert's undo step.
      const placed = placeOnEdge({ nodes: state.nodes.map(boxOf), edges: state.edges, sourceId: edge.source, targetId: edge.target, drop: point });
      const now = useDesigner.getState();
      now.onNodesChange([
        { type: 'position', id, position: placed.position },
        ...Object.entries(placed.moved).map(([nodeId, position]): NodeChange<DesignerNode> => ({ type: 'position', id: nodeId, position })),
        ...selectChanges(now.nodes.filter((n) => n.selected && n.id !== id).map((n) => n.id), false),
        ...selectChanges([id], true),
      ]);
    },
    [flow, i18n],
  );

  return { onDragOver, onDragLeave, onDrop };
}
