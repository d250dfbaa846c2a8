import type { Role } from '../core/model.js';

/** The `detail` of `vc-session-left`. */
export type VcSessionLeftDetail = { sessionId: string; role: Role };

/**
 * Outcome: the user left; the session has ended for both.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcSessionLeftEvent extends CustomEvent<VcSessionLeftDetail> {
  static readonly eventName = 'vc-session-left';

  constructor(detail: VcSessionLeftDetail) {
    super(VcSessionLeftEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
