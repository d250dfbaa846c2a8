/**
 * The simplest meeting: a link to the host's own video product, built from the session's ids.
 * A browser blocks a window that a page opens without a click, and the meeting starts on the
 * other participant's move, so the link is always shown; `autoOpen` also tries to open it at once.
 */
import type { MeetingAdapter, MeetingContext, MeetingHandle, MeetingIds } from './meeting-adapter.js';

export interface UrlMeetingAdapterOptions {
  /** The meeting's address for these ids (http or https; anything else is refused). */
  url(ids: MeetingIds): string;
  /** Where the link opens (default `_blank`, a new tab). */
  target?: string;
  /** Also try to open the meeting at once (default false). */
  autoOpen?: boolean;
}

function safeUrl(raw: string): string | null {
  try {
    const url = new URL(raw, globalThis.location?.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export class UrlMeetingAdapter implements MeetingAdapter {
  /** The host's product opens the camera itself: the waiting room lets go of it first. */
  readonly usesLocalStream = false;
  readonly #options: UrlMeetingAdapterOptions;

  constructor(options: UrlMeetingAdapterOptions) {
    this.#options = options;
  }

  start(context: MeetingContext): MeetingHandle {
    const { sessionId, requestId, role, selfUserId, peerUserId } = context;
    const href = safeUrl(this.#options.url({ sessionId, requestId, role, selfUserId, peerUserId }));
    const target = this.#options.target ?? '_blank';
    const box = document.createElement('p');
    box.part.add('meeting-link-box');
    if (href) {
      const link = document.createElement('a');
      link.part.add('meeting-link');
      link.href = href;
      link.target = target;
      link.rel = 'noopener noreferrer';
      link.textContent = context.term('call.join-link', { name: context.peerName });
      box.append(link);
      if (target === '_blank') box.append(' ', context.term('call.join-hint'));
      if (this.#options.autoOpen) globalThis.open?.(href, target, 'noopener');
    } else {
      box.textContent = context.term('call.no-link');
    }
    context.container.append(box);
    return { end: () => box.remove() };
  }
}
