/** The canvas's keyboard shortcuts: one table read by the key handler and the help panel. */
export type ShortcutAction = 'delete' | 'copy' | 'cut' | 'paste' | 'undo' | 'redo' | 'selectAll' | 'deselect' | 'fitView' | 'help';

/** A key combination as shown in the help panel; 'Mod' is ⌘ on a Mac and Ctrl elsewhere. */
export type Combo = readonly string[];

export const SHORTCUTS: ReadonlyArray<{ action: ShortcutAction; combos: readonly Combo[] }> = [
  { action: 'undo', combos: [['Mod', 'Z']] },
  { action: 'redo', combos: [['Mod', 'Shift', 'Z'], ['Ctrl', 'Y']] },
  { action: 'copy', combos: [['Mod', 'C']] },
  { action: 'cut', combos: [['Mod', 'X']] },
  { action: 'paste', combos: [['Mod', 'V']] },
  { action: 'delete', combos: [['Delete'], ['Backspace']] },
  { action: 'selectAll', combos: [['Mod', 'A']] },
  { action: 'deselect', combos: [['Esc']] },
  { action: 'fitView', combos: [['Shift', '1']] },
  { action: 'help', combos: [['?']] },
];

/** Gestures the help panel lists beside the keys (mouse and keyboard, handled by React Flow or the palette). */
export const GESTURES = ['connect', 'insertOnEdge', 'boxSelect', 'addToSelection', 'pan', 'zoom', 'nudge', 'paletteEnter'] as const;
export type Gesture = (typeof GESTURES)[number];

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The letter pressed, read from the physical key so shortcuts also work with a non-Latin layout active. */
function letter(e: KeyLike): string {
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  return e.key.length === 1 ? e.key.toLowerCase() : '';
}

/** Which canvas action a key press asks for, if any. Ctrl and ⌘ both count as Mod on every platform. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  if (mod) {
    switch (letter(e)) {
      case 'z':
        return e.shiftKey ? 'redo' : 'undo';
      case 'y':
        return e.shiftKey ? null : 'redo';
      case 'c':
        return e.shiftKey ? null : 'copy';
      case 'x':
        return e.shiftKey ? null : 'cut';
      case 'v':
        return e.shiftKey ? null : 'paste';
      case 'a':
        return e.shiftKey ? null : 'selectAll';
      default:
        return null;
    }
  }
  if (e.key === 'Delete' || e.key === 'Backspace') return 'delete';
  if (e.key === 'Escape') return 'deselect';
  if (e.key === '?') return 'help';
  if (e.shiftKey && e.code === 'Digit1') return 'fitView';
  return null;
}

/** The keys as printed for this platform. */
export function comboLabel(combo: Combo, mac: boolean): string[] {
  return combo.map((k) => {
    if (k === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (k === 'Shift') return mac ? '⇧' : 'Shift';
    if (k === 'Backspace') return mac ? '⌫' : 'Backspace';
    return k;
  });
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The first key combination of an action, for a tooltip: "Ctrl+Z", "⌘⇧Z". */
export function shortcutHint(action: ShortcutAction, mac = IS_MAC): string {
  const combo = SHORTCUTS.find((s) => s.action === action)?.combos[0];
  return combo ? comboLabel(combo, mac).join(mac ? '' : '+') : '';
}
