/**
 * The call's own camera and microphone (issue 18): what it sends, muted or not, which device,
 * and what happens when one is unplugged. Each kind lives on its own: losing the camera never
 * touches the microphone's track (it used to: the device check restarted both, and the call went
 * on sending a stopped microphone while it said "Connected").
 */
import { $deviceChoices, chooseDevice, type DeviceKind } from '../media/device-choices.js';
import type { DeviceInfo, MediaLayer } from '../media/media-layer.js';

export type InputKind = Extract<DeviceKind, 'videoinput' | 'audioinput'>;

/** What changed, for the call to send, show and announce. */
export type CallMediaChange =
  | { type: 'track'; kind: InputKind }
  | { type: 'microphone'; muted: boolean }
  | { type: 'camera'; cameraOff: boolean }
  | { type: 'device'; kind: DeviceKind; deviceId: string | null; reason: 'chosen' | 'replaced' | 'lost'; label: string }
  | { type: 'device-failed'; kind: DeviceKind; label: string }
  | { type: 'unavailable'; kind: InputKind }
  | { type: 'devices' };

export class CallMedia {
  readonly #layer: MediaLayer;
  readonly #onChange: (change: CallMediaChange) => void;
  #audio: MediaStreamTrack | null;
  #video: MediaStreamTrack | null;
  #muted = false;
  #cameraOff = false;
  #speaker: string | null;
  #devices: Readonly<Record<DeviceKind, readonly DeviceInfo[]>> = { videoinput: [], audioinput: [], audiooutput: [] };
  #stopWatching: () => void;
  #ended = false;
  /** One device change at a time: a second click waits for the first to finish. */
  #queue: Promise<void> = Promise.resolve();

  constructor(layer: MediaLayer, stream: MediaStream | null, speaker: string | null, onChange: (change: CallMediaChange) => void) {
    this.#layer = layer;
    this.#onChange = onChange;
    this.#speaker = speaker;
    this.#audio = this.#adopt(stream?.getAudioTracks()[0] ?? null);
    this.#video = this.#adopt(stream?.getVideoTracks()[0] ?? null);
    this.#stopWatching = layer.onDeviceChange(() => void this.refreshDevices());
    void this.refreshDevices();
  }

