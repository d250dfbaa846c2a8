/** The `detail` of `vc-call-device-change`. */
export type VcCallDeviceChangeDetail = { sessionId: string; kind: 'videoinput' | 'audioinput' | 'audiooutput'; deviceId: string | null; reason: 'chosen' | 'replaced' | 'lost' };

/**
 * The built-in call: another camera, microphone or speaker is in use, chosen by the user (`chosen`), taken over after the one in use was disconnected (`replaced`), or none is left (`lost`, `deviceId` null). Device ids only, never their labels.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcCallDeviceChangeEvent extends CustomEvent<VcCallDeviceChangeDetail> {
  static readonly eventName = 'vc-call-device-change';

  constructor(detail: VcCallDeviceChangeDetail) {
    super(VcCallDeviceChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
