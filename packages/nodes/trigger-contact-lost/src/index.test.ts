import type { CustomerEvent } from '@sopline/graph';
import { describe, expect, it } from 'vitest';
import trigger from './index.ts';

const event = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}): CustomerEvent => ({ id: 'e1', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:01Z', payload });

describe('trigger-contact-lost', () => {
  it('fires when the customer deletes the rep, by default', () => {
    const config = trigger.config.parse({});
    expect(trigger.events).toEqual(['contact.lost']);
    expect(trigger.matches(event('contact.lost', { by: 'customer', wecomUserId: 'li.na' }), config)).toBe(true);
    expect(trigger.matches(event('contact.lost', { by: 'rep' }), config)).toBe(false);
    expect(trigger.matches(event('contact.added', { by: 'customer' }), config)).toBe(false);
  });

  it('can follow the rep’s deletions, or either', () => {
    expect(trigger.matches(event('contact.lost', { by: 'rep' }), trigger.config.parse({ by: 'rep' }))).toBe(true);
    const any = trigger.config.parse({ by: 'any' });
    expect(trigger.matches(event('contact.lost', { by: 'rep' }), any)).toBe(true);
    expect(trigger.matches(event('contact.lost', { by: 'customer' }), any)).toBe(true);
    expect(trigger.config.safeParse({ by: 'someone' }).success).toBe(false);
  });

  it('summarises in both languages', () => {
    expect(trigger.summary(trigger.config.parse({}), 'zh-CN')).toBe('客户在企业微信删除了销售');
    expect(trigger.summary(trigger.config.parse({ by: 'rep' }), 'en')).toBe('The rep deleted the customer in WeCom');
  });
});
