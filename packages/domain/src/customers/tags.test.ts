import { describe, expect, it } from 'vitest';
import { graphMentions } from './tags.ts';

describe('graphMentions', () => {
  const graph = {
    nodes: [
      { id: 'start', type: 'trigger-tag-added', config: { tags: ['vip', 'new'] }, label: 'dormant' },
      { id: 'wait', type: 'wait-for-event', config: { event: { kind: 'tag.added', tag: 'replied' } } },
    ],
    edges: [],
    settings: { reentry: 'never', goal: { kind: 'tag.added', tag: 'converted' } },
  };

  it('finds a tag in node configs at any depth and in the goal', () => {
    for (const name of ['vip', 'new', 'replied', 'converted']) expect(graphMentions(graph, name)).toBe(true);
  });

  it('ignores labels, ids, other values and malformed graphs', () => {
    for (const name of ['dormant', 'start', 'wait', 'vi', 'tag.added2']) expect(graphMentions(graph, name)).toBe(false);
    expect(graphMentions(null, 'vip')).toBe(false);
    expect(graphMentions({ nodes: 'x' }, 'vip')).toBe(false);
  });
});
