import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import removeTag from './index.ts';

describe('remove-tag', () => {
  it('removes the tags, trimmed and once each, and moves on', async () => {
    const { result, effects, ctx } = await runNode(removeTag, { tags: ['沉睡 ', '沉睡', 'absent'] }, { customer: { tags: ['VIP', '沉睡'] } });
    expect(result).toEqual({ next: 'out' });
    expect(effects.tagsRemoved).toEqual(['沉睡', 'absent']);
    expect(ctx.customer.tags).toEqual(['VIP']);
  });

  it('needs 1 to 20 tags of 1 to 64 characters', () => {
    for (const bad of [{}, { tags: [] }, { tags: [''] }, { tags: ['x'.repeat(65)] }, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }]) {
      expect(removeTag.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises', () => {
    expect(removeTag.summary(removeTag.config.parse({ tags: ['沉睡'] }), 'zh-CN')).toBe('移除标签：沉睡');
    expect(removeTag.summary(removeTag.config.parse({ tags: ['a', 'b'] }), 'en')).toBe('Remove tags: a, b');
  });
});
