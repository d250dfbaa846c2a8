/** The `detail` of `vc-request-received`. */
export type VcRequestReceivedDetail = { requestId: string; serviceId: string | null };

/**
 * A new request reached an available provider's queue (fired by `<vc-request-queue>`), for a host's own alerts (X2).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestReceivedEvent extends CustomEvent<VcRequestReceivedDetail> {
  static readonly eventName = 'vc-request-received';

  constructor(detail: VcRequestReceivedDetail) {
    super(VcRequestReceivedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
