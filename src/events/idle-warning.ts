/** The `detail` of `vc-idle-warning`. */
export type VcIdleWarningDetail = { secondsLeft: number };

/**
 * The idle timeout is near: the warning is on screen and the session ends in `secondsLeft` seconds unless the user acts (fired by `<vc-idle-guard>`).
 * Bubbles and is composed, so a host hears it outside any shadow root.
 */
export class VcIdleWarningEvent extends CustomEvent<VcIdleWarningDetail> {
  static readonly eventName = 'vc-idle-warning';

  constructor(detail: VcIdleWarningDetail) {
    super(VcIdleWarningEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
