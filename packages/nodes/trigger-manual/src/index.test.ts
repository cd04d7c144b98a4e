import type { CustomerEvent } from '@sopline/graph';
import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import trigger from './index.ts';

describe('trigger-manual', () => {
  it('listens to no event and matches none', () => {
    expect(trigger.events).toEqual([]);
    for (const kind of ['customer.created', 'purchase', 'tag.added', 'custom'] as const) {
      const event: CustomerEvent = { id: 'e', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:00Z', payload: {} };
      expect(trigger.matches(event, {})).toBe(false);
    }
  });

  it('needs no config and leads on through its one exit', async () => {
    expect(trigger.config.parse({})).toEqual({});
    expect(trigger.ports({}).map((p) => p.id)).toEqual(['out']);
    expect((await runNode(trigger, {})).result).toEqual({ next: 'out' });
  });

  it('summarises', () => {
    expect(trigger.summary({}, 'zh-CN')).toBe('手动或批量加入');
    expect(trigger.summary({}, 'en')).toBe('Enrolled by hand or in bulk');
  });
});
