import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import addTag from './index.ts';

describe('add-tag', () => {
  it('adds the tags, trimmed and once each, and moves on', async () => {
    const { result, effects, ctx } = await runNode(addTag, { tags: [' VIP ', '复购', 'VIP'] }, { customer: { tags: ['new'] } });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tagsAdded).toEqual(['VIP', '复购']);
    expect(ctx.customer.tags).toEqual(['new', 'VIP', '复购']);
  });

  it('needs 1 to 20 tags of 1 to 64 characters', () => {
    for (const bad of [{}, { tags: [] }, { tags: ['  '] }, { tags: ['x'.repeat(65)] }, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, { tags: 'VIP' }]) {
      expect(addTag.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises', () => {
    expect(addTag.summary(addTag.config.parse({ tags: ['VIP', 'KOC'] }), 'zh-CN')).toBe('添加标签：VIP、KOC');
    expect(addTag.summary(addTag.config.parse({ tags: ['VIP'] }), 'en')).toBe('Add tag: VIP');
  });
});
