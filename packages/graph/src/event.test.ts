import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerEvent } from './event.ts';
import { EventFilter, EventKind, matchesEvent } from './event.ts';

const EventKindArb = fc.constantFrom(...EventKind.options);
const ev = (kind: CustomerEvent['kind'], payload: Record<string, unknown> = {}) => ({ kind, payload });

describe('matchesEvent', () => {
  it('requires the same kind, and a bare filter matches any event of that kind', () => {
    expect(matchesEvent(ev('purchase', { amount: 1 }), { kind: 'purchase' })).toBe(true);
    expect(matchesEvent(ev('tag.added', { tag: 'VIP' }), { kind: 'purchase' })).toBe(false);
  });

  it('matches a tag exactly', () => {
    expect(matchesEvent(ev('tag.added', { tag: 'VIP' }), { kind: 'tag.added', tag: 'VIP' })).toBe(true);
    expect(matchesEvent(ev('tag.added', { tag: 'vip' }), { kind: 'tag.added', tag: 'VIP' })).toBe(false);
    expect(matchesEvent(ev('tag.added', {}), { kind: 'tag.added', tag: 'VIP' })).toBe(false);
    expect(matchesEvent(ev('tag.added', { tag: ['VIP'] }), { kind: 'tag.added', tag: 'VIP' })).toBe(false);
  });

  it('matches a stage by the new stage (to) or a plain stage field', () => {
    expect(matchesEvent(ev('stage.changed', { from: 'unpaid', to: 'paid' }), { kind: 'stage.changed', stage: 'paid' })).toBe(true);
    expect(matchesEvent(ev('stage.changed', { stage: 'paid' }), { kind: 'stage.changed', stage: 'paid' })).toBe(true);
    expect(matchesEvent(ev('stage.changed', { from: 'paid', to: 'repeat' }), { kind: 'stage.changed', stage: 'paid' })).toBe(false);
  });

  it('matches a custom event by name', () => {
    expect(matchesEvent(ev('custom', { name: 'coupon.used' }), { kind: 'custom', name: 'coupon.used' })).toBe(true);
    expect(matchesEvent(ev('custom', { name: 'other' }), { kind: 'custom', name: 'coupon.used' })).toBe(false);
  });

  it('requires a numeric amount at least the minimum', () => {
    expect(matchesEvent(ev('purchase', { amount: 100 }), { kind: 'purchase', minAmount: 100 })).toBe(true);
    expect(matchesEvent(ev('purchase', { amount: 99.99 }), { kind: 'purchase', minAmount: 100 })).toBe(false);
    expect(matchesEvent(ev('purchase', { amount: '500' }), { kind: 'purchase', minAmount: 100 })).toBe(false);
    expect(matchesEvent(ev('purchase', {}), { kind: 'purchase', minAmount: 0 })).toBe(false);
  });

  it('matches product and category on the order or any one item, both on the same item', () => {
    const order = { product: '套装', category: '礼盒', items: [{ product: '面霜', category: '护肤' }, { product: '化妆棉', category: '工具' }, 'junk', null] };
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', product: '套装' })).toBe(true);
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', product: '化妆棉' })).toBe(true);
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', category: '护肤' })).toBe(true);
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', product: '面霜', category: '护肤' })).toBe(true);
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', product: '面霜', category: '工具' })).toBe(false);
    expect(matchesEvent(ev('purchase', order), { kind: 'purchase', product: '口红' })).toBe(false);
    expect(matchesEvent(ev('purchase', { items: 'not a list' }), { kind: 'purchase', product: '面霜' })).toBe(false);
  });

  it('never throws on odd payloads, and a bare filter of the same kind always matches', () => {
    fc.assert(
      fc.property(EventKindArb, fc.dictionary(fc.string(), fc.anything()), (kind, payload) => {
        expect(matchesEvent({ kind, payload }, { kind })).toBe(true);
        expect(() => matchesEvent({ kind, payload }, { kind, tag: 'x', product: 'p', category: 'c', minAmount: 1, stage: 's', name: 'n' })).not.toThrow();
      }),
    );
  });

  it('EventFilter trims and bounds its fields', () => {
    expect(EventFilter.parse({ kind: 'tag.added', tag: ' VIP ' })).toEqual({ kind: 'tag.added', tag: 'VIP' });
    for (const bad of [{ kind: 'visit' }, { kind: 'tag.added', tag: ' ' }, { kind: 'purchase', minAmount: -1 }, { kind: 'purchase', product: 'x'.repeat(201) }]) {
      expect(EventFilter.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
