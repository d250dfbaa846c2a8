/** The `detail` of `vc-sound-blocked`. */
export type VcSoundBlockedDetail = {
  /** Why the browser refuses sound: its autoplay policy (no click or key press on the page yet). */
  reason: 'autoplay-policy';
};

/**
 * The chime should ring (or the sound switch is on) and the browser refuses to play sound until
 * the user clicks the page (fired by `<vc-alerts>` once each time sound becomes blocked; issue 16
 * case 5). `<vc-alerts>` shows "Sound is blocked: click to turn it on" (part `sound-blocked`); a host
 * may also ask the user to click in its own words. Bubbles and is composed.
 */
export class VcSoundBlockedEvent extends CustomEvent<VcSoundBlockedDetail> {
  static readonly eventName = 'vc-sound-blocked';

  constructor(detail: VcSoundBlockedDetail) {
    super(VcSoundBlockedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
