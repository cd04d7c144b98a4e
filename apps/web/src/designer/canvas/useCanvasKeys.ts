import { useEffect, useRef } from 'react';
import type { ShortcutAction } from './shortcuts.ts';
import { shortcutFor } from './shortcuts.ts';

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'textbox';
}

/**
 * Window-wide canvas shortcuts. They apply only while focus is on the canvas, the palette or nowhere
 * in particular (body): never while typing, inside a dialog, composing with an IME, or with focus on
 * another panel's control (so Backspace in the inspector never deletes nodes).
 */
export function useCanvasKeys(root: React.RefObject<HTMLElement | null>, run: (action: ShortcutAction) => boolean) {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = shortcutFor(e);
      if (!action) return;
      const active = document.activeElement;
      if (isTyping(active) || (e.target instanceof Element && isTyping(e.target))) return;
      if (active?.closest('[role="dialog"]')) return;
      const inScope = !active || active === document.body || !!root.current?.contains(active) || !!active.closest('[data-testid="palette"]');
      if (!inScope && action !== 'help') return;
      // Let the browser copy text the operator has selected on the page.
      if ((action === 'copy' || action === 'cut') && (window.getSelection()?.toString() ?? '') !== '') return;
      if (latest.current(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [root]);
}
