import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import branchTag from './index.ts';

async function branch(config: Record<string, unknown>, tags: string[]) {
  const { result, effects } = await runNode(branchTag, config, { customer: { tags } });
  expect(effects).toEqual({ tagsAdded: [], tagsRemoved: [], stage: null, tasks: [] });
  return result;
}

describe('branch-tag', () => {
  it('has any (the default): yes when one of the tags is carried', async () => {
    expect(await branch({ tags: ['VIP', 'KOC'] }, ['KOC', 'new'])).toEqual({ next: 'yes' });
    expect(await branch({ tags: ['VIP', 'KOC'] }, ['new'])).toEqual({ next: 'no' });
  });

  it('has all: yes only when every tag is carried', async () => {
    expect(await branch({ tags: ['VIP', 'KOC'], match: 'all' }, ['KOC', 'VIP'])).toEqual({ next: 'yes' });
    expect(await branch({ tags: ['VIP', 'KOC'], match: 'all' }, ['KOC'])).toEqual({ next: 'no' });
  });

  it('lacks any: yes when at least one tag is missing', async () => {
    expect(await branch({ tags: ['VIP', 'KOC'], mode: 'lacks' }, ['VIP'])).toEqual({ next: 'yes' });
    expect(await branch({ tags: ['VIP', 'KOC'], mode: 'lacks' }, ['VIP', 'KOC'])).toEqual({ next: 'no' });
  });

  it('lacks all: yes only when none of the tags is carried', async () => {
    expect(await branch({ tags: ['VIP', 'KOC'], mode: 'lacks', match: 'all' }, ['new'])).toEqual({ next: 'yes' });
    expect(await branch({ tags: ['VIP', 'KOC'], mode: 'lacks', match: 'all' }, ['KOC'])).toEqual({ next: 'no' });
  });

  it('compares trimmed tags', async () => {
    expect(await branch({ tags: ['  VIP '] }, ['VIP'])).toEqual({ next: 'yes' });
  });

  it('needs 1 to 20 non-empty tags', () => {
    for (const bad of [{}, { tags: [] }, { tags: [' '] }, { tags: ['x'.repeat(65)] }, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }]) {
      expect(branchTag.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('exits through yes and no', () => {
    const ports = branchTag.ports(branchTag.config.parse({ tags: ['VIP'] }));
    expect(ports.map((p) => [p.id, p.label['zh-CN'], p.label.en])).toEqual([['yes', '是', 'Yes'], ['no', '否', 'No']]);
  });

  it('summarises as a question', () => {
    const s = (config: Record<string, unknown>, lang: 'zh-CN' | 'en') => branchTag.summary(branchTag.config.parse(config), lang);
    expect(s({ tags: ['VIP'] }, 'zh-CN')).toBe('有标签 VIP？');
    expect(s({ tags: ['VIP'] }, 'en')).toBe('Has tag VIP?');
    expect(s({ tags: ['VIP'], mode: 'lacks' }, 'zh-CN')).toBe('没有标签 VIP？');
    expect(s({ tags: ['VIP', 'KOC'], match: 'all' }, 'zh-CN')).toBe('同时有标签 VIP、KOC？');
    expect(s({ tags: ['VIP', 'KOC'], match: 'all', mode: 'lacks' }, 'en')).toBe('Lacks all of VIP, KOC?');
  });
});
