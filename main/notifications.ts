import { Notification } from 'electron';
import type { NotificationRequest } from '../shared/ipc';
import { NotificationGate } from './notification-gate';

export type Notifier = { notify(request: NotificationRequest): void };

/**
 * Shows native notifications once per ledger id and not while reminders are paused. Clicking
 * one shows the window and asks the renderer to open the request's route.
 */
export function createNotifier(options: {
  isPaused: () => boolean;
  iconPath: string;
  open: (route: string) => void;
}): Notifier {
  const gate = new NotificationGate();
  // Kept referenced until closed: a garbage-collected Notification loses its click handler.
  const visible = new Map<string, Notification>();

  return {
    notify(request) {
      if (!Notification.isSupported()) return;
      if (gate.decide(request.id, options.isPaused()) !== 'show') return;
      const notification = new Notification({
        title: request.title,
        body: request.body,
        icon: options.iconPath,
      });
      visible.set(request.id, notification);
      notification.on('click', () => options.open(request.route));
      notification.on('close', () => visible.delete(request.id));
      notification.show();
    },
  };
}
