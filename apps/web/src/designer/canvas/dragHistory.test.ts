import { beforeEach, describe, expect, it } from 'vitest';
import type { JourneyGraphInput } from '@sopline/graph';
import { useDesigner } from '../store.ts';
import { createNodesChangeWithDragHistory } from './dragHistory.ts';

const graph: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'a', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
    { id: 'b', type: 'exit', config: {}, position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'e', source: 'a', sourcePort: 'out', target: 'b' }],
};
const pos = (id: string) => useDesigner.getState().nodes.find((n) => n.id === id)!.position;

describe('dragging nodes and undo', () => {
  beforeEach(() => useDesigner.getState().load('j', graph, 1));

  it('one undo puts dragged nodes back where the drag started, and redo moves them again', () => {
    const onNodesChange = createNodesChangeWithDragHistory();
    for (let i = 1; i <= 5; i++) {
      onNodesChange([
        { type: 'position', id: 'a', position: { x: i * 10, y: 0 }, dragging: true },
        { type: 'position', id: 'b', position: { x: i * 10, y: 200 }, dragging: true },
      ]);
    }
    onNodesChange([
      { type: 'position', id: 'a', position: { x: 60, y: 0 }, dragging: false },
      { type: 'position', id: 'b', position: { x: 60, y: 200 }, dragging: false },
    ]);
    expect(pos('a')).toEqual({ x: 60, y: 0 });
    expect(useDesigner.getState().past).toHaveLength(1);

    useDesigner.getState().undo();
    expect(pos('a')).toEqual({ x: 0, y: 0 });
    expect(pos('b')).toEqual({ x: 0, y: 200 });
    useDesigner.getState().redo();
    expect(pos('b')).toEqual({ x: 60, y: 200 });
  });

  it('passes other changes through untouched', () => {
    const onNodesChange = createNodesChangeWithDragHistory();
    onNodesChange([{ type: 'select', id: 'b', selected: true }]);
    expect(useDesigner.getState().nodes.find((n) => n.id === 'b')!.selected).toBe(true);
    expect(useDesigner.getState().past).toHaveLength(0);
  });
});
