/** Pure helpers of the sales inbox: snooze presets, keyboard mapping, bulk selection. */

export type SnoozePreset = 'hour' | 'tomorrow' | 'monday';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'monday'];

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number };

/** The wall-clock reading of `ms` in `zone` (weekday: 0 = Sunday). */
export function wallClock(ms: number, zone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const w = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
  return { ...w, weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() };
}

function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which `zone` reads the given wall-clock time (day may overflow the month). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, zone);
  const second = guess - offsetAt(first, zone);
  return new Date(second);
}

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
