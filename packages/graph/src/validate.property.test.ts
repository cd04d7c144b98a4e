import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeCatalog, NodeTypeInfo, PortSpec } from './catalog.ts';
import type { JourneyGraphInput } from './schema.ts';
import { text } from './text.ts';
import { validateGraph } from './validate.ts';

// The same kind of small catalog as validate.test.ts: a trigger, a wait, a two-port condition, an exit.
const port = (id: string): PortSpec => ({ id, label: text(id, id) });
const types: Record<string, NodeTypeInfo> = {
  start: { type: 'start', version: 1, category: 'trigger', config: z.object({}), ports: () => [port('out')] },
  pause: { type: 'pause', version: 1, category: 'wait', config: z.object({ days: z.number().int().min(1).max(30).default(1) }), ports: () => [port('out')] },
  check: { type: 'check', version: 1, category: 'condition', config: z.object({ tag: z.string().min(1).default('vip') }), ports: () => [port('yes'), port('no')] },
  end: { type: 'end', version: 1, category: 'exit', config: z.object({}), ports: () => [] },
};
const catalog: NodeCatalog = { get: (type) => types[type] };
const PORTS: Record<string, string[]> = { start: ['out'], pause: ['out'], check: ['yes', 'no'], end: [] };

function expectWellFormed(input: unknown) {
  const result = validateGraph(input, catalog);
  expect(result.ok).toBe(!result.problems.some((p) => p.severity === 'error'));
  if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(p.code).toMatch(/^[a-z]+\.[a-z-]+$/);
    expect(typeof p.message['zh-CN']).toBe('string');
    expect(typeof p.message.en).toBe('string');
    expect(p.message['zh-CN'].length).toBeGreaterThan(0);
    expect(p.message.en.length).toBeGreaterThan(0);
  }
}

/** Objects shaped roughly like graphs: known and unknown types, ids from a small pool so edges connect. */
const id = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.string({ maxLength: 70 }), fc.anything());
const graphish = fc.record(
  {
    nodes: fc.array(
      fc.record(
        {
          id,
          type: fc.oneof(fc.constantFrom('start', 'pause', 'check', 'end', 'nope'), fc.anything()),
          typeVersion: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.anything()),
          config: fc.oneof(fc.record({ days: fc.oneof(fc.integer(), fc.anything()), tag: fc.string() }, { requiredKeys: [] }), fc.anything()),
          position: fc.oneof(fc.record({ x: fc.double(), y: fc.double() }), fc.anything()),
          label: fc.string({ maxLength: 130 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 12 },
    ),
    edges: fc.array(
      fc.record({ id, source: id, sourcePort: fc.oneof(fc.constantFrom('out', 'yes', 'no', 'Bad Port'), fc.anything()), target: id }, { requiredKeys: [] }),
      { maxLength: 16 },
    ),
    settings: fc.anything(),
  },
  { requiredKeys: [] },
);

/**
 * A valid journey: a trigger, then a random tree of waits and conditions hung on open ports, then every
 * remaining port wired to an exit (new or shared), to a later node (a DAG edge) or — from a wait only — to
 * any node, which may close a loop. Tree and DAG edges point to later nodes, so every loop has a wait.
 */
const validGraph = fc.record({ size: fc.integer({ min: 0, max: 25 }), picks: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 64, maxLength: 64 }) }).map(({ size, picks }) => {
  let k = 0;
  const pick = (n: number) => picks[k++ % picks.length]! % n;
  const nodes: Array<{ id: string; type: string; config: Record<string, unknown>; position: { x: number; y: number } }> = [];
  const edges: Array<{ id: string; source: string; sourcePort: string; target: string }> = [];
  const add = (type: string, config: Record<string, unknown> = {}) => {
    nodes.push({ id: `n${nodes.length}`, type, config, position: { x: pick(800), y: nodes.length * 100 } });
    return nodes.length - 1;
  };
  const wire = (from: number, port: string, to: number) => edges.push({ id: `e${edges.length}`, source: `n${from}`, sourcePort: port, target: `n${to}` });

  const open: Array<{ node: number; port: string }> = [{ node: add('start'), port: 'out' }];
  for (let i = 0; i < size; i += 1) {
    const slot = open.splice(pick(open.length), 1)[0]!;
    const type = pick(2) === 0 ? 'pause' : 'check';
    const node = add(type, type === 'pause' ? { days: 1 + pick(30) } : { tag: `t${pick(5)}` });
    wire(slot.node, slot.port, node);
    for (const p of PORTS[type]!) open.push({ node, port: p });
  }
  const exits: number[] = [];
  for (const slot of open) {
    const choice = pick(4);
    const later = Array.from({ length: size }, (_, i) => i + 1).filter((i) => i > slot.node);
    if (choice === 0 && nodes[slot.node]!.type === 'pause' && size > 1) {
      const others = Array.from({ length: size }, (_, i) => i + 1).filter((i) => i !== slot.node);
      wire(slot.node, slot.port, others[pick(others.length)]!);
    } else if (choice === 1 && later.length > 0) {
      wire(slot.node, slot.port, later[pick(later.length)]!);
    } else if (choice === 2 && exits.length > 0) {
      wire(slot.node, slot.port, exits[pick(exits.length)]!);
    } else {
      const exit = add('end');
      exits.push(exit);
      wire(slot.node, slot.port, exit);
    }
  }
  // Order in the document must not matter.
  const shuffle = <T>(list: T[]) => list.map((v) => ({ v, r: pick(1000) })).sort((a, b) => a.r - b.r).map(({ v }) => v);
  return { nodes: shuffle(nodes), edges: shuffle(edges) } satisfies JourneyGraphInput;
});

describe('validateGraph properties', () => {
  it('never throws on anything at all', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true }), expectWellFormed), { numRuns: 300 });
  });

  it('never throws on graph-shaped nonsense, and speaks both languages', () => {
    fc.assert(fc.property(graphish, expectWellFormed), { numRuns: 500 });
  });

  it('accepts every generated valid journey', () => {
    fc.assert(
      fc.property(validGraph, (graph) => {
        const result = validateGraph(graph, catalog);
        expect(result.problems).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a generated journey with any one connection removed', () => {
    fc.assert(
      fc.property(validGraph, fc.nat(), (graph, n) => {
        const edges = graph.edges.filter((_, i) => i !== n % graph.edges.length);
        const result = validateGraph({ ...graph, edges }, catalog);
        expect(result.ok).toBe(false);
        expect(result.problems.map((p) => p.code)).toContain('port.unwired');
      }),
      { numRuns: 200 },
    );
  });
});
