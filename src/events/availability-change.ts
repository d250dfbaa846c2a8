/** The `detail` of `vc-availability-change`. */
export type VcAvailabilityChangeDetail = { available: boolean };

/**
 * Intent: the provider switches availability (R6).
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcAvailabilityChangeEvent extends CustomEvent<VcAvailabilityChangeDetail> {
  static readonly eventName = 'vc-availability-change';

  constructor(detail: VcAvailabilityChangeDetail) {
    super(VcAvailabilityChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
