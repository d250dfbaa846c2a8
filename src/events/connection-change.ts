import type { ConnectionState } from '../core/connection.js';

/** The `detail` of `vc-connection-change`. */
export type VcConnectionChangeDetail = { state: ConnectionState };

/**
 * The live connection's state changed (fired by `<vc-clinic>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcConnectionChangeEvent extends CustomEvent<VcConnectionChangeDetail> {
  static readonly eventName = 'vc-connection-change';

  constructor(detail: VcConnectionChangeDetail) {
    super(VcConnectionChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
