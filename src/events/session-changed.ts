/** The `detail` of `vc-session-changed`. */
export type VcSessionChangedDetail = { sessionId: string; requestId: string; status: 'open' | 'ended' };

/**
 * A session of this user changed (fired by `<vc-clinic>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcSessionChangedEvent extends CustomEvent<VcSessionChangedDetail> {
  static readonly eventName = 'vc-session-changed';

  constructor(detail: VcSessionChangedDetail) {
    super(VcSessionChangedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
