import type { CustomerEvent } from '@sopline/graph';
import { runNode } from '@sopline/node-sdk/testkit';
import { describe, expect, it } from 'vitest';
import trigger from './index.ts';

const event = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}): CustomerEvent => ({ id: 'e1', kind, occurredAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:01Z', payload });

describe('trigger-stage-changed', () => {
  it('fires when the customer enters the stage, from anywhere by default', () => {
    const config = trigger.config.parse({ to: 'paid' });
    expect(trigger.events).toEqual(['stage.changed']);
    expect(trigger.matches(event('stage.changed', { from: 'unpaid', to: 'paid' }), config)).toBe(true);
    expect(trigger.matches(event('stage.changed', { from: 'paid', to: 'repeat' }), config)).toBe(false);
    expect(trigger.matches(event('purchase', { to: 'paid' }), config)).toBe(false);
  });

  it('can require the stage the customer came from', () => {
    const config = trigger.config.parse({ to: 'paid', from: 'considering' });
    expect(trigger.matches(event('stage.changed', { from: 'considering', to: 'paid' }), config)).toBe(true);
    expect(trigger.matches(event('stage.changed', { from: 'unpaid', to: 'paid' }), config)).toBe(false);
    expect(trigger.matches(event('stage.changed', { to: 'paid' }), config)).toBe(false);
  });

  it('requires a target stage slug', async () => {
    for (const bad of [{}, { to: '' }, { to: 'Paid' }, { to: 'paid', from: '已付费' }]) {
      expect(trigger.config.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect((await runNode(trigger, { to: 'paid' })).result).toEqual({ next: 'out' });
  });

  it('summarises', () => {
    expect(trigger.summary(trigger.config.parse({ to: 'paid' }), 'zh-CN')).toBe('阶段变为「paid」');
    expect(trigger.summary(trigger.config.parse({ to: 'paid', from: 'unpaid' }), 'en')).toBe('Stage changes from unpaid to paid');
    // With the workspace's labels, as on the canvas: a stage it names reads by its label.
    const names = { stage: (code: string, lang: 'zh-CN' | 'en') => (code === 'paid' ? (lang === 'en' ? 'Paid' : '已付费') : undefined), property: () => undefined };
    expect(trigger.summary(trigger.config.parse({ to: 'paid', from: 'trial' }), 'zh-CN', names)).toBe('阶段从「trial」变为「已付费」');
    expect(trigger.summary(trigger.config.parse({ to: 'paid' }), 'en', names)).toBe('Stage changes to Paid');
  });
});
