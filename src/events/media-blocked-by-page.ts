/** The `detail` of `vc-media-blocked-by-page`. */
export type VcMediaBlockedByPageDetail = {
  /** The permissions-policy features the page forbids: `camera`, `microphone` or both. */
  features: Array<'camera' | 'microphone'>;
  /** What the embedding `<iframe>` needs, such as `allow="camera; microphone"`. */
  allow: string;
};

/**
 * For the host's developer: the page's permissions policy forbids the camera or microphone (an
 * `<iframe>` without `allow="camera; microphone"`, or a `Permissions-Policy` header), so the
 * waiting room cannot open them whatever the user does (fired by `<vc-waiting-room>` once per
 * device check; a console warning says the same; issue 16 case 9). Bubbles and is composed.
 */
export class VcMediaBlockedByPageEvent extends CustomEvent<VcMediaBlockedByPageDetail> {
  static readonly eventName = 'vc-media-blocked-by-page';

  constructor(detail: VcMediaBlockedByPageDetail) {
    super(VcMediaBlockedByPageEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}
