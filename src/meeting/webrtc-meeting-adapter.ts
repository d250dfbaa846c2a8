/**
 * The built-in meeting: a two-party video call over WebRTC, signalled through the clinic's own
 * transport (`clinic.sendSignal` → `POST /sessions/{id}/signal` → the other participant's live
 * stream), so a host needs no signalling server of its own.
 *
 * The protocol, every message addressed from one call to another by a random id per call (so
 * that a reloaded tab, or a second tab, never confuses the two):
 * - each call says `hello` when it starts listening, and again every few seconds until it hears
 *   from the other side (a hello that arrived before anyone listened is not lost for good);
 *   the answering side replies to a first hello with a `hello` of its own;
 * - the offering side (the provider, unless set otherwise) answers any hello from a new call with
 *   a fresh connection and an `offer`; the other side answers it with an `answer`;
 * - ICE candidates trickle as `candidate`, held until the description they belong to is set;
 * - `bye` when a call ends; the other side then waits for a new hello.
 * - every message carries `media`, what its sender sends now (`{ audio, video }`: false when
 *   muted or the camera is off), so that the other side shows "muted" and "camera off"; a change
 *   goes out as a `hello` with `reply: true`, which older calls ignore;
 * - an offer carries its `connection` id: a new id is a new peer connection, the same id a
 *   renegotiation of the one in place (an ICE restart); the answering side asks for one with a
 *   `hello` carrying `restart: true`.
 *
 * Recovery (issue 18 §2): when the connection drops, both sides show "Reconnecting…" and the
 * offering side restarts ICE on the same connection (the tracks stay), again every
 * `restartIntervalMs` while it has not come back, with fresh TURN credentials; after
 * `reconnectTimeoutMs` the call says it could not recover and offers **Try Again**. A reloaded
 * page is a new call that says hello, and the other side connects to it.
 *
 * ICE servers: `iceServers` when given; otherwise the clinic's `GET /ice-servers` (short-lived
 * TURN credentials), asked again before they expire (the connection in place takes them with
 * `setConfiguration`, for its next ICE restart) and whenever the TURN server refuses them. An
 * offer carries an `offer` id that its answer repeats: the offering side takes only the answer to
 * its latest offer, and restarts ICE only after a connection's first offer has been answered.
 *
 * Autoplay: the remote video plays with sound where the browser allows it (after a click on the
 * page, which entering the waiting room was). Where it refuses, the video plays muted and a
 * **Turn On Sound** button unmutes it on the user's click.
 */
import { loadOnDemand } from '../core/load-on-demand.js';
import type { MeetingAdapter, MeetingContext, MeetingHandle } from './meeting-adapter.js';
import type { WebRtcMeetingAdapterOptions } from './webrtc-call.types.js';

export { CALL_STATES, type CallState, type WebRtcMeetingAdapterOptions } from './webrtc-call.types.js';

export class WebRtcMeetingAdapter implements MeetingAdapter {
  readonly usesLocalStream = true;
  readonly #options: WebRtcMeetingAdapterOptions;

  constructor(options: WebRtcMeetingAdapterOptions = {}) {
    this.#options = options;
  }

  start(context: MeetingContext): MeetingHandle {
    // The call's code loads now, not with the page (issue 15.3): a host with its own adapter never
    // needs it. Meanwhile the container says so; a failed load (offline, blocked) says so too,
    // with Try Again.
    let call: MeetingHandle | null = null;
    let ended = false;
    const note = document.createElement('p');
    note.part.add('call-status');
    note.tabIndex = -1;
    const load = () => {
      const hadFocus = note.contains(note.getRootNode() instanceof ShadowRoot ? (note.getRootNode() as ShadowRoot).activeElement : null);
      note.setAttribute('role', 'status');
      note.replaceChildren(context.term('call.loading'));
      context.container.append(note);
      // Try Again went away with the message: focus stays on the note, not lost to the page.
      if (hadFocus) note.focus();
      loadOnDemand('meeting/webrtc-call', () => import('./webrtc-call.js')).then(
        ({ WebRtcCall }) => {
          note.remove();
          if (!ended) call = new WebRtcCall(context, this.#options);
        },
        () => {
          if (ended) return;
          const retry = document.createElement('button');
          retry.type = 'button';
          retry.part.add('call-retry-button');
          retry.textContent = context.term('call.retry');
          retry.addEventListener('click', load);
          note.setAttribute('role', 'alert');
          note.replaceChildren(context.term('call.unavailable'), ' ', retry);
        },
      );
    };
    load();
    return {
      end() {
        if (ended) return;
        ended = true;
        note.remove();
        call?.end();
        for (const track of context.localStream?.getTracks() ?? []) track.stop();
      },
    };
  }
}
