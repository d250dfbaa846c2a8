import type { Role } from '../core/model.js';

/** The `detail` of `vc-meeting-ready`. */
export type VcMeetingReadyDetail = { sessionId: string; role: Role };

/**
 * Both participants have entered: the host mounts its meeting now (fired once per session by `<vc-waiting-room>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcMeetingReadyEvent extends CustomEvent<VcMeetingReadyDetail> {
  static readonly eventName = 'vc-meeting-ready';

  constructor(detail: VcMeetingReadyDetail) {
    super(VcMeetingReadyEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
