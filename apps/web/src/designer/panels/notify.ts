import type { NotificationData } from '@mantine/notifications';
import { notifications } from '@mantine/notifications';

/** Editor notices show top-centre, over the empty middle of the header, not over its action buttons. */
export function notify(data: NotificationData): void {
  notifications.show({ position: 'top-center', autoClose: 4_000, ...data });
}
