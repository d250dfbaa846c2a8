// docs/meeting.md — an embedded product: the host's own video element mounted inside the waiting
// room, given the session's ids and a short-lived join token from the host's own backend.
import type { MeetingAdapter, MeetingContext, MeetingHandle } from '@virtual-clinic/sdk';

/** Stands in for a vendor's element, such as <acme-video-room room="…" token="…">. */
export class AcmeVideoRoom extends HTMLElement {
  leave(): void {
    this.dispatchEvent(new Event('acme-left'));
  }
}
if (!customElements.get('acme-video-room')) customElements.define('acme-video-room', AcmeVideoRoom);

export class AcmeMeetingAdapter implements MeetingAdapter {
  // The product opens the camera itself: the waiting room releases its own check first.
  readonly usesLocalStream = false;

  readonly #joinToken: (sessionId: string) => Promise<string>;

  constructor(joinToken: (sessionId: string) => Promise<string>) {
    this.#joinToken = joinToken;
  }

  start(context: MeetingContext): MeetingHandle {
    const room = document.createElement('acme-video-room');
    room.setAttribute('room', context.sessionId);
    room.setAttribute('aria-label', context.term('call.remote-video', { name: context.peerName }));
    // Hanging up in the product leaves the session, which ends it for both.
    room.addEventListener('acme-left', () => context.leave());
    context.container.append(room);
    void this.#joinToken(context.sessionId).then((token) => room.setAttribute('token', token));
    return { end: () => room.remove() };
  }
}

// In the page:
// document.querySelector('vc-waiting-room').meetingAdapter =
//   new AcmeMeetingAdapter(async (id) => (await fetch(`/my-backend/video-token?session=${id}`)).text());
