import type { CustomerEvent } from '@sopline/graph';
import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import trigger from './index.ts';

const event = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}): CustomerEvent => ({ id: 'e1', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:01Z', payload });

describe('trigger-tag-added', () => {
  const config = trigger.config.parse({ tags: ['沉睡', 'dormant'] });

  it('fires when any of the tags is added', () => {
    expect(trigger.events).toEqual(['tag.added']);
    expect(trigger.matches(event('tag.added', { tag: '沉睡' }), config)).toBe(true);
    expect(trigger.matches(event('tag.added', { tag: 'dormant' }), config)).toBe(true);
  });

  it('ignores other tags, removals and malformed payloads', () => {
    expect(trigger.matches(event('tag.added', { tag: 'VIP' }), config)).toBe(false);
    expect(trigger.matches(event('tag.removed', { tag: '沉睡' }), config)).toBe(false);
    expect(trigger.matches(event('tag.added', { tag: ['沉睡'] }), config)).toBe(false);
  });

  it('needs at least one tag', async () => {
    expect(trigger.config.safeParse({}).success).toBe(false);
    expect(trigger.config.safeParse({ tags: [] }).success).toBe(false);
    expect((await runNode(trigger, { tags: ['x'] })).result).toEqual({ next: 'out' });
  });

  it('summarises', () => {
    expect(trigger.summary(config, 'zh-CN')).toBe('被打上标签：沉睡 或 dormant');
    expect(trigger.summary(config, 'en')).toBe('Tag added: 沉睡 or dormant');
  });
});
