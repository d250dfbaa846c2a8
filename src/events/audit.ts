import type { AuditRecord } from '../core/audit.js';

/** The `detail` of `vc-audit`. */
export type VcAuditDetail = AuditRecord;

/**
 * A state change the user asked for ended: who, what, which ids, when, and the outcome; never free text (fired by `<vc-clinic>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcAuditEvent extends CustomEvent<VcAuditDetail> {
  static readonly eventName = 'vc-audit';

  constructor(detail: VcAuditDetail) {
    super(VcAuditEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
