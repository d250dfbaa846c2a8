/**
 * The user's own camera and microphone for one waiting room: opens them (the chosen ones), says
 * what went wrong for each in words a user can act on, lists the devices to choose from, follows
 * devices being plugged in or out, and releases everything on `stop()`.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { $deviceChoices, chooseDevice, type DeviceKind } from './device-choices.js';
import type { DeviceInfo, MediaLayer } from './media-layer.js';
import { mediaProblemOf, type MediaProblem } from './media-problem.js';

export const MEDIA_STATUSES = ['idle', 'starting', 'live', 'failed'] as const;
/** `live`: a stream with at least a camera or a microphone; `failed`: neither could be opened. */
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** What is wrong with each side, if anything: a stream may carry the microphone without the camera. */
export interface MediaProblems {
  camera: MediaProblem | null;
  microphone: MediaProblem | null;
}

export interface LocalMediaState {
  status: MediaStatus;
  stream: MediaStream | null;
  problems: MediaProblems;
  devices: Readonly<Record<DeviceKind, readonly DeviceInfo[]>>;
  /** The device of each kind in use now: the tracks' own, and the chosen speaker. */
  inUse: Readonly<Partial<Record<DeviceKind, string>>>;
}

const NO_PROBLEMS: MediaProblems = { camera: null, microphone: null };
export const IDLE_MEDIA_STATE: LocalMediaState = {
  status: 'idle',
  stream: null,
  problems: NO_PROBLEMS,
  devices: { videoinput: [], audioinput: [], audiooutput: [] },
  inUse: {},
};
/** A device that keeps failing must not make the camera restart forever. */
const MAX_AUTOMATIC_RESTARTS = 3;

