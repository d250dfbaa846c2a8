/** The `detail` of `vc-notice-dismissed`. */
export type VcNoticeDismissedDetail = { requestId: string };

/**
 * The requester dismissed a decline or expiry notice, and the server took it.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcNoticeDismissedEvent extends CustomEvent<VcNoticeDismissedDetail> {
  static readonly eventName = 'vc-notice-dismissed';

  constructor(detail: VcNoticeDismissedDetail) {
    super(VcNoticeDismissedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
