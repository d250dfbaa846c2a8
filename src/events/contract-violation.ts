import type { ContractViolation } from '../core/contract/parse.js';

/**
 * The `detail` of `vc-contract-violation`: `source` (`snapshot`, `event`, `command`), the record's
 * `kind` (`provider`, `request`, `session`, `signal`, or `event` for a live event's envelope) and
 * `id` (null where the id itself was bad), the bad `field` inside it (`name`, `requester.name`),
 * its `path` in the payload, and `dropped`: `record` (left out) or `field` (kept without it).
 * Never the value, which may hold a name or a note.
 */
export type VcContractViolationDetail = Readonly<ContractViolation>;

/**
 * The backend sent a record that breaks the contract (issue 17.4): it was left out, or shown
 * without the bad field, and everything else goes on (fired by `<vc-clinic>`). The console also
 * names the field once.
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcContractViolationEvent extends CustomEvent<VcContractViolationDetail> {
  static readonly eventName = 'vc-contract-violation';

  constructor(detail: VcContractViolationDetail) {
    super(VcContractViolationEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
