import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeCatalog, NodeTypeInfo, PortSpec } from './catalog.ts';
import type { Problem } from './problems.ts';
import type { JourneyGraphInput } from './schema.ts';
import { text } from './text.ts';
import { validateGraph } from './validate.ts';

// A small catalog made for these tests: the graph package must not depend on the real registry.
// Labels unlike the ids, so a message that names an exit by its id shows up.
const port = (id: string): PortSpec => ({ id, label: text(`${id} 出口`, `the ${id} exit`) });
const types: Record<string, NodeTypeInfo> = {
  start: { type: 'start', version: 1, category: 'trigger', config: z.object({}), ports: () => [port('out')] },
  pause: {
    type: 'pause',
    version: 1,
    category: 'wait',
    config: z.object({ days: z.number().int().min(1).max(30).default(1), fallback: z.boolean().default(false) }),
    // A port that exists only with some configs, like the real wait's "missing".
    ports: (c) => ((c as { fallback: boolean }).fallback ? [port('out'), port('missing')] : [port('out')]),
  },
  check: { type: 'check', version: 2, category: 'condition', config: z.object({ tag: z.string().min(1).default('vip') }), ports: () => [port('yes'), port('no')] },
  say: {
    type: 'say',
    version: 1,
    category: 'action',
    config: z.object({ words: z.string().default('hi') }),
    ports: () => [port('out')],
    validate: (c) => {
      const words = (c as { words: string }).words;
      if (words === 'boom') throw new Error('a buggy plugin');
      return words.includes('!') ? [{ code: 'say.shouting', path: ['words'], message: text('请勿大喊', 'Do not shout') }] : [];
    },
  },
  end: { type: 'end', version: 1, category: 'exit', config: z.object({}), ports: () => [] },
};
const catalog: NodeCatalog = { get: (type) => types[type] };

type N = [id: string, type: string, config?: Record<string, unknown>];
type E = [source: string, port: string, target: string, id?: string];
function graph(nodes: N[], edges: E[]): JourneyGraphInput {
  return {
    nodes: nodes.map(([id, type, config]) => ({ id, type, config: config ?? {} })),
    edges: edges.map(([source, sourcePort, target, id]) => ({ id: id ?? `${source}.${sourcePort}`, source, sourcePort, target })),
  };
}

/** start → check; yes → pause → end; no → end2 */
const BASE_NODES: N[] = [['start', 'start'], ['check', 'check'], ['pause', 'pause'], ['end', 'end'], ['end2', 'end']];
const BASE_EDGES: E[] = [['start', 'out', 'check'], ['check', 'yes', 'pause'], ['pause', 'out', 'end'], ['check', 'no', 'end2']];

function problems(input: unknown): Problem[] {
  const result = validateGraph(input, catalog);
  expect(result.ok).toBe(!result.problems.some((p) => p.severity === 'error'));
  for (const p of result.problems) {
    expect(p.message['zh-CN']).not.toBe('');
    expect(p.message.en).not.toBe('');
  }
  return result.problems;
}
const codes = (input: unknown) => problems(input).map((p) => p.code);
const find = (input: unknown, code: string) => problems(input).filter((p) => p.code === code);

describe('validateGraph: a correct journey', () => {
  it('is ok, with no problems and defaults filled in', () => {
    const result = validateGraph(graph(BASE_NODES, BASE_EDGES), catalog);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.graph?.settings).toEqual({ reentry: 'never', goal: null });
    expect(result.graph?.nodes[0]).toMatchObject({ typeVersion: 1, position: { x: 0, y: 0 } });
  });

  it('allows a loop that passes through a wait', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES.filter(([s]) => s !== 'pause'), ['pause', 'out', 'check']]);
    expect(codes(g)).toEqual(['node.unreachable']); // only "end" is now cut off
  });
});

describe('validateGraph: the document', () => {
  it('graph.invalid: not a graph at all, with a path to the fault', () => {
    for (const input of [null, 42, 'graph', [], { nodes: 'many' }]) expect(codes(input)).toContain('graph.invalid');
    const bad = find({ nodes: [{ id: 'has space', type: 'start' }], edges: [] }, 'graph.invalid');
    expect(bad[0]?.path).toEqual(['nodes', 0, 'id']);
    expect(validateGraph(null, catalog)).toMatchObject({ ok: false, graph: null });
  });

  it('graph.too-many-nodes and graph.too-many-edges', () => {
    const nodes = Array.from({ length: 501 }, (_, i) => ({ id: `n${i}`, type: 'say' }));
    expect(find({ nodes, edges: [] }, 'graph.too-many-nodes')[0]?.path).toEqual(['nodes']);
    const edges = Array.from({ length: 2001 }, (_, i) => ({ id: `e${i}`, source: 'a', target: 'b' }));
    expect(codes({ nodes: [], edges })).toEqual(['graph.too-many-edges']);
  });
});

