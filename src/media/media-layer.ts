/**
 * The one door to the browser's cameras, microphones and speakers. Everything else in the SDK
 * asks this interface, never `navigator.mediaDevices`, so that a test (or a host with its own
 * device handling) can hand in another layer: one that fails the way a real machine does.
 */

/** What the SDK needs to know of a device (a subset of `MediaDeviceInfo`, easy to fake). */
export interface DeviceInfo {
  readonly deviceId: string;
  readonly kind: MediaDeviceKind;
  /** Empty until the user allowed the camera or microphone once. */
  readonly label: string;
}

export interface MediaLayer {
  /** False on a page that is not a secure context (http: other than localhost): no device can be used. */
  readonly secure: boolean;
  /** False where the browser offers no `getUserMedia` at all. */
  readonly supported: boolean;
  /** Whether the page may choose where sound plays (`HTMLMediaElement.setSinkId`). */
  readonly canChooseSpeaker: boolean;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<readonly DeviceInfo[]>;
  /** Calls `listener` when a device is plugged in or out; returns the function that stops listening. */
  onDeviceChange(listener: () => void): () => void;
  /** Plays `element`'s sound on the speaker `deviceId`; resolves false where it cannot. */
  setSpeaker(element: HTMLMediaElement, deviceId: string): Promise<boolean>;
  /**
   * Whether the page's permissions policy lets it use `feature` at all (false in an `<iframe>`
   * without `allow="camera; microphone"`, or under a `Permissions-Policy` header that forbids it):
   * then no click of the user's can help, only the embedding page (issue 16 case 9). Absent or
   * unknown: assumed allowed.
   */
  allows?(feature: MediaFeature): boolean;
}

/** The permissions-policy features of the camera and the microphone. */
export type MediaFeature = 'camera' | 'microphone';

type PolicyDocument = Document & {
  permissionsPolicy?: { allowsFeature(feature: string): boolean };
  featurePolicy?: { allowsFeature(feature: string): boolean };
};

type SinkableMedia = HTMLMediaElement & { setSinkId?: (deviceId: string) => Promise<void> };

/**
 * The devices of the window `view()` gives, under its permissions policy. Read lazily, so that
 * importing this module touches nothing.
 */
function layerOf(view: () => (Window & typeof globalThis) | undefined): MediaLayer {
  const devices = () => view()?.navigator?.mediaDevices;
  return {
    get secure() {
      return view()?.isSecureContext !== false;
    },
    get supported() {
      return typeof devices()?.getUserMedia === 'function';
    },
    get canChooseSpeaker() {
      return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
    },
    getUserMedia: (constraints) => devices()!.getUserMedia(constraints),
    async enumerateDevices() {
      return (await devices()?.enumerateDevices?.()) ?? [];
    },
    onDeviceChange(listener) {
      const watched = devices();
      watched?.addEventListener('devicechange', listener);
      return () => watched?.removeEventListener('devicechange', listener);
    },
    async setSpeaker(element, deviceId) {
      const media = element as SinkableMedia;
      if (typeof media.setSinkId !== 'function') return false;
      try {
        await media.setSinkId(deviceId);
        return true;
      } catch {
        return false;
      }
    },
    allows(feature) {
      // Chromium's permissionsPolicy (featurePolicy before); true where the browser cannot say.
      const document = view()?.document as PolicyDocument | undefined;
      const policy = document?.permissionsPolicy ?? document?.featurePolicy;
      try {
        return policy ? policy.allowsFeature(feature) : true;
      } catch {
        return true;
      }
    },
  };
}

/** The browser's own devices. */
export const browserMediaLayer: MediaLayer = layerOf(() => globalThis.window);

/**
 * The media layer of another window (an `<iframe>`'s `contentWindow`): its devices, under its
 * permissions policy. The SDK itself uses `browserMediaLayer`; tests and hosts that run the SDK
 * for a frame use this.
 */
export function windowMediaLayer(view: Window): MediaLayer {
  return layerOf(() => view as Window & typeof globalThis);
}
