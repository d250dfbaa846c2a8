/** The `detail` of `vc-call-camera-change`. */
export type VcCallCameraChangeDetail = { sessionId: string; cameraOff: boolean };

/**
 * The built-in call: the user turned their camera off or on.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcCallCameraChangeEvent extends CustomEvent<VcCallCameraChangeDetail> {
  static readonly eventName = 'vc-call-camera-change';

  constructor(detail: VcCallCameraChangeDetail) {
    super(VcCallCameraChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