describe('validateGraph: nodes', () => {
  it('node.duplicate-id', () => {
    const p = find(graph([...BASE_NODES, ['end', 'end']], BASE_EDGES), 'node.duplicate-id');
    expect(p.map((x) => x.nodeId)).toEqual(['end']);
  });

  it('node.unknown-type names the type', () => {
    const p = find(graph([...BASE_NODES, ['x', 'webhook']], BASE_EDGES), 'node.unknown-type');
    expect(p).toHaveLength(1);
    expect(p[0]!.nodeId).toBe('x');
    expect(p[0]!.message.en).toContain('"webhook"');
  });

  it('node.unsupported-version: newer than installed is refused, older is fine', () => {
    const g = graph(BASE_NODES, BASE_EDGES);
    g.nodes[1]!.typeVersion = 3;
    expect(find(g, 'node.unsupported-version').map((x) => x.nodeId)).toEqual(['check']);
    g.nodes[1]!.typeVersion = 1;
    expect(codes(g)).toEqual([]);
  });

  it('node.invalid-config points at the field', () => {
    const nodes = BASE_NODES.map(([id, type]): N => (id === 'pause' ? [id, type, { days: 99 }] : [id, type]));
    const p = find(graph(nodes, BASE_EDGES), 'node.invalid-config');
    expect(p.map((x) => [x.nodeId, x.path])).toEqual([['pause', ['days']]]);
  });

  it('passes on a node type’s own problems, and survives a validator that throws', () => {
    const shout = graph([...BASE_NODES, ['say', 'say', { words: 'hi!' }]], [...BASE_EDGES.filter(([s]) => s !== 'pause'), ['pause', 'out', 'say'], ['say', 'out', 'end']]);
    expect(find(shout, 'say.shouting').map((x) => [x.nodeId, x.path, x.severity])).toEqual([['say', ['words'], 'error']]);
    const boom = structuredClone(shout);
    boom.nodes[5]!.config = { words: 'boom' };
    expect(codes(boom)).toEqual([]);
  });

  it('node.unreachable', () => {
    const g = graph([...BASE_NODES, ['island', 'say'], ['end3', 'end']], [...BASE_EDGES, ['island', 'out', 'end3']]);
    expect(find(g, 'node.unreachable').map((x) => x.nodeId).sort()).toEqual(['end3', 'island']);
  });
});

describe('validateGraph: connections', () => {
  it('edge.duplicate-id', () => {
    const g = graph(BASE_NODES, BASE_EDGES.map(([s, p, t]): E => [s, p, t, s === 'pause' ? 'same' : s === 'start' ? 'same' : undefined]));
    expect(find(g, 'edge.duplicate-id').map((x) => x.edgeId)).toEqual(['same']);
  });

  it('edge.unknown-source and edge.unknown-target', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES, ['ghost', 'out', 'end', 'e-from'], ['check', 'yes', 'nowhere', 'e-to']]);
    expect(find(g, 'edge.unknown-source').map((x) => x.edgeId)).toEqual(['e-from']);
    expect(find(g, 'edge.unknown-target').map((x) => x.edgeId)).toEqual(['e-to']);
  });

  it('edge.self', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES.filter(([s]) => s !== 'pause'), ['pause', 'out', 'pause']]);
    expect(find(g, 'edge.self').map((x) => x.nodeId)).toEqual(['pause']);
  });

  it('edge.unknown-port, including a port the node only has with another config', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES, ['check', 'maybe', 'end', 'e1'], ['pause', 'missing', 'end2', 'e2']]);
    expect(find(g, 'edge.unknown-port').map((x) => x.edgeId)).toEqual(['e1', 'e2']);
    const withFallback = graph(BASE_NODES.map(([id, type]): N => (id === 'pause' ? [id, type, { fallback: true }] : [id, type])), [...BASE_EDGES, ['pause', 'missing', 'end2']]);
    expect(codes(withFallback)).toEqual([]);
  });

  it('port.unwired: every exit of a node leads somewhere', () => {
    const g = graph(BASE_NODES, BASE_EDGES.filter(([s, p]) => !(s === 'check' && p === 'no')));
    const p = find(g, 'port.unwired');
    expect(p.map((x) => [x.nodeId, x.path])).toEqual([['check', ['ports', 'no']]]);
    // Named by its label, as the operator sees it on the canvas, in each language.
    expect(p[0]!.message).toEqual({ 'zh-CN': '出口「no 出口」未连接：请连到下一步或「结束」节点', en: 'Exit "the no exit" is not connected: connect it to a next step or to an Exit node' });
    const fallback = graph(BASE_NODES.map(([id, type]): N => (id === 'pause' ? [id, type, { fallback: true }] : [id, type])), BASE_EDGES);
    expect(find(fallback, 'port.unwired').map((x) => x.path)).toEqual([['ports', 'missing']]);
  });

  it('port.many-edges: one exit, one next step', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES, ['check', 'no', 'end', 'extra']]);
    expect(find(g, 'port.many-edges').map((x) => [x.nodeId, x.path])).toEqual([['check', ['ports', 'no']]]);
  });
});

describe('validateGraph: the trigger and loops', () => {
  it('graph.no-trigger', () => {
    const g = graph(BASE_NODES.filter(([id]) => id !== 'start'), BASE_EDGES.filter(([s]) => s !== 'start'));
    expect(codes(g)).toEqual(['graph.no-trigger']);
  });

  it('graph.many-triggers, reported on each trigger', () => {
    const g = graph([...BASE_NODES, ['start2', 'start']], [...BASE_EDGES, ['start2', 'out', 'end']]);
    expect(find(g, 'graph.many-triggers').map((x) => x.nodeId)).toEqual(['start', 'start2']);
  });

  it('trigger.has-input', () => {
    const g = graph(BASE_NODES, [...BASE_EDGES.filter(([s]) => s !== 'pause'), ['pause', 'out', 'start']]);
    expect(find(g, 'trigger.has-input').map((x) => x.nodeId)).toEqual(['start']);
  });

  it('graph.loop-without-wait marks every node on the loop', () => {
    const nodes: N[] = [['start', 'start'], ['check', 'check'], ['a', 'say'], ['b', 'say'], ['end', 'end']];
    const edges: E[] = [['start', 'out', 'check'], ['check', 'yes', 'a'], ['a', 'out', 'b'], ['b', 'out', 'check'], ['check', 'no', 'end']];
    expect(find(graph(nodes, edges), 'graph.loop-without-wait').map((x) => x.nodeId).sort()).toEqual(['a', 'b', 'check']);
  });
});
