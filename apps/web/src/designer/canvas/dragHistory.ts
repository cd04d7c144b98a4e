import type { NodeChange, XYPosition } from '@xyflow/react';
import { useState } from 'react';
import type { DesignerNode } from '../convert.ts';
import { useDesigner } from '../store.ts';

/**
 * The store's onNodesChange, made to undo whole drags. The store records its undo snapshot when a
 * drag ends, and by then the dragged nodes already stand near their new place; so for that one
 * change we first put them back where the drag started (a plain, unrecorded position change) and the
 * snapshot holds the real starting point. React batches both updates into one render.
 */
export function createNodesChangeWithDragHistory(store: typeof useDesigner = useDesigner) {
  const started = new Map<string, XYPosition>();
  return (changes: NodeChange<DesignerNode>[]) => {
    const { nodes, onNodesChange } = store.getState();
    let byId: Map<string, DesignerNode> | null = null;
    const restore: NodeChange<DesignerNode>[] = [];
    for (const c of changes) {
      if (c.type !== 'position') continue;
      if (c.dragging && !started.has(c.id)) {
        byId ??= new Map(nodes.map((n) => [n.id, n]));
        const node = byId.get(c.id);
        if (node) started.set(c.id, node.position);
      } else if (c.dragging === false) {
        const from = started.get(c.id);
        started.delete(c.id);
        if (from) restore.push({ type: 'position', id: c.id, position: from });
      }
    }
    if (restore.length > 0) onNodesChange(restore);
    onNodesChange(changes);
  };
}

export function useNodesChangeWithDragHistory() {
  return useState(() => createNodesChangeWithDragHistory())[0];
}
