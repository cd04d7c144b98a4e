import { describe, expect, it } from 'vitest';
import type { KeyLike } from './shortcuts.ts';
import { comboLabel, SHORTCUTS, shortcutFor, shortcutHint } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps undo and the three redo spellings', () => {
    expect(shortcutFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(press('z', { metaKey: true }))).toBe('undo');
    expect(shortcutFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(press('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(press('y', { ctrlKey: true }))).toBe('redo');
  });

  it('maps clipboard, selection, deletion, fit view and help', () => {
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBe('copy');
    expect(shortcutFor(press('x', { metaKey: true }))).toBe('cut');
    expect(shortcutFor(press('v', { ctrlKey: true }))).toBe('paste');
    expect(shortcutFor(press('a', { metaKey: true }))).toBe('selectAll');
    expect(shortcutFor(press('Delete'))).toBe('delete');
    expect(shortcutFor(press('Backspace'))).toBe('delete');
    expect(shortcutFor(press('Escape'))).toBe('deselect');
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('help');
    expect(shortcutFor({ ...press('!', { shiftKey: true }), code: 'Digit1' })).toBe('fitView');
  });

  it('reads letters from the physical key, so a Russian or Chinese layout still undoes', () => {
    expect(shortcutFor({ ...press('я', { ctrlKey: true }), code: 'KeyZ' })).toBe('undo');
  });

  it('ignores plain letters, Alt combinations and unknown combos', () => {
    expect(shortcutFor(press('c'))).toBeNull();
    expect(shortcutFor(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(press('q', { ctrlKey: true }))).toBeNull();
  });

  it('lists every action in the help table, printed per platform', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(10);
    expect(comboLabel(['Mod', 'Shift', 'Z'], true)).toEqual(['⌘', '⇧', 'Z']);
    expect(comboLabel(['Mod', 'Shift', 'Z'], false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(shortcutHint('redo', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutHint('redo', true)).toBe('⌘⇧Z');
  });
});
