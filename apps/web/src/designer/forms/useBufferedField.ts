import { useCallback, useEffect, useRef, useState } from 'react';
import { registerPendingEdit } from './pendingEdits.ts';

export const TYPING_DEBOUNCE_MS = 300;

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/**
 * A field's input value, committed `TYPING_DEBOUNCE_MS` after the last keystroke (or on blur).
 * `raw` is the value stored in the config; `toDisplay` / `toRaw` convert between the two, so an
 * emptied field can stay empty on screen while the config falls back to its default. Only what the
 * operator typed is ever committed: a field that was merely shown (its default filled in) writes
 * nothing, so viewing a node never makes an undo step or an autosave.
 */
export function useBufferedField<D>(raw: unknown, toDisplay: (raw: unknown) => D, toRaw: (display: D) => unknown, commit: (raw: unknown) => void, accept?: (raw: unknown) => boolean) {
  const [display, setDisplay] = useState<D>(() => toDisplay(raw));
  const local = useRef(display);
  const stored = useRef(raw);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const edited = useRef(false);
  const latest = useRef({ toRaw, commit, accept });
  useEffect(() => {
    latest.current = { toRaw, commit, accept };
  });

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!edited.current) return;
    const next = latest.current.toRaw(local.current);
    // A refused value stays on screen with its message and never reaches the draft.
    if (latest.current.accept && !latest.current.accept(next)) return;
    edited.current = false;
    if (same(next, stored.current)) return;
    stored.current = next;
    latest.current.commit(next);
  }, []);

  // A change from elsewhere (undo, another field, a reload) replaces what is shown.
  useEffect(() => {
    if (same(raw, stored.current)) return;
    stored.current = raw;
    edited.current = false;
    const shown = toDisplay(raw);
    local.current = shown;
    setDisplay(shown);
    // toDisplay is a pure conversion: only the stored value decides when to refresh.
  }, [raw]);

  useEffect(() => {
    const unregister = registerPendingEdit(flush);
    return () => {
      unregister();
      flush();
    };
  }, [flush]);

  const change = useCallback(
    (next: D) => {
      local.current = next;
      edited.current = true;
      setDisplay(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, TYPING_DEBOUNCE_MS);
    },
    [flush],
  );

  return { display, change, flush };
}
