import type { Role } from '../core/model.js';

/** The `detail` of `vc-session-entered`. */
export type VcSessionEnteredDetail = { sessionId: string; role: Role };

/**
 * Outcome: the server took the entry.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcSessionEnteredEvent extends CustomEvent<VcSessionEnteredDetail> {
  static readonly eventName = 'vc-session-entered';

  constructor(detail: VcSessionEnteredDetail) {
    super(VcSessionEnteredEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
