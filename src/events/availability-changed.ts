/** The `detail` of `vc-availability-changed`. */
export type VcAvailabilityChangedDetail = { available: boolean; declinedCount: number };

/**
 * Outcome: availability changed; `declinedCount` requests were declined by going unavailable (R6).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcAvailabilityChangedEvent extends CustomEvent<VcAvailabilityChangedDetail> {
  static readonly eventName = 'vc-availability-changed';

  constructor(detail: VcAvailabilityChangedDetail) {
    super(VcAvailabilityChangedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
