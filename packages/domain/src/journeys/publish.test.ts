import { repos } from '@sopline/db';
import { JourneyGraph } from '@sopline/graph';
import type { JourneyGraphInput } from '@sopline/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createFixture, line } from '../testing.ts';
import type { Fixture } from '../testing.ts';
import { hashGraph, publishJourney } from './publish.ts';

const valid = line([
  ['start', 'trigger-manual'],
  ['hello', 'send-script', { script: '{{customer.name}} 您好' }],
  ['wait', 'wait', {}],
  ['end', 'exit'],
]);

/** Reverses the key order of every object, recursively (arrays keep their order). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('publishJourney', () => {
  let f: Fixture;
  let journeyId: string;
  beforeEach(async () => {
    f = await createFixture();
    journeyId = (await repos(f.db).journeys.create({ workspaceId: f.workspace.id, name: 'Welcome', graph: valid })).id;
  });
  afterEach(async () => {
    await f.close();
  });

  const publish = (graph?: unknown) => publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId, graph, notes: 'first', userId: f.rep.id });

  it('refuses an invalid graph with problems pointing at node ids, and writes nothing', async () => {
    const invalid: JourneyGraphInput = {
      nodes: [
        { id: 'start', type: 'trigger-manual' },
        { id: 'hello', type: 'send-script', config: { script: '   ' } },
        { id: 'mystery', type: 'no-such-node' },
        { id: 'stray', type: 'exit' },
      ],
      edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' }],
    };
    const error = await publish(invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const problems = (error as DomainError).problems;
    expect((error as DomainError).code).toBe('journey.invalid');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    const byNode = (id: string) => problems.filter((p) => p.nodeId === id).map((p) => p.code);
    expect(byNode('hello')).toContain('node.invalid-config');
    expect(byNode('mystery')).toContain('node.unknown-type');
    expect(byNode('stray')).toContain('node.unreachable');
    expect((error as DomainError).text['zh-CN']).toMatch(/旅程/);

    expect(await repos(f.db).versions.list(journeyId)).toEqual([]);
    expect(await repos(f.db).journeys.get(f.workspace.id, journeyId)).toMatchObject({ status: 'draft', live_version_id: null });
  });

  it('refuses a loop without a wait, pointing at the nodes of the loop', async () => {
    const loop = line([
      ['start', 'trigger-manual'],
      ['a', 'add-tag', { tags: ['x'] }],
      ['b', 'remove-tag', { tags: ['x'] }],
    ]);
    loop.edges.push({ id: 'back', source: 'b', sourcePort: 'out', target: 'a' });
    const error = (await publish(loop).catch((e: unknown) => e)) as DomainError;
    expect(error.code).toBe('journey.invalid');
    expect(error.problems.filter((p) => p.code === 'graph.loop-without-wait').map((p) => p.nodeId).sort()).toEqual(['a', 'b']);
    expect(await repos(f.db).versions.list(journeyId)).toEqual([]);
  });

  it('publishes the draft with each node config parsed by its schema (defaults filled in)', async () => {
    const version = await publish();
    expect(version).toMatchObject({ version: 1, journey_id: journeyId, trigger_type: 'trigger-manual', notes: 'first', published_by: f.rep.id });
    const stored = JourneyGraph.parse((await repos(f.db).versions.get(version.id))?.graph);
    const config = (id: string) => stored.nodes.find((n) => n.id === id)?.config;
    expect(config('hello')).toEqual({ title: '发送话术', script: '{{customer.name}} 您好', due: { afterMinutes: 0 }, priority: 'normal' });
    expect(config('wait')).toEqual({ mode: 'duration', amount: 1, unit: 'days' });
    expect(config('end')).toEqual({ reason: 'completed' });
    expect(stored.settings).toEqual({ reentry: 'never', goal: null });
    expect(version.graph_hash).toBe(hashGraph(stored));
    expect(await repos(f.db).journeys.get(f.workspace.id, journeyId)).toMatchObject({ status: 'live', live_version_id: version.id });
  });

  it('numbers versions 1, 2, … and points the journey at the newest', async () => {
    const v1 = await publish();
    const changed = line([
      ['start', 'trigger-manual'],
      ['hello', 'send-script', { script: '{{customer.name}} 早上好', priority: 'high' }],
      ['end', 'exit'],
    ]);
    const v2 = await publish(changed);
    const v3 = await publish();
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(new Set([v1.id, v2.id, v3.id]).size).toBe(3);
    expect(v2.graph_hash).not.toBe(v1.graph_hash);
    expect(v3.graph_hash).toBe(v1.graph_hash); // the draft again
    expect((await repos(f.db).journeys.get(f.workspace.id, journeyId))?.live_version_id).toBe(v3.id);
    expect((await repos(f.db).versions.list(journeyId)).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('refuses an unknown journey', async () => {
    await expect(publishJourney(f.deps, { workspaceId: f.workspace.id, journeyId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('hashGraph', () => {
  const g = JourneyGraph.parse(valid);

  it('is the same for the same graph with keys in a different order', () => {
    const shuffled = reversedKeys(g) as JourneyGraph;
    expect(shuffled).toEqual(g);
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(g));
    expect(hashGraph(shuffled)).toBe(hashGraph(g));
    // Keys set to undefined are the same as absent keys.
    const withUndefined = { ...g, nodes: g.nodes.map((n) => ({ ...n, label: undefined })) };
    expect(hashGraph(withUndefined)).toBe(hashGraph(g));
  });

  it('differs when a config, an edge or a setting changes', () => {
    const base = hashGraph(g);
    const withConfig = structuredClone(g);
    withConfig.nodes[1]!.config = { ...withConfig.nodes[1]!.config, script: '{{customer.name}} 你好' };
    const withEdge = structuredClone(g);
    withEdge.edges[2]!.target = 'wait';
    const withSetting = structuredClone(g);
    withSetting.settings.reentry = 'always';
    const hashes = [base, hashGraph(withConfig), hashGraph(withEdge), hashGraph(withSetting)];
    expect(new Set(hashes).size).toBe(4);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
