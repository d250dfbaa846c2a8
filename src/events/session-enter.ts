import type { Role } from '../core/model.js';

/** The `detail` of `vc-session-enter`. */
export type VcSessionEnterDetail = { sessionId: string; role: Role };

/**
 * Intent: enter the waiting room (requester, R3) or the meeting (provider, R10).
 * Bubbles and is composed, so a host hears it outside any shadow root; cancelable: `preventDefault()` vetoes the action before anything is sent.
 */
export class VcSessionEnterEvent extends CustomEvent<VcSessionEnterDetail> {
  static readonly eventName = 'vc-session-enter';

  constructor(detail: VcSessionEnterDetail) {
    super(VcSessionEnterEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}
