import type { NotificationData } from '@mantine/notifications';
import { notifications } from '@mantine/notifications';

/** Editor notices show top-centre, over the empty middle of the header, not over its action buttons. */
export function notify(data: NotificationData): void {
  // A notice with an id replaces the one before it (a new check result, not a stack of old ones).
  if (data.id) notifications.hide(data.id);
  notifications.show({ position: 'top-center', autoClose: 4_000, ...data });
}
