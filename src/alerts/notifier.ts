/**
 * Desktop notifications, behind an interface so that tests observe them. Permission is asked only
 * from a user's click (`requestPermission` is called by the Turn On button, never on load).
 */
export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

export interface ShownNotification {
  close(): void;
}

export interface Notifier {
  permission(): NotificationPermissionState;
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows a notification; `onClick` runs when the user clicks it. */
  show(title: string, options: { body: string; tag: string }, onClick: () => void): ShownNotification | null;
}

export const browserNotifier: Notifier = {
  permission() {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  },
  async requestPermission() {
    if (typeof Notification === 'undefined') return 'unsupported';
    return Notification.requestPermission();
  },
  show(title, options, onClick) {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
    const notification = new Notification(title, { body: options.body, tag: options.tag });
    notification.onclick = () => {
      onClick();
      notification.close();
    };
    return notification;
  },
};
