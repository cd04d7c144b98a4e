/** Pure helpers of the sales inbox: snooze presets, keyboard mapping, bulk selection. */
import { wallClock, zonedInstant } from '../layout/clock.ts';

export type SnoozePreset = 'hour' | 'tomorrow' | 'monday';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'monday'];

/** When a snooze preset ends: in one hour, tomorrow 9:00, or next Monday 9:00 (in `zone`). */
export function snoozeUntil(preset: SnoozePreset, now: Date, zone: string): Date {
  if (preset === 'hour') return new Date(now.getTime() + 3_600_000);
  const w = wallClock(now.getTime(), zone);
  const days = preset === 'tomorrow' ? 1 : (8 - w.weekday) % 7 || 7;
  return zonedInstant(w.year, w.month, w.day + days, 9, 0, zone);
}

export type KeyAction = 'next' | 'prev' | 'copy' | 'done' | 'snooze' | 'toggle';

/** Keyboard shortcuts of the inbox; none while typing in a field or with a modifier held. */
export function keyAction(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; target?: { tagName?: string; isContentEditable?: boolean } | null }): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = e.target?.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target?.isContentEditable) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'c':
      return 'copy';
    case 'd':
      return 'done';
    case 's':
      return 'snooze';
    case 'x':
      return 'toggle';
    default:
      return null;
  }
}

/** Moves the focused index within a list of `length` cards (stays put at the ends; -1 when empty). */
export function moveFocus(index: number, action: 'next' | 'prev', length: number): number {
  if (length === 0) return -1;
  const i = Math.min(Math.max(index, -1), length - 1);
  return action === 'next' ? Math.min(i + 1, length - 1) : Math.max(i - 1, 0);
}

export type SelectionAction = { type: 'toggle'; id: string } | { type: 'all'; ids: string[] } | { type: 'clear' } | { type: 'keep'; ids: string[] };

/** The selected task ids, in selection order. `all` toggles: selects every id, or clears when all are already selected. */
export function selectionReducer(state: string[], action: SelectionAction): string[] {
  switch (action.type) {
    case 'toggle':
      return state.includes(action.id) ? state.filter((id) => id !== action.id) : [...state, action.id];
    case 'all':
      return action.ids.length > 0 && action.ids.every((id) => state.includes(id)) ? [] : [...action.ids];
    case 'clear':
      return [];
    case 'keep': {
      const next = state.filter((id) => action.ids.includes(id));
      return next.length === state.length ? state : next;
    }
  }
}
