/**
 * Media for tests: a media layer that fails the way real machines do (injected, never by patching
 * `navigator`), delegating to Chromium's fake camera and microphone otherwise; and waits on what a
 * user would see or hear.
 */
import { waitUntil } from '@open-wc/testing';
import { browserMediaLayer, type DeviceInfo, type MediaLayer } from '../../src/media/media-layer.js';
import { watchLevel } from '../../src/media/level-meter.js';

export interface FakeMediaLayer extends MediaLayer {
  secure: boolean;
  supported: boolean;
  /** The DOMException name each kind fails with, while set. */
  fail: { video?: string; audio?: string };
  /** Every getUserMedia call's constraints. */
  readonly calls: MediaStreamConstraints[];
  /** Every stream handed out, to check that each track was released. */
  readonly streams: MediaStream[];
  /** Replaces the device list (null: the browser's own). */
  devices: DeviceInfo[] | null;
  /** As if a device was plugged in or out. */
  deviceChange(): void;
  /** Devices of our own, by id: a `getUserMedia` asking for one exactly gets this stream. */
  custom: Record<string, () => MediaStream>;
  /** Every `setSpeaker` call: the element and the speaker's id. */
  readonly speakers: Array<{ element: HTMLMediaElement; deviceId: string }>;
}

export function fakeMediaLayer(fail: FakeMediaLayer['fail'] = {}): FakeMediaLayer {
  const listeners = new Set<() => void>();
  const layer: FakeMediaLayer = {
    secure: true,
    supported: true,
    canChooseSpeaker: false,
    fail,
    calls: [],
    streams: [],
    devices: null,
    custom: {},
    speakers: [],
    async getUserMedia(constraints) {
      layer.calls.push(constraints);
      const asked = (c: boolean | MediaTrackConstraints | undefined) => (typeof c === 'object' ? (c.deviceId as { exact?: string } | string | undefined) : undefined);
      const id = asked(constraints.video) ?? asked(constraints.audio);
      const own = layer.custom[typeof id === 'object' ? (id.exact ?? '') : (id ?? '')];
      if (own) {
        const stream = own();
        layer.streams.push(stream);
        return stream;
      }
      const failure = (constraints.video && layer.fail.video) || (constraints.audio && layer.fail.audio);
      if (failure) throw new DOMException(`Simulated ${failure}`, failure);
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      layer.streams.push(stream);
      return stream;
    },
    async enumerateDevices() {
      return layer.devices ?? browserMediaLayer.enumerateDevices();
    },
    onDeviceChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async setSpeaker(element, deviceId) {
      layer.speakers.push({ element, deviceId });
      return layer.canChooseSpeaker;
    },
    deviceChange() {
      for (const listener of listeners) listener();
    },
  };
  return layer;
}

/** Every track of these streams has been stopped (the camera light is off). */
export function allEnded(streams: readonly (MediaStream | null | undefined)[]): boolean {
  return streams.every((stream) => !stream || stream.getTracks().every((track) => track.readyState === 'ended'));
}

/** Waits until the video (looked up afresh each time: it may not be rendered yet) shows pictures of a live stream. */
export async function waitForPicture(find: () => HTMLVideoElement | null | undefined, message = 'a picture in the video'): Promise<void> {
  await waitUntil(
    () => {
      const video = find();
      const stream = video?.srcObject as MediaStream | null | undefined;
      return Boolean(video && stream?.getVideoTracks().some((track) => track.readyState === 'live') && video.videoWidth > 0);
    },
    message,
    // Generous: a relayed call on a two-core machine under a full test run (load 20) took over 15 s.
    { timeout: 30_000 },
  );
}

/** Waits until the stream's sound is heard (Chromium's fake microphone beeps). */
export async function waitForSound(stream: MediaStream | null | undefined, message = 'sound in the stream'): Promise<void> {
  if (!stream) throw new Error(`${message}: no stream`);
  let loudest = 0;
  const meter = watchLevel(stream, (level) => (loudest = Math.max(loudest, level)), { intervalMs: 50 });
  try {
    await waitUntil(() => loudest > 0.2, message, { timeout: 15_000 });
  } finally {
    meter.stop();
  }
}

/** A camera of one colour: a canvas painted `color`, captured. */
export function colourCamera(color: string): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  const context = canvas.getContext('2d')!;
  const paint = () => {
    context.fillStyle = color;
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  paint();
  const stream = canvas.captureStream(15);
  // A captured canvas sends a frame only when painted: keep painting while the track lives.
  const timer = setInterval(() => (stream.getVideoTracks()[0]?.readyState === 'ended' ? clearInterval(timer) : paint()), 50);
  return stream;
}

/** The colour in the middle of the video's current picture, as [r, g, b]. */
export function colourOf(video: HTMLVideoElement): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 12;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const [r, g, b] = context.getImageData(8, 6, 1, 1).data;
  return [r!, g!, b!];
}

/** A microphone playing a steady tone (unlike the fake microphone's beeps). */
export function toneMicrophone(): MediaStream {
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  const destination = audio.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  const stream = destination.stream;
  stream.getAudioTracks()[0]!.addEventListener('ended', () => void audio.close());
  return stream;
}

/** Waits until the stream has been silent (no level over `threshold`) for `quietMs` in a row. */
export async function waitForSilence(stream: MediaStream | null | undefined, message = 'silence in the stream', quietMs = 2500, threshold = 0.05): Promise<void> {
  if (!stream) throw new Error(`${message}: no stream`);
  let lastLoud = performance.now();
  const meter = watchLevel(stream, (level) => {
    if (level > threshold) lastLoud = performance.now();
  }, { intervalMs: 50 });
  try {
    await waitUntil(() => performance.now() - lastLoud > quietMs, message, { timeout: 20_000 });
  } finally {
    meter.stop();
  }
}

/** The number of video frames the element has shown so far. */
export function framesShown(video: HTMLVideoElement): number {
  return video.getVideoPlaybackQuality().totalVideoFrames;
}
