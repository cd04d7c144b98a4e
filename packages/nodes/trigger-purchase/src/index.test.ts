import type { CustomerEvent } from '@sopline/graph';
import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import trigger from './index.ts';

const event = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}): CustomerEvent => ({ id: 'e1', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:01Z', payload });
const order = { amount: 299, items: [{ product: '面霜', category: '护肤' }, { product: '化妆棉', category: '工具' }] };

describe('trigger-purchase', () => {
  it('fires on any purchase without filters', async () => {
    expect(trigger.events).toEqual(['purchase']);
    expect(trigger.matches(event('purchase', order), trigger.config.parse({}))).toBe(true);
    expect(trigger.matches(event('tag.added', order), trigger.config.parse({}))).toBe(false);
    expect((await runNode(trigger, {})).result).toEqual({ next: 'out' });
  });

  it('filters by amount, product and category', () => {
    const yes = (config: Record<string, unknown>) => trigger.matches(event('purchase', order), trigger.config.parse(config));
    expect(yes({ minAmount: 299 })).toBe(true);
    expect(yes({ minAmount: 300 })).toBe(false);
    expect(yes({ product: '化妆棉' })).toBe(true);
    expect(yes({ product: '口红' })).toBe(false);
    expect(yes({ category: '工具', product: '化妆棉' })).toBe(true);
    expect(yes({ category: '工具', product: '面霜' })).toBe(false);
  });

  it('bounds the filters', () => {
    for (const bad of [{ minAmount: -1 }, { product: '' }, { category: 'x'.repeat(201) }]) {
      expect(trigger.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('summarises', () => {
    expect(trigger.summary(trigger.config.parse({}), 'zh-CN')).toBe('客户下单');
    expect(trigger.summary(trigger.config.parse({ product: '面霜', minAmount: 100 }), 'zh-CN')).toBe('客户下单：面霜，金额 ≥ ¥100');
    expect(trigger.summary(trigger.config.parse({ category: '护肤' }), 'en')).toBe('Purchase made: category 护肤');
  });
});
