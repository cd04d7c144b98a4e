import type { XYPosition } from '@xyflow/react';

/** A node's size before React Flow has measured it (the node component is this wide). */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 84;
/** Vertical room between a node and the next step: enough for the exit labels under a branch. */
export const LAYER_GAP = 72;
export const SIBLING_GAP = 40;

export type Box = { id: string; position: XYPosition; width?: number; height?: number };
export type Rect = { x: number; y: number; width: number; height: number };
type Link = { source: string; target: string };

const w = (b: Box) => b.width ?? NODE_WIDTH;
const h = (b: Box) => b.height ?? NODE_HEIGHT;

function overlaps(a: Rect, b: Rect, margin = 8): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

export function boundsOf(boxes: readonly Box[]): Rect | null {
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((b) => b.position.x));
  const y = Math.min(...boxes.map((b) => b.position.y));
  const right = Math.max(...boxes.map((b) => b.position.x + w(b)));
  const bottom = Math.max(...boxes.map((b) => b.position.y + h(b)));
  return { x, y, width: right - x, height: bottom - y };
}

/** Moves `position` right until a new node there overlaps none of `others`. */
export function freeSpot(position: XYPosition, others: readonly Box[], step = NODE_WIDTH + SIBLING_GAP): XYPosition {
  let p = position;
  for (let i = 0; i < 100; i++) {
    const rect = { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT };
    if (!others.some((o) => overlaps(rect, { x: o.position.x, y: o.position.y, width: w(o), height: h(o) }))) return p;
    p = { x: p.x + step, y: p.y };
  }
  return p;
}

/** Where a step added after `parent`'s exit number `portIndex` (of `portCount`) goes: below it, under that exit. */
export function placeAfter(parent: Box, portIndex: number, portCount: number, others: readonly Box[]): XYPosition {
  const centre = parent.position.x + w(parent) / 2 + (portIndex - (portCount - 1) / 2) * (NODE_WIDTH + SIBLING_GAP);
  return freeSpot({ x: centre - NODE_WIDTH / 2, y: parent.position.y + h(parent) + LAYER_GAP }, others.filter((o) => o.id !== parent.id));
}

/**
 * A node dropped onto the edge source → target: it goes where it was dropped (lined up with the target
 * when dropped near its column), and when the target is below the source, the target and everything
 * reachable from it move down to make room. Returns the new node's position and the moved nodes.
 */
export function placeOnEdge(args: { nodes: readonly Box[]; edges: readonly Link[]; sourceId: string; targetId: string; drop: XYPosition }): {
  position: XYPosition;
  moved: Record<string, XYPosition>;
} {
  const byId = new Map(args.nodes.map((n) => [n.id, n]));
  const source = byId.get(args.sourceId);
  const target = byId.get(args.targetId);
  let position = { x: args.drop.x - NODE_WIDTH / 2, y: args.drop.y - NODE_HEIGHT / 2 };
  if (!source || !target || source.position.y + h(source) > target.position.y) return { position, moved: {} };

  const targetCentre = target.position.x + w(target) / 2;
  if (Math.abs(args.drop.x - targetCentre) < NODE_WIDTH / 2) position = { ...position, x: targetCentre - NODE_WIDTH / 2 };
  position = { ...position, y: Math.max(position.y, source.position.y + h(source) + LAYER_GAP / 2) };

  const shift = position.y + NODE_HEIGHT + LAYER_GAP / 2 - target.position.y;
  if (shift <= 0) return { position, moved: {} };
  const downstream = new Set<string>([args.targetId]);
  const queue = [args.targetId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of args.edges) {
      // A loop back to the source must not drag the source (or what precedes it) along.
      if (e.source === id && e.target !== args.sourceId && !downstream.has(e.target)) {
        downstream.add(e.target);
        queue.push(e.target);
      }
    }
  }
  const moved: Record<string, XYPosition> = {};
  for (const id of downstream) {
    const n = byId.get(id);
    if (n && n.position.y >= source.position.y + h(source)) moved[id] = { x: n.position.x, y: n.position.y + shift };
  }
  return { position, moved };
}

/**
 * How far to move pasted nodes: by `nudge` (a little down-right of the copies; 0 after a cut, back in
 * place) when the copied spot is in view, else into the middle of the view, so a paste is always seen.
 */
export function pasteOffset(copied: Rect, view: Rect, nudge = 40): XYPosition {
  const visible = overlaps(copied, view, 0);
  if (visible) return { x: nudge, y: nudge };
  return {
    x: Math.round(view.x + view.width / 2 - (copied.x + copied.width / 2)),
    y: Math.round(view.y + view.height / 2 - (copied.y + copied.height / 2)),
  };
}