  /** The track to send of each kind: null while the camera is off, or without a device. */
  get audioTrack(): MediaStreamTrack | null {
    return this.#audio;
  }
  get videoTrack(): MediaStreamTrack | null {
    return this.#cameraOff ? null : this.#video;
  }
  get muted(): boolean {
    return this.#muted;
  }
  get cameraOff(): boolean {
    return this.#cameraOff;
  }
  /** Whether the other side receives sound and pictures from us now (what the signalling tells it). */
  get sending(): { audio: boolean; video: boolean } {
    return { audio: Boolean(this.#audio) && !this.#muted, video: Boolean(this.videoTrack) };
  }
  get devices(): Readonly<Record<DeviceKind, readonly DeviceInfo[]>> {
    return this.#devices;
  }
  get speaker(): string | null {
    return this.#speaker;
  }
  inUse(kind: DeviceKind): string | null {
    if (kind === 'audiooutput') return this.#speaker;
    return (kind === 'audioinput' ? this.#audio : this.#video)?.getSettings().deviceId ?? null;
  }

  toggleMicrophone(): Promise<void> {
    return this.#serially(async () => {
      if (!this.#audio) {
        // Nothing to mute: the microphone failed or was unplugged. Try to open one now.
        if (!(await this.#open('audioinput', $deviceChoices.get().audioinput))) {
          this.#onChange({ type: 'unavailable', kind: 'audioinput' });
          return;
        }
        this.#muted = false;
        this.#onChange({ type: 'track', kind: 'audioinput' });
        this.#onChange({ type: 'microphone', muted: false });
        return;
      }
      this.#muted = !this.#muted;
      // `enabled = false` sends silence at once and keeps the device, so that unmuting is instant.
      this.#audio.enabled = !this.#muted;
      this.#onChange({ type: 'microphone', muted: this.#muted });
    });
  }

  toggleCamera(): Promise<void> {
    return this.#serially(async () => {
      if (this.#cameraOff || !this.#video) {
        if (!(await this.#open('videoinput', $deviceChoices.get().videoinput))) {
          this.#onChange({ type: 'unavailable', kind: 'videoinput' });
          return;
        }
        this.#cameraOff = false;
      } else {
        // Off means off: the device is released and its light goes out.
        this.#release(this.#video);
        this.#video = null;
        this.#cameraOff = true;
      }
      this.#onChange({ type: 'track', kind: 'videoinput' });
      this.#onChange({ type: 'camera', cameraOff: this.#cameraOff });
    });
  }

  /** Switches to another device of this kind; the old one is released once the new one works. */
  choose(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#serially(async () => {
      const label = this.#labelOf(kind, deviceId);
      if (kind === 'audiooutput') {
        chooseDevice(kind, deviceId);
        this.#speaker = deviceId;
        this.#onChange({ type: 'device', kind, deviceId, reason: 'chosen', label });
        return;
      }
      if (kind === 'videoinput' && this.#cameraOff) {
        chooseDevice(kind, deviceId); // used when the camera comes back on
        return;
      }
      if (await this.#open(kind, deviceId, true)) {
        chooseDevice(kind, deviceId);
        this.#onChange({ type: 'track', kind });
        this.#onChange({ type: 'device', kind, deviceId, reason: 'chosen', label });
      } else {
        this.#onChange({ type: 'device-failed', kind, label });
      }
    });
  }

  async refreshDevices(): Promise<void> {
    let all: readonly DeviceInfo[] = [];
    try {
      all = await this.#layer.enumerateDevices();
    } catch {
      return;
    }
    if (this.#ended) return;
    const ofKind = (kind: DeviceKind) => all.filter((device) => device.kind === kind && device.deviceId !== '');
    this.#devices = { videoinput: ofKind('videoinput'), audioinput: ofKind('audioinput'), audiooutput: ofKind('audiooutput') };
    this.#onChange({ type: 'devices' });
  }

  end(): void {
    this.#ended = true;
    this.#stopWatching();
    this.#release(this.#audio);
    this.#release(this.#video);
    this.#audio = null;
    this.#video = null;
  }

  #serially(work: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(() => (this.#ended ? undefined : work()));
    this.#queue = next.catch(() => {});
    return next;
  }

  #labelOf(kind: DeviceKind, deviceId: string | null): string {
    return this.#devices[kind].find((device) => device.deviceId === deviceId)?.label ?? '';
  }

  /** Opens a device of `kind` (this one, or the browser's choice) in place of the track in use; false when none opened. */
  async #open(kind: InputKind, deviceId: string | undefined, exact = false): Promise<boolean> {
    const constraint: MediaTrackConstraints | true = deviceId ? { deviceId: exact ? { exact: deviceId } : deviceId } : true;
    let track: MediaStreamTrack | null = null;
    try {
      const stream = await this.#layer.getUserMedia(kind === 'videoinput' ? { video: constraint } : { audio: constraint });
      track = (kind === 'videoinput' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
      for (const other of stream.getTracks()) if (other !== track) other.stop();
    } catch {
      track = null;
    }
    if (!track) return false;
    if (this.#ended) {
      track.stop();
      return false;
    }
    if (kind === 'audioinput') {
      this.#release(this.#audio);
      track.enabled = !this.#muted;
      this.#audio = this.#adopt(track);
    } else {
      this.#release(this.#video);
      this.#video = this.#adopt(track);
    }
    return true;
  }

  #adopt(track: MediaStreamTrack | null): MediaStreamTrack | null {
    // `stop()` fires no `ended`: this is the device going away (unplugged, taken by the system).
    track?.addEventListener('ended', () => void this.#lost(track));
    return track;
  }

  #release(track: MediaStreamTrack | null): void {
    track?.stop();
  }

  /** A device in use went away: take another of its kind, or go on without; the other kind is untouched. */
  #lost(track: MediaStreamTrack): Promise<void> {
    return this.#serially(async () => {
      const kind: InputKind = track.kind === 'video' ? 'videoinput' : 'audioinput';
      if ((kind === 'audioinput' ? this.#audio : this.#video) !== track) return;
      const label = track.label;
      if (kind === 'audioinput') this.#audio = null;
      else this.#video = null;
      this.#onChange({ type: 'track', kind });
      // The chosen device is the one gone: forget it, and take whatever the browser offers.
      const { [kind]: _gone, ...others } = $deviceChoices.get();
      $deviceChoices.set(others);
      await this.refreshDevices();
      if (await this.#open(kind, undefined)) {
        this.#onChange({ type: 'track', kind });
        this.#onChange({ type: 'device', kind, deviceId: this.inUse(kind), reason: 'replaced', label });
      } else {
        this.#onChange({ type: 'device', kind, deviceId: null, reason: 'lost', label });
      }
    });
  }
}
