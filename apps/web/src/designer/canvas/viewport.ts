import type { ReactFlowState } from '@xyflow/react';
import type { DesignerNode } from '../convert.ts';
import type { Box, Rect } from './placement.ts';

/** The visible part of the canvas, in flow coordinates. */
export function viewRect(s: Pick<ReactFlowState, 'width' | 'height' | 'transform'>): Rect {
  const [tx, ty, zoom] = s.transform;
  return { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom };
}

export function boxOf(n: DesignerNode): Box {
  return { id: n.id, position: n.position, ...(n.measured?.width ? { width: n.measured.width } : {}), ...(n.measured?.height ? { height: n.measured.height } : {}) };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * How far to move a node (on screen) so it lies inside `view` with `margin` to spare and under none
 * of `covers` (the minimap, the toolbar: whatever floats over the canvas). All in screen pixels; the
 * same shift pans the viewport to reveal a selected node, or moves a dropped node into sight.
 */
export function revealShift(node: Rect, view: Rect, covers: readonly Rect[], margin = 16): { dx: number; dy: number } {
  const fit = (start: number, size: number, viewStart: number, viewSize: number) => {
    if (size + 2 * margin >= viewSize || start < viewStart + margin) return viewStart + margin - start;
    if (start + size > viewStart + viewSize - margin) return viewStart + viewSize - margin - (start + size);
    return 0;
  };
  let dx = fit(node.x, node.width, view.x, view.width);
  let dy = fit(node.y, node.height, view.y, view.height);
  const inView = (r: Rect) => r.x >= view.x && r.y >= view.y && r.x + r.width <= view.x + view.width && r.y + r.height <= view.y + view.height;
  for (const cover of covers) {
    const moved = { ...node, x: node.x + dx, y: node.y + dy };
    if (!overlap(moved, cover)) continue;
    // Step aside the shortest way that stays in view: left or right of the cover, above or below it.
    const options = [
      { dx: cover.x - margin - (moved.x + moved.width), dy: 0 },
      { dx: cover.x + cover.width + margin - moved.x, dy: 0 },
      { dx: 0, dy: cover.y - margin - (moved.y + moved.height) },
      { dx: 0, dy: cover.y + cover.height + margin - moved.y },
    ]
      .filter((o) => inView({ ...moved, x: moved.x + o.dx, y: moved.y + o.dy }))
      .sort((a, b) => Math.abs(a.dx) + Math.abs(a.dy) - (Math.abs(b.dx) + Math.abs(b.dy)));
    const best = options[0];
    if (best) {
      dx += best.dx;
      dy += best.dy;
    }
  }
  return { dx, dy };
}

/** The rects of the panels floating over the canvas (toolbar, minimap, zoom buttons), relative to `root`. */
export function canvasCovers(root: HTMLElement | null): Rect[] {
  if (!root) return [];
  const origin = root.getBoundingClientRect();
  return [...root.querySelectorAll('.react-flow__panel')].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
  });
}
