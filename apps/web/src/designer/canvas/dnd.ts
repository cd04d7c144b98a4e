/** Palette → canvas drag and drop, and finding the connection under the pointer. */
export const PALETTE_MIME = 'application/reactflow';

/**
 * The node type being dragged from the palette. `dataTransfer.getData` is unreadable until the drop,
 * but the canvas wants the type while hovering, to highlight only the connections it can be inserted on.
 */
let draggedType: string | null = null;
export const paletteDrag = {
  start(type: string) {
    draggedType = type;
  },
  end() {
    draggedType = null;
  },
  get type() {
    return draggedType;
  },
};

/** The connection under a screen point, unless a node or a canvas panel lies on top of it. */
export function edgeUnderPointer(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el.closest('.react-flow__node, .react-flow__panel')) return null;
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
  }
  return null;
}

/** Marks (or clears, with null) the connection a drop would land on. Imperative: no canvas re-render. */
export function markDropTarget(root: HTMLElement | null, edgeId: string | null): void {
  if (!root) return;
  for (const el of root.querySelectorAll('.sopline-drop-target')) el.classList.remove('sopline-drop-target');
  if (edgeId) root.querySelector(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"]`)?.classList.add('sopline-drop-target');
}
