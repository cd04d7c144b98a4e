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
