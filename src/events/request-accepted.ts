/** The `detail` of `vc-request-accepted`. */
export type VcRequestAcceptedDetail = { requestId: string; sessionId: string; enter: boolean };

/**
 * Outcome: the server accepted; `sessionId` is the new session (R8); `enter`: the provider chose
 * **Accept and Enter**. Fired on both sides: by `<vc-request-queue>` when the provider's own accept
 * succeeds, by `<vc-provider-list>` when the requester's request is accepted (there `enter` is
 * false: the requester enters from the waiting room) (issue 19.8).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcRequestAcceptedEvent extends CustomEvent<VcRequestAcceptedDetail> {
  static readonly eventName = 'vc-request-accepted';

  constructor(detail: VcRequestAcceptedDetail) {
    super(VcRequestAcceptedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
