import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import branchPurchase from './index.ts';

const NOW = '2026-03-02T02:00:00.000Z';
const purchases = [
  { occurredAt: '2026-02-28T05:00:00.000Z', amount: 299, product: '面霜', category: '护肤' },
  { occurredAt: '2026-01-15T05:00:00.000Z', amount: 59, products: ['洗面奶', '化妆棉'], categories: ['护肤', '工具'] },
  { occurredAt: '2025-06-01T05:00:00.000Z', amount: 899, product: '精华', category: '护肤' },
];

async function branch(config: Record<string, unknown>, list = purchases) {
  return (await runNode(branchPurchase, config, { now: NOW, purchases: list })).result;
}

describe('branch-purchase', () => {
  it('with no filter, yes when the customer has bought anything', async () => {
    expect(await branch({})).toEqual({ next: 'yes' });
    expect(await branch({}, [])).toEqual({ next: 'no' });
  });

  it('counts only purchases within the last N days', async () => {
    expect(await branch({ withinDays: 3 })).toEqual({ next: 'yes' });
    expect(await branch({ withinDays: 1 })).toEqual({ next: 'no' });
    expect(await branch({ withinDays: 60, minCount: 2 })).toEqual({ next: 'yes' });
    expect(await branch({ withinDays: 60, minCount: 3 })).toEqual({ next: 'no' });
  });

  it('filters by amount', async () => {
    expect(await branch({ minAmount: 500, withinDays: 30 })).toEqual({ next: 'no' });
    expect(await branch({ minAmount: 500 })).toEqual({ next: 'yes' });
    expect(await branch({ minAmount: 299, withinDays: 30 })).toEqual({ next: 'yes' });
  });

  it('matches a product or category as the main one or anywhere in the order', async () => {
    expect(await branch({ product: '化妆棉' })).toEqual({ next: 'yes' });
    expect(await branch({ product: '口红' })).toEqual({ next: 'no' });
    expect(await branch({ category: '工具', withinDays: 60 })).toEqual({ next: 'yes' });
    expect(await branch({ category: '护肤', minCount: 3 })).toEqual({ next: 'yes' });
    expect(await branch({ category: '护肤', minCount: 3, withinDays: 100 })).toEqual({ next: 'no' });
  });

  it('bounds every field', () => {
    for (const bad of [{ withinDays: 0 }, { withinDays: 1.5 }, { minAmount: -1 }, { product: '' }, { category: 'x'.repeat(201) }, { minCount: 0 }]) {
      expect(branchPurchase.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises as a question', () => {
    const s = (config: Record<string, unknown>, lang: 'zh-CN' | 'en') => branchPurchase.summary(branchPurchase.config.parse(config), lang);
    expect(s({}, 'zh-CN')).toBe('有购买记录？');
    expect(s({}, 'en')).toBe('Has purchased?');
    expect(s({ withinDays: 30, product: '面霜' }, 'zh-CN')).toBe('近 30 天购买过「面霜」？');
    expect(s({ withinDays: 30, product: '面霜' }, 'en')).toBe('Bought 面霜 in the last 30 days?');
    expect(s({ withinDays: 90, category: '护肤', minCount: 2, minAmount: 100 }, 'zh-CN')).toBe('近 90 天购买「护肤」类商品（金额 ≥ ¥100）至少 2 次？');
    expect(s({ withinDays: 90, category: '护肤', minCount: 2 }, 'en')).toBe('Bought from 护肤 at least 2 times in the last 90 days?');
  });

  it('has yes and no ports', () => {
    expect(branchPurchase.ports(branchPurchase.config.parse({})).map((p) => p.id)).toEqual(['yes', 'no']);
  });
});
