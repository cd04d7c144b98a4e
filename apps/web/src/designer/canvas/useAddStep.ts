import type { XYPosition } from '@xyflow/react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionOf, langOf } from '../catalog.ts';
import type { DesignerEdge, DesignerNode } from '../convert.ts';
import { newEdgeId } from '../convert.ts';
import { useDesigner } from '../store.ts';
import { newNodeData } from './defaults.ts';
import { describeNode } from './nodeView.ts';
import { freeSpot, NODE_HEIGHT, NODE_WIDTH, placeAfter } from './placement.ts';
import { boxOf, contains, viewRect } from './viewport.ts';

/** The first exit of `node` with nothing connected yet. */
function freeExit(node: DesignerNode, edges: readonly DesignerEdge[], lang: 'zh-CN' | 'en') {
  const ports = describeNode(definitionOf(node.data.type), node.data, lang).ports;
  const used = new Set(edges.filter((e) => e.source === node.id).map((e) => e.sourceHandle ?? 'out'));
  const index = ports.findIndex((p) => !used.has(p.id));
  return index < 0 ? null : { id: ports[index]!.id, index, count: ports.length };
}

/** Scrolls the canvas just enough to show a node placed at `position` (keeping the zoom). */
export function useRevealPosition() {
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const rf = useStoreApi<DesignerNode, DesignerEdge>();
  return useCallback(
    (position: XYPosition) => {
      const rect = { ...position, width: NODE_WIDTH, height: NODE_HEIGHT };
      if (!contains(viewRect(rf.getState()), rect)) void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + NODE_HEIGHT / 2, { zoom: flow.getZoom(), duration: 300 });
    },
    [flow, rf],
  );
}

/**
 * Adds a node of `type` from the palette without the mouse: after the selected node when exactly one
 * is selected and it has a free exit (connected to it), else in the middle of the view. The new node
 * is selected, so pressing Enter again on the palette builds a chain.
 */
export function useAddStep() {
  const rf = useStoreApi<DesignerNode, DesignerEdge>();
  const reveal = useRevealPosition();
  const { i18n } = useTranslation();
  return useCallback(
    (type: string): string | null => {
      const state = useDesigner.getState();
      const lang = langOf(i18n.language);
      const data = newNodeData(type, lang);
      if (state.readOnly || !data) return null;
      const boxes = state.nodes.map(boxOf);
      const selected = state.nodes.filter((n) => n.selected);
      const parent = selected.length === 1 && definitionOf(type)?.category !== 'trigger' ? selected[0] : undefined;
      const exit = parent ? freeExit(parent, state.edges, lang) : null;
      let position: XYPosition;
      let id: string;
      if (parent && exit) {
        position = placeAfter(boxOf(parent), exit.index, exit.count, boxes);
        id = state.addNode(data, position);
        // The connection joins the history entry addNode just recorded: one undo removes both.
        // (The store has no "add and connect" action; onConnect would record a second entry.)
        useDesigner.setState((s) => ({ edges: [...s.edges, { id: newEdgeId(), source: parent.id, sourceHandle: exit.id, target: id }] }));
      } else {
        const view = viewRect(rf.getState());
        position = freeSpot({ x: view.x + view.width / 2 - NODE_WIDTH / 2, y: view.y + view.height / 2 - NODE_HEIGHT / 2 }, boxes);
        id = state.addNode(data, position);
      }
      reveal(position);
      return id;
    },
    [rf, reveal, i18n],
  );
}