type Acquired = { stream: MediaStream | null; problems: MediaProblems };

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The chosen device where there is one: `exact`, because Chrome ignores an `ideal` device while another track holds one. */
function constraintFor(deviceId: string | undefined): MediaTrackConstraints | true {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

export class LocalMedia {
  readonly #state = atom<LocalMediaState>(IDLE_MEDIA_STATE);
  readonly #layer: MediaLayer;
  #generation = 0;
  #opening: Promise<MediaStream | null> | null = null;
  #stopWatchingDevices: (() => void) | null = null;
  #automaticRestarts = 0;

  constructor(layer: MediaLayer) {
    this.#layer = layer;
  }

  get $state(): ReadableAtom<LocalMediaState> {
    return this.#state;
  }

  get state(): LocalMediaState {
    return this.#state.get();
  }

  /** Opens the camera and microphone, unless they are open or opening; resolves to the stream (null when neither opened). */
  start(): Promise<MediaStream | null> {
    if (this.#opening) return this.#opening;
    const { status, stream } = this.state;
    if (status === 'live' || status === 'failed') return Promise.resolve(stream);
    return this.#open();
  }

  /** Opens them again: Try Again, or another device chosen. */
  restart(): Promise<MediaStream | null> {
    this.#release();
    return this.#open();
  }

  /** Remembers the user's choice for this page and, for a camera or microphone in use, switches to it. */
  async choose(kind: DeviceKind, deviceId: string): Promise<void> {
    chooseDevice(kind, deviceId);
    if (kind === 'audiooutput') this.#state.set({ ...this.state, inUse: { ...this.state.inUse, audiooutput: deviceId } });
    else if (this.state.status !== 'idle') await this.restart();
  }

  /**
   * Gives the stream to its next owner (the call) and forgets it, without stopping its tracks:
   * from now on, a device unplugged is the call's business, not this check's (which used to
   * restart both devices, and stop the microphone the call was sending).
   */
  handOver(): MediaStream | null {
    const stream = this.state.stream;
    this.#generation++;
    this.#opening = null;
    this.#stopWatchingDevices?.();
    this.#stopWatchingDevices = null;
    this.#automaticRestarts = 0;
    this.#state.set(IDLE_MEDIA_STATE);
    return stream;
  }

  /** Releases the devices (the camera light goes off) and forgets the state. */
  stop(): void {
    this.#release();
    this.#stopWatchingDevices?.();
    this.#stopWatchingDevices = null;
    this.#automaticRestarts = 0;
    this.#state.set(IDLE_MEDIA_STATE);
  }

  #release(): void {
    this.#generation++;
    this.#opening = null;
    stopTracks(this.state.stream);
  }

  #open(): Promise<MediaStream | null> {
    const generation = ++this.#generation;
    this.#state.set({ ...this.state, status: 'starting', stream: null, problems: NO_PROBLEMS });
    this.#watchDevices();
    const opening = (async () => {
      const { stream, problems } = await this.#acquire();
      const devices = generation === this.#generation ? await this.#listDevices() : IDLE_MEDIA_STATE.devices;
      if (generation !== this.#generation) {
        stopTracks(stream); // stopped or restarted meanwhile: this stream is nobody's
        return null;
      }
      this.#opening = null;
      for (const track of stream?.getTracks() ?? []) {
        // `stop()` fires no `ended`: this is the device going away (unplugged, taken by the system).
        track.addEventListener('ended', () => {
          if (generation === this.#generation && this.#automaticRestarts++ < MAX_AUTOMATIC_RESTARTS) void this.restart();
        });
      }
      this.#state.set({ status: stream ? 'live' : 'failed', stream, problems, devices, inUse: this.#inUse(stream) });
      return stream;
    })();
    this.#opening = opening;
    return opening;
  }

  async #acquire(): Promise<Acquired> {
    const layer = this.#layer;
    const both = (problem: MediaProblem): Acquired => ({ stream: null, problems: { camera: problem, microphone: problem } });
    if (!layer.secure) return both('insecure');
    if (!layer.supported) return both('unsupported');
    // Forbidden by the page's permissions policy: asking would fail as if the user had refused,
    // and tell them to change a setting that cannot help (issue 16 case 9).
    const forbidden = { camera: layer.allows?.('camera') === false, microphone: layer.allows?.('microphone') === false };
    if (forbidden.camera && forbidden.microphone) return both('blocked-by-page');
    const choices = $deviceChoices.get();
    if (!forbidden.camera && !forbidden.microphone) {
      try {
        return { stream: await layer.getUserMedia({ video: constraintFor(choices.videoinput), audio: constraintFor(choices.audioinput) }), problems: NO_PROBLEMS };
      } catch (error) {
        const problem = mediaProblemOf(error);
        if (problem === 'permission-denied') return both(problem);
      }
    }
    // Often only one of the two is missing, busy or forbidden: open each alone, and say which one failed.
    const blocked = { stream: null, problem: 'blocked-by-page' } as const;
    const camera = forbidden.camera ? blocked : await this.#openOne('videoinput');
    const microphone = forbidden.microphone ? blocked : await this.#openOne('audioinput');
    const tracks = [...(camera.stream?.getTracks() ?? []), ...(microphone.stream?.getTracks() ?? [])];
    return { stream: tracks.length > 0 ? new MediaStream(tracks) : null, problems: { camera: camera.problem, microphone: microphone.problem } };
  }

  async #openOne(kind: 'videoinput' | 'audioinput'): Promise<{ stream: MediaStream | null; problem: MediaProblem | null }> {
    const open = async (deviceId: string | undefined) => {
      const constraint = constraintFor(deviceId);
      try {
        return { stream: await this.#layer.getUserMedia(kind === 'videoinput' ? { video: constraint } : { audio: constraint }), problem: null };
      } catch (error) {
        return { stream: null, problem: mediaProblemOf(error) };
      }
    };
    const chosen = $deviceChoices.get()[kind];
    const opened = await open(chosen);
    if (opened.problem !== 'no-device' || !chosen) return opened;
    // The chosen device is gone (unplugged since): forget it and take the browser's choice.
    const { [kind]: _gone, ...others } = $deviceChoices.get();
    $deviceChoices.set(others);
    return open(undefined);
  }

  async #listDevices(): Promise<LocalMediaState['devices']> {
    let all: readonly DeviceInfo[] = [];
    try {
      all = await this.#layer.enumerateDevices();
    } catch {
      // No list: the user keeps the devices the browser picked.
    }
    const ofKind = (kind: DeviceKind) => all.filter((device) => device.kind === kind && device.deviceId !== '');
    return { videoinput: ofKind('videoinput'), audioinput: ofKind('audioinput'), audiooutput: ofKind('audiooutput') };
  }

  #inUse(stream: MediaStream | null): LocalMediaState['inUse'] {
    const deviceOf = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId;
    const inUse: Partial<Record<DeviceKind, string>> = {};
    const video = deviceOf(stream?.getVideoTracks()[0]);
    const audio = deviceOf(stream?.getAudioTracks()[0]);
    const speaker = $deviceChoices.get().audiooutput;
    if (video) inUse.videoinput = video;
    if (audio) inUse.audioinput = audio;
    if (speaker) inUse.audiooutput = speaker;
    return inUse;
  }

  #watchDevices(): void {
    this.#stopWatchingDevices ??= this.#layer.onDeviceChange(() => void this.#devicesChanged());
  }

  async #devicesChanged(): Promise<void> {
    const { status, problems } = this.state;
    if (status === 'idle' || status === 'starting') return;
    // Something was plugged in where nothing was found: try it at once, without a click.
    if (problems.camera === 'no-device' || problems.microphone === 'no-device') {
      await this.restart();
      return;
    }
    const generation = this.#generation;
    const devices = await this.#listDevices();
    if (generation === this.#generation) this.#state.set({ ...this.state, devices });
  }
}
