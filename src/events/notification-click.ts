/** The `detail` of `vc-notification-click`. */
export type VcNotificationClickDetail = { requestId: string };

/**
 * The user clicked a desktop notification of a waiting request (fired by `<vc-alerts>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcNotificationClickEvent extends CustomEvent<VcNotificationClickDetail> {
  static readonly eventName = 'vc-notification-click';

  constructor(detail: VcNotificationClickDetail) {
    super(VcNotificationClickEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
