import type { RequestStatus } from '../core/model.js';

/** The `detail` of `vc-request-sent`. */
export type VcRequestSentDetail = { requestId: string; providerId: string; serviceId: string | null; status: RequestStatus };

/**
 * Outcome: the request reached the server.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestSentEvent extends CustomEvent<VcRequestSentDetail> {
  static readonly eventName = 'vc-request-sent';

  constructor(detail: VcRequestSentDetail) {
    super(VcRequestSentEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
