/** The `detail` of `vc-request-cancelled`. */
export type VcRequestCancelledDetail = { requestId: string };

/**
 * Outcome: the server cancelled the request.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestCancelledEvent extends CustomEvent<VcRequestCancelledDetail> {
  static readonly eventName = 'vc-request-cancelled';

  constructor(detail: VcRequestCancelledDetail) {
    super(VcRequestCancelledEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
