/** The `detail` of `vc-request-session`. */
export type VcRequestSessionDetail = { providerId: string; serviceId: string | null };

/**
 * Intent: the requester asked for a session now (R2).
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcRequestSessionEvent extends CustomEvent<VcRequestSessionDetail> {
  static readonly eventName = 'vc-request-session';

  constructor(detail: VcRequestSessionDetail) {
    super(VcRequestSessionEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
