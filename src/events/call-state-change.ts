import type { CallState } from '../meeting/webrtc-call.types.js';

/** The `detail` of `vc-call-state-change`. */
export type VcCallStateChangeDetail = { sessionId: string; state: CallState };

/**
 * The built-in call's connection changed: `reconnecting` (restarting on its own), `failed` (gave up; Try Again is offered), `connected` …
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcCallStateChangeEvent extends CustomEvent<VcCallStateChangeDetail> {
  static readonly eventName = 'vc-call-state-change';

  constructor(detail: VcCallStateChangeDetail) {
    super(VcCallStateChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
