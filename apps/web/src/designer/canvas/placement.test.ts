import { describe, expect, it } from 'vitest';
import { LAYER_GAP, NODE_HEIGHT, NODE_WIDTH, pasteOffset, placeAfter, placeOnEdge } from './placement.ts';

const box = (id: string, x: number, y: number) => ({ id, position: { x, y }, width: NODE_WIDTH, height: NODE_HEIGHT });

describe('placeAfter', () => {
  it('puts a step under its parent, and under the matching exit of a branch', () => {
    const parent = box('p', 0, 0);
    expect(placeAfter(parent, 0, 1, [parent])).toEqual({ x: 0, y: NODE_HEIGHT + LAYER_GAP });
    const yes = placeAfter(parent, 0, 2, [parent]);
    const no = placeAfter(parent, 1, 2, [parent]);
    expect(yes.x).toBeLessThan(0);
    expect(no.x).toBeGreaterThan(0);
  });

  it('moves aside when the spot is taken', () => {
    const parent = box('p', 0, 0);
    const taken = box('t', 0, NODE_HEIGHT + LAYER_GAP);
    expect(placeAfter(parent, 0, 1, [parent, taken]).x).toBeGreaterThanOrEqual(NODE_WIDTH);
  });
});

describe('placeOnEdge', () => {
  const nodes = [box('a', 0, 0), box('b', 0, 150), box('c', 0, 300), box('side', 400, 0)];
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'c', target: 'a' },
  ];

  it('drops the node where it was released, lined up with the target, and pushes what follows down', () => {
    const { position, moved } = placeOnEdge({ nodes, edges, sourceId: 'a', targetId: 'b', drop: { x: 130, y: 120 } });
    expect(position.x).toBe(0);
    expect(position.y).toBeGreaterThanOrEqual(NODE_HEIGHT);
    expect(Object.keys(moved).sort()).toEqual(['b', 'c']);
    expect(moved.b!.y).toBeGreaterThanOrEqual(position.y + NODE_HEIGHT);
    expect(moved.c!.y - moved.b!.y).toBe(150);
  });

  it('moves nothing when there is room, or when the edge loops back up', () => {
    const roomy = [box('a', 0, 0), box('b', 0, 500)];
    expect(placeOnEdge({ nodes: roomy, edges: [{ source: 'a', target: 'b' }], sourceId: 'a', targetId: 'b', drop: { x: 100, y: 250 } }).moved).toEqual({});
    expect(placeOnEdge({ nodes, edges, sourceId: 'c', targetId: 'a', drop: { x: 300, y: 200 } }).moved).toEqual({});
  });
});

describe('pasteOffset', () => {
  it('nudges a paste when the copies are in view, else brings it to the middle of the view', () => {
    const view = { x: 0, y: 0, width: 1000, height: 800 };
    expect(pasteOffset({ x: 100, y: 100, width: 200, height: 100 }, view)).toEqual({ x: 40, y: 40 });
    expect(pasteOffset({ x: 100, y: 100, width: 200, height: 100 }, view, 0)).toEqual({ x: 0, y: 0 });
    expect(pasteOffset({ x: 5000, y: 5000, width: 200, height: 100 }, view)).toEqual({ x: 500 - 5100, y: 400 - 5050 });
  });
});
