import type { NotificationData } from '@mantine/notifications';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';

/**
 * Toasts that belong to a page: a success (teal) goes after 2.5 s, and all of them go when the page does
 * (the rep opens a customer, say), so none is left over the next page's back link.
 */
export function usePageToasts(): (n: NotificationData) => void {
  const shown = useRef(new Set<string>());
  useEffect(() => {
    const ids = shown.current;
    return () => {
      for (const id of ids) notifications.hide(id);
      ids.clear();
    };
  }, []);
  return (n) => {
    const id = notifications.show({ autoClose: n.color === 'teal' ? 2500 : undefined, ...n });
    shown.current.add(id);
  };
}
