import type { ErrorCode } from '../core/errors/error-codes.js';
import type { CommandType } from '../core/model.js';

/** The `detail` of `vc-error`. */
export type VcErrorDetail = { action: CommandType | 'connect'; targetId: string; code: ErrorCode };

/**
 * An action failed; the tag shows the message, the host may log the code. `action` `connect` (fired by `<vc-clinic>`, `targetId` empty): the connection cannot work as set up, `misconfigured` or `token-unavailable` (issues 16.10, 17.7).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcErrorEvent extends CustomEvent<VcErrorDetail> {
  static readonly eventName = 'vc-error';

  constructor(detail: VcErrorDetail) {
    super(VcErrorEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
