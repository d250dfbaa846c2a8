/** The `detail` of `vc-request-accept`. */
export type VcRequestAcceptDetail = { requestId: string; enter: boolean };

/**
 * Intent: the provider accepts, entering the meeting at once when `enter` (R8).
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcRequestAcceptEvent extends CustomEvent<VcRequestAcceptDetail> {
  static readonly eventName = 'vc-request-accept';

  constructor(detail: VcRequestAcceptDetail) {
    super(VcRequestAcceptEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
