import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog.ts';
import { matchesQuery, paletteGroups } from './paletteSearch.ts';

const entries = catalog.list();
const types = (query: string) => paletteGroups(entries, query).flatMap((g) => g.items.map((i) => i.type));

describe('palette grouping and search', () => {
  it('groups every node type in category order: triggers, waits, conditions, actions, exit', () => {
    const groups = paletteGroups(entries, '');
    expect(groups.map((g) => g.category)).toEqual(['trigger', 'wait', 'condition', 'action', 'exit']);
    expect(groups.flatMap((g) => g.items)).toHaveLength(entries.length);
    expect(groups[0]!.items.every((i) => i.category === 'trigger')).toBe(true);
  });

  it('matches titles in both languages, descriptions and aliases, ignoring case and width', () => {
    expect(types('等待')).toEqual(expect.arrayContaining(['wait', 'wait-for-event']));
    expect(types('WAIT')).toEqual(expect.arrayContaining(['wait', 'wait-for-event']));
    expect(types('话术')).toContain('send-script');
    expect(types('reminder')).toContain('send-script');
    expect(types('ＶＩＰ')).toEqual(types('vip'));
  });

  it('needs every word, and leaves out groups with no match', () => {
    expect(types('tag remove')).toEqual(['remove-tag']);
    expect(paletteGroups(entries, 'no-such-step-anywhere')).toEqual([]);
  });

  it('puts title matches first within a group', () => {
    const actions = paletteGroups(entries, 'tag').find((g) => g.category === 'action')!.items.map((i) => i.type);
    expect(actions.slice(0, 2)).toEqual(['add-tag', 'remove-tag']);
  });

  it('an empty query matches everything', () => {
    expect(entries.every((e) => matchesQuery(e, '   '))).toBe(true);
  });
});
