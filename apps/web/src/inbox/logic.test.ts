import { describe, expect, it } from 'vitest';
import { keyAction, moveFocus, selectionReducer, snoozeUntil } from './logic.ts';

describe('snooze presets', () => {
  // Wednesday 2025-03-12 15:30 in Shanghai (UTC+8).
  const now = new Date('2025-03-12T07:30:00Z');
  it('one hour later', () => {
    expect(snoozeUntil('hour', now, 'Asia/Shanghai').toISOString()).toBe('2025-03-12T08:30:00.000Z');
  });
  it('tomorrow at 9:00 in the zone', () => {
    expect(snoozeUntil('tomorrow', now, 'Asia/Shanghai').toISOString()).toBe('2025-03-13T01:00:00.000Z');
    expect(snoozeUntil('tomorrow', now, 'UTC').toISOString()).toBe('2025-03-13T09:00:00.000Z');
  });
  it('next Monday at 9:00, a week ahead when today is Monday', () => {
    expect(snoozeUntil('monday', now, 'Asia/Shanghai').toISOString()).toBe('2025-03-17T01:00:00.000Z');
    const monday = new Date('2025-03-17T02:00:00Z'); // Monday 10:00 in Shanghai
    expect(snoozeUntil('monday', monday, 'Asia/Shanghai').toISOString()).toBe('2025-03-24T01:00:00.000Z');
  });
  it('crosses the month and handles DST', () => {
    expect(snoozeUntil('tomorrow', new Date('2025-03-31T20:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2025-04-02T01:00:00.000Z');
    // New York: Saturday 2025-03-08 → Sunday 9:00 EDT (UTC-4) after the switch at 2:00.
    expect(snoozeUntil('tomorrow', new Date('2025-03-08T17:00:00Z'), 'America/New_York').toISOString()).toBe('2025-03-09T13:00:00.000Z');
  });
  it('is always in the future', () => {
    for (const preset of ['hour', 'tomorrow', 'monday'] as const) {
      for (let h = 0; h < 24; h++) {
        const t = new Date(Date.UTC(2025, 0, 6, h, 59));
        expect(snoozeUntil(preset, t, 'Asia/Shanghai').getTime()).toBeGreaterThan(t.getTime());
      }
    }
  });
});

describe('keyboard mapping', () => {
  it('maps keys to actions', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'c', 'd', 's', 'x', 'q'].map((key) => keyAction({ key }))).toEqual(['next', 'next', 'prev', 'prev', 'copy', 'done', 'snooze', 'toggle', null]);
  });
  it('ignores keys while typing or with modifiers', () => {
    expect(keyAction({ key: 'c', target: { tagName: 'input' } })).toBeNull();
    expect(keyAction({ key: 'd', target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(keyAction({ key: 'j', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(keyAction({ key: 'c', metaKey: true })).toBeNull();
    expect(keyAction({ key: 'c', target: { tagName: 'BODY' } })).toBe('copy');
  });
  it('moves focus within bounds', () => {
    expect(moveFocus(-1, 'next', 3)).toBe(0);
    expect(moveFocus(2, 'next', 3)).toBe(2);
    expect(moveFocus(0, 'prev', 3)).toBe(0);
    expect(moveFocus(5, 'prev', 3)).toBe(1);
    expect(moveFocus(0, 'next', 0)).toBe(-1);
  });
});

describe('selection', () => {
  it('toggles, selects all, clears and prunes', () => {
    let s = selectionReducer([], { type: 'toggle', id: 'a' });
    s = selectionReducer(s, { type: 'toggle', id: 'b' });
    expect(s).toEqual(['a', 'b']);
    expect(selectionReducer(s, { type: 'toggle', id: 'a' })).toEqual(['b']);
    expect(selectionReducer(s, { type: 'all', ids: ['a', 'b', 'c'] })).toEqual(['a', 'b', 'c']);
    expect(selectionReducer(['a', 'b', 'c'], { type: 'all', ids: ['a', 'b', 'c'] })).toEqual([]);
    expect(selectionReducer(s, { type: 'keep', ids: ['b', 'c'] })).toEqual(['b']);
    expect(selectionReducer(s, { type: 'keep', ids: ['a', 'b'] })).toBe(s);
    expect(selectionReducer(s, { type: 'clear' })).toEqual([]);
  });
});
