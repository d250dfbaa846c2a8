/** The `detail` of `vc-request-decline`. */
export type VcRequestDeclineDetail = { requestId: string };

/**
 * Intent: the provider declines (R9).
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcRequestDeclineEvent extends CustomEvent<VcRequestDeclineDetail> {
  static readonly eventName = 'vc-request-decline';

  constructor(detail: VcRequestDeclineDetail) {
    super(VcRequestDeclineEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
