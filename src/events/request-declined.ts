/** The `detail` of `vc-request-declined`. */
export type VcRequestDeclinedDetail = { requestId: string; note: string | null };

/**
 * Outcome: the provider declined; `note` is what they typed (or null) (R9).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestDeclinedEvent extends CustomEvent<VcRequestDeclinedDetail> {
  static readonly eventName = 'vc-request-declined';

  constructor(detail: VcRequestDeclinedDetail) {
    super(VcRequestDeclinedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
