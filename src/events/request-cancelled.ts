/** The `detail` of `vc-request-cancelled`. */
export type VcRequestCancelledDetail = { requestId: string };

/**
 * Outcome: the server cancelled the request (X3). Fired on both sides: by `<vc-provider-list>` when
 * the requester's own cancel succeeds, by `<vc-request-queue>` when a request that was waiting for
 * the provider is withdrawn (issue 19.8).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestCancelledEvent extends CustomEvent<VcRequestCancelledDetail> {
  static readonly eventName = 'vc-request-cancelled';

  constructor(detail: VcRequestCancelledDetail) {
    super(VcRequestCancelledEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
