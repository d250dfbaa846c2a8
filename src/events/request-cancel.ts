/** The `detail` of `vc-request-cancel`. */
export type VcRequestCancelDetail = { requestId: string };

/**
 * Intent: the requester cancels a pending request.
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcRequestCancelEvent extends CustomEvent<VcRequestCancelDetail> {
  static readonly eventName = 'vc-request-cancel';

  constructor(detail: VcRequestCancelDetail) {
    super(VcRequestCancelEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
