/** The `detail` of `vc-call-microphone-change`. */
export type VcCallMicrophoneChangeDetail = { sessionId: string; muted: boolean };

/**
 * The built-in call: the user muted or unmuted their microphone (fired by `<vc-waiting-room>`, issue 18).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcCallMicrophoneChangeEvent extends CustomEvent<VcCallMicrophoneChangeDetail> {
  static readonly eventName = 'vc-call-microphone-change';

  constructor(detail: VcCallMicrophoneChangeDetail) {
    super(VcCallMicrophoneChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
