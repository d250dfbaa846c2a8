import type { CallQualityLevel } from '../meeting/call-quality.js';

/** The `detail` of `vc-call-quality`. */
export type VcCallQualityDetail = { sessionId: string; level: CallQualityLevel; roundTripMs: number | null; packetLossPercent: number; framesPerSecond: number | null };

/**
 * The built-in call's quality, every few seconds while connected: figures for a host's logs, never names. `roundTripMs` and `framesPerSecond` are null until measured; `packetLossPercent` covers the last interval, audio and video together.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcCallQualityEvent extends CustomEvent<VcCallQualityDetail> {
  static readonly eventName = 'vc-call-quality';

  constructor(detail: VcCallQualityDetail) {
    super(VcCallQualityEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
