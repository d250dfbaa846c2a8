/** The `detail` of `vc-request-expired`. */
export type VcRequestExpiredDetail = { requestId: string };

/**
 * Outcome: no one answered the request in time and the server expired it (R4). Fired on both
 * sides when the outcome arrives over the live stream: by `<vc-provider-list>` (the requester's
 * request) and by `<vc-request-queue>` (a request that was waiting for the provider).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestExpiredEvent extends CustomEvent<VcRequestExpiredDetail> {
  static readonly eventName = 'vc-request-expired';

  constructor(detail: VcRequestExpiredDetail) {
    super(VcRequestExpiredEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
