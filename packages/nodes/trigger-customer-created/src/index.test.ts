import type { CustomerEvent } from '@sopline/graph';
import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import trigger, { CUSTOMER_SOURCES } from './index.ts';

const event = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}): CustomerEvent => ({ id: 'e1', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:01Z', payload });

describe('trigger-customer-created', () => {
  it('fires on customer.created, from any source by default', () => {
    const config = trigger.config.parse({});
    expect(trigger.events).toEqual(['customer.created']);
    expect(trigger.matches(event('customer.created', { source: 'shop' }), config)).toBe(true);
    expect(trigger.matches(event('purchase'), config)).toBe(false);
  });

  it('filters by source channel', () => {
    const config = trigger.config.parse({ source: 'wecom' });
    expect(trigger.matches(event('customer.created', { source: 'wecom' }), config)).toBe(true);
    expect(trigger.matches(event('customer.created', { source: 'shop' }), config)).toBe(false);
    expect(trigger.matches(event('customer.created'), config)).toBe(false);
  });

  it('is a trigger with one exit', async () => {
    expect(trigger.category).toBe('trigger');
    expect(trigger.ports(trigger.config.parse({})).map((p) => p.id)).toEqual(['out']);
    expect((await runNode(trigger, {})).result).toEqual({ next: 'out' });
    expect(trigger.config.safeParse({ source: '' }).success).toBe(false);
  });

  it('summarises', () => {
    expect(trigger.summary(trigger.config.parse({}), 'zh-CN')).toBe('新客户加入');
    expect(trigger.summary(trigger.config.parse({ source: 'wecom' }), 'en')).toBe('Customer created (Added on WeCom)');
    expect(trigger.summary(trigger.config.parse({ source: 'wecom' }), 'zh-CN')).toBe('新客户加入（来源：添加企业微信好友）');
    // A channel code's own source is shown as its creator named it.
    expect(trigger.summary(trigger.config.parse({ source: '抖音' }), 'zh-CN')).toBe('新客户加入（来源：抖音）');
  });

  it('offers the known sources to the form by name, and “other” for a channel code’s own', () => {
    const schema = z.toJSONSchema(trigger.config, { io: 'input' }) as unknown as { properties: { source: { choices: Array<{ value: string }>; other: boolean } } };
    expect(schema.properties.source.choices.map((c) => c.value)).toEqual(CUSTOMER_SOURCES.map((s) => s.value));
    expect(schema.properties.source.other).toBe(true);
  });
});
