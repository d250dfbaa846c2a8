import type { DeclineReason, RequestStatus } from '../core/model.js';

/** The `detail` of `vc-request-changed`. */
export type VcRequestChangedDetail = { requestId: string; status: RequestStatus; declineReason: DeclineReason | null; providerId: string; requesterId: string };

/**
 * A request concerning this user changed status, here or elsewhere (fired by `<vc-clinic>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestChangedEvent extends CustomEvent<VcRequestChangedDetail> {
  static readonly eventName = 'vc-request-changed';

  constructor(detail: VcRequestChangedDetail) {
    super(VcRequestChangedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
