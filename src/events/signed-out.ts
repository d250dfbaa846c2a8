import type { SignOutReason } from '../core/clinic.js';

/** The `detail` of `vc-signed-out`. */
export type VcSignedOutDetail = { reason: SignOutReason };

/**
 * The clinic signed out: the backend refused the token (`unauthorized`) or the user was idle too long (`idle`; the stores are empty and the live connection is closed).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcSignedOutEvent extends CustomEvent<VcSignedOutDetail> {
  static readonly eventName = 'vc-signed-out';

  constructor(detail: VcSignedOutDetail) {
    super(VcSignedOutEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
