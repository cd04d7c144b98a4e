import { validateGraph } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, retailLifecycleExample } from './index.ts';

describe('the retail lifecycle example', () => {
  it('is a valid journey built from the real node types', () => {
    const result = validateGraph(retailLifecycleExample, defaultRegistry);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('runs top to bottom on the canvas', () => {
    const y = new Map(retailLifecycleExample.nodes.map((n) => [n.id, n.position?.y ?? 0]));
    for (const edge of retailLifecycleExample.edges) expect(y.get(edge.target)!).toBeGreaterThan(y.get(edge.source)!);
  });

  it('reports a misspelled script variable on its node', () => {
    const graph = structuredClone(retailLifecycleExample);
    graph.nodes.find((n) => n.id === 'welcome')!.config = { script: '{{customer.nmae}}您好，欢迎加入！' };
    const result = validateGraph(graph, defaultRegistry);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.nodeId, p.path])).toEqual([['script.unknown-variable', 'welcome', ['script']]]);
    expect(result.problems[0]!.message['zh-CN']).toContain('customer.nmae');
  });

  it('catches a branch left unwired', () => {
    const graph = structuredClone(retailLifecycleExample);
    graph.edges = graph.edges.filter((e) => e.id !== 'wait-purchase.timeout');
    const result = validateGraph(graph, defaultRegistry);
    expect(result.problems.map((p) => p.code)).toContain('port.unwired');
    expect(result.problems.map((p) => p.code)).toContain('node.unreachable');
  });
});
