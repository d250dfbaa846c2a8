/**
 * The hand-off from the waiting room to the meeting itself (SPEC X5). Once both participants have
 * entered, `<vc-waiting-room>` calls its adapter's `start()` with the session's ids and an empty
 * container; `end()` follows when the session ends, the user leaves, or the element leaves the page.
 *
 * The SDK ships two adapters: `WebRtcMeetingAdapter` (a built-in two-party video call, signalled
 * through the clinic's own transport) and `UrlMeetingAdapter` (a link to the host's meeting URL).
 * A host with its own video product writes a third: mount its element in `container`, or open its
 * URL, from the ids below.
 */
import type { IceServers, Role, SignalType } from '../core/model.js';
import type { MediaLayer } from '../media/media-layer.js';
import type { MessageKey } from '../i18n/en.js';

/** Who meets whom: what a host's video product needs to find or create its room. */
export interface MeetingIds {
  sessionId: string;
  requestId: string;
  /** The signed-in user's side. */
  role: Role;
  selfUserId: string;
  peerUserId: string;
}

/** Messages to and from the other participant's adapter, relayed by the clinic's backend. */
export interface SignalChannel {
  /** Sends a message; resolves false when the backend refused it (the session ended, the network is down). */
  send(type: SignalType, payload: unknown): Promise<boolean>;
  /** Listens to the other participant's messages in this session; returns the function that stops listening. */
  listen(listener: (type: SignalType, payload: unknown) => void): () => void;
}

export interface MeetingContext extends MeetingIds {
  /** The other participant's name, for labels. */
  peerName: string;
  /** An empty element inside the waiting room, for the meeting's own markup. */
  container: HTMLElement;
  /**
   * The camera and microphone checked in the waiting room, when the adapter `usesLocalStream`
   * (null when neither could be opened: join without them). The adapter may stop its tracks.
   */
  localStream: MediaStream | null;
  /** The speaker chosen in the device check, where the browser lets a page choose one. */
  audioOutputId: string | null;
  signals: SignalChannel;
  /** Leaves the session, which ends it for both: for a meeting's own hang-up button. */
  leave(): void;
  /** The waiting room's strings, in its language. */
  term(key: MessageKey, params?: Record<string, string | number>): string;
  /** Plays `element`'s sound on the chosen speaker (does nothing where the browser cannot). */
  routeAudio(element: HTMLMediaElement): void;
  /** Where cameras, microphones and speakers come from during the meeting (default: the browser's). */
  mediaLayer?: MediaLayer;
  /** Says `text` once to screen readers, through the waiting room's live region. */
  announce?(text: string): void;
  /** Fresh ICE servers with short-lived TURN credentials from the clinic's backend (null: none offered). */
  iceServers?(): Promise<IceServers | null>;
}

export interface MeetingHandle {
  /** Ends the meeting here: release the devices and connections it holds, remove its markup. Called once. */
  end(): void;
}

export interface MeetingAdapter {
  /**
   * true: the waiting room hands its checked camera and microphone over as `localStream`.
   * false: it releases them before `start()`, so that the host's product can open them itself
   * (on Windows a camera held by one program fails to open in another).
   */
  readonly usesLocalStream: boolean;
  start(context: MeetingContext): MeetingHandle;
}
