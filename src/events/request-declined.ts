/** The `detail` of `vc-request-declined`. */
export type VcRequestDeclinedDetail = { requestId: string; note: string | null };

/**
 * Outcome: the provider declined, by hand or because they were unavailable (R5); `note` is what
 * they typed (or null) (R9). Fired on both sides: by `<vc-request-queue>` when the provider's own
 * decline succeeds, by `<vc-provider-list>` when the requester's request is declined (issue 19.8).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestDeclinedEvent extends CustomEvent<VcRequestDeclinedDetail> {
  static readonly eventName = 'vc-request-declined';

  constructor(detail: VcRequestDeclinedDetail) {
    super(VcRequestDeclinedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
