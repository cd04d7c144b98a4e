import type { JourneyGraphInput } from '@sopline/graph';
import { defaultRegistry } from '@sopline/registry/browser';
import { describe, expect, it } from 'vitest';
import { diffGraphs } from './diff.ts';

const v1: JourneyGraphInput = {
  settings: { reentry: 'never', goal: null },
  nodes: [
    { id: 'start', type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait', typeVersion: 1, config: { mode: 'duration', amount: 3, unit: 'days' }, position: { x: 0, y: 140 } },
    { id: 'hello', type: 'send-script', typeVersion: 1, config: { script: '您好' }, position: { x: 0, y: 280 }, label: '欢迎语' },
    { id: 'end', type: 'exit', typeVersion: 1, config: {}, position: { x: 0, y: 420 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'wait' },
    { id: 'e2', source: 'wait', sourcePort: 'out', target: 'hello' },
    { id: 'e3', source: 'hello', sourcePort: 'out', target: 'end' },
  ],
};

const normalize = (type: string, config: Record<string, unknown>) => {
  const parsed = defaultRegistry.get(type)?.config.safeParse(config);
  return parsed?.success ? (parsed.data as Record<string, unknown>) : config;
};

describe('version diff', () => {
  it('finds nothing when only positions moved', () => {
    const moved = { ...v1, nodes: v1.nodes.map((n) => ({ ...n, position: { x: 99, y: 99 } })) };
    expect(diffGraphs(v1, moved)).toMatchObject({ added: [], removed: [], changed: [], same: true });
  });

  it('lists added, removed and changed nodes', () => {
    const draft: JourneyGraphInput = {
      ...v1,
      nodes: [
        ...v1.nodes.filter((n) => n.id !== 'end').map((n) => (n.id === 'wait' ? { ...n, config: { mode: 'duration', amount: 5, unit: 'days' } } : n.id === 'hello' ? { ...n, label: '欢迎' } : n)),
        { id: 'tag', type: 'add-tag', typeVersion: 1, config: { tags: ['新客'] }, label: '打标' },
        { id: 'done', type: 'exit', typeVersion: 1, config: {} },
      ],
      edges: [v1.edges[0]!, v1.edges[1]!, { id: 'e4', source: 'hello', sourcePort: 'out', target: 'tag' }, { id: 'e5', source: 'tag', target: 'done' }],
    };
    const d = diffGraphs(v1, draft, normalize);
    expect(d.added).toEqual([{ id: 'tag', type: 'add-tag', label: '打标' }, { id: 'done', type: 'exit' }]);
    expect(d.removed).toEqual([{ id: 'end', type: 'exit' }]);
    expect(d.changed).toEqual([
      { id: 'wait', type: 'wait', changes: ['config'], configKeys: ['amount'] },
      { id: 'hello', type: 'send-script', label: '欢迎', changes: ['label', 'connections'], configKeys: [] },
    ]);
    expect(d.edges).toEqual({ added: 2, removed: 1 });
    expect(d.same).toBe(false);
  });

  it('does not report a config that only differs by defaults the published version filled in', () => {
    const published = { ...v1, nodes: v1.nodes.map((n) => ({ ...n, config: normalize(n.type, n.config ?? {}) })) };
    expect(diffGraphs(published, v1, normalize).same).toBe(true);
    expect(diffGraphs(published, v1).changed.map((c) => c.id)).toEqual(['hello', 'end']);
  });

  it('notices a changed type and changed journey settings', () => {
    const draft = { ...v1, settings: { reentry: 'after-exit' as const, goal: { kind: 'purchase' as const } }, nodes: v1.nodes.map((n) => (n.id === 'wait' ? { ...n, type: 'wait-for-event', config: {} } : n)) };
    const d = diffGraphs(v1, draft, normalize);
    expect(d.changed).toEqual([{ id: 'wait', type: 'wait-for-event', changes: ['type'], configKeys: [] }]);
    expect(d.settingsChanged).toBe(true);
  });
});
