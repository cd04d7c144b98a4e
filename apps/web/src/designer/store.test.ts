import { beforeEach, describe, expect, it } from 'vitest';
import type { JourneyGraphInput } from '@sopline/graph';
import { toFlow, toGraph } from './convert.ts';
import { useDesigner } from './store.ts';

const graph: JourneyGraphInput = {
  settings: { reentry: 'after-exit', goal: { kind: 'purchase' } },
  nodes: [
    { id: 'start', type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait', typeVersion: 1, config: { mode: 'duration', amount: 3, unit: 'days' }, position: { x: 0, y: 140 }, label: '等三天' },
    { id: 'end', type: 'exit', typeVersion: 1, config: {}, position: { x: 0, y: 280 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'wait' },
    { id: 'e2', source: 'wait', sourcePort: 'out', target: 'end' },
  ],
};

const state = () => useDesigner.getState();

describe('graph ⇄ React Flow conversion', () => {
  it('round-trips a journey graph exactly', () => {
    const flow = toFlow(graph);
    expect(flow.nodes[1]).toMatchObject({ id: 'wait', type: 'journey', data: { type: 'wait', label: '等三天', config: { amount: 3 } } });
    expect(flow.edges[0]).toMatchObject({ source: 'start', sourceHandle: 'out', target: 'wait' });
    expect(toGraph(flow.nodes, flow.edges, flow.settings)).toEqual(graph);
  });
});

describe('designer store', () => {
  beforeEach(() => state().load('j1', graph, 3));

  it('adds a node, and undo / redo walk the history', () => {
    const id = state().addNode({ type: 'add-tag', typeVersion: 1, config: { tags: ['vip'] } }, { x: 200, y: 0 });
    expect(state().nodes.map((n) => n.id)).toContain(id);
    expect(state().dirty).toBe(true);
    state().undo();
    expect(state().nodes.map((n) => n.id)).not.toContain(id);
    state().redo();
    expect(state().nodes.map((n) => n.id)).toContain(id);
    expect(state().future).toHaveLength(0);
  });

  it('deleting a node removes its edges, and undo brings both back', () => {
    state().onNodesChange([{ type: 'select', id: 'wait', selected: true }]);
    state().deleteSelection();
    expect(state().nodes.map((n) => n.id)).toEqual(['start', 'end']);
    expect(state().edges).toEqual([]);
    state().undo();
    expect(state().edges.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('a port leads to one next step: connecting it again replaces the old edge', () => {
    state().onConnect({ source: 'start', sourceHandle: 'out', target: 'end', targetHandle: null });
    const fromStart = state().edges.filter((e) => e.source === 'start');
    expect(fromStart).toHaveLength(1);
    expect(fromStart[0]!.target).toBe('end');
  });

  it('pastes a copy with new ids, keeping the edges between copied nodes', () => {
    state().onNodesChange([
      { type: 'select', id: 'wait', selected: true },
      { type: 'select', id: 'end', selected: true },
    ]);
    state().copySelection();
    state().paste();
    const nodes = state().nodes;
    expect(nodes).toHaveLength(5);
    const copies = nodes.slice(3);
    expect(copies.map((n) => n.id)).not.toContain('wait');
    expect(copies[0]!.position).toEqual({ x: 40, y: 180 });
    expect(copies[0]!.data).toEqual(nodes[1]!.data);
    expect(copies[0]!.data).not.toBe(nodes[1]!.data);
    const copiedEdge = state().edges.at(-1)!;
    expect([copiedEdge.source, copiedEdge.target]).toEqual([copies[0]!.id, copies[1]!.id]);
  });

  it('inserting onto an edge splices the node in between', () => {
    const id = state().insertOnEdge('e2', { type: 'add-tag', typeVersion: 1, config: { tags: ['x'] } }, 'out')!;
    const g = state().graph();
    expect(g.edges.map((e) => [e.source, e.target])).toEqual([
      ['start', 'wait'],
      ['wait', id],
      [id, 'end'],
    ]);
  });

  it('a read-only canvas refuses edits', () => {
    state().load('j1', graph, 3, { readOnly: true });
    state().updateNode('wait', { label: 'changed' });
    state().onConnect({ source: 'start', sourceHandle: 'out', target: 'end', targetHandle: null });
    expect(state().graph()).toEqual(graph);
  });

  it('a simulated path is display state: no undo step, not dirty, cleared by a new load', () => {
    state().setSimulatedPath(['start', 'wait']);
    expect(state().simulatedPath).toEqual(['start', 'wait']);
    expect(state().past).toHaveLength(0);
    expect(state().dirty).toBe(false);
    state().load('j1', graph, 3);
    expect(state().simulatedPath).toBeNull();
  });
});
