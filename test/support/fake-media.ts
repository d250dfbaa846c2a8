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
    async getUserMedia(constraints) {
      layer.calls.push(constraints);
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
    setSpeaker: async () => false,
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
    { timeout: 15_000 },
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
