/**
 * Reads `text/event-stream` with a well-kept parser (eventsource-parser: WHATWG rules, CR/LF/CRLF,
 * split chunks; 2 KB gzip, Node ≥ 18) instead of our own, and bounds what a stream can make the
 * client hold: a line or an event longer than `maxEventChars` ends the stream (issue 17.3), so a
 * server that never sends a newline cannot grow memory without bound.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface ServerSentEvent {
  /** `message` where the server named no event type (as EventSource does). */
  event: string;
  data: string;
  id: string | null;
}

/** The contract's limit on one event (and so on one line): docs/http-contract.md. */
export const MAX_EVENT_CHARS = 256 * 1024;

export class EventTooLargeError extends Error {
  constructor() {
    super('An event-stream line or event is longer than the contract allows.');
    this.name = 'EventTooLargeError';
  }
}

export class SseReader {
  readonly #parser: EventSourceParser;
  #failed: EventTooLargeError | null = null;

  constructor(onEvent: (event: ServerSentEvent) => void, maxEventChars = MAX_EVENT_CHARS) {
    this.#parser = createParser({
      maxBufferSize: maxEventChars,
      onEvent: (message) => {
        // An event whose data alone fits but whose lines add up past the limit is refused too.
        if (message.data.length > maxEventChars) throw new EventTooLargeError();
        onEvent({ event: message.event ?? 'message', data: message.data, id: message.id ?? null });
      },
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.#failed = new EventTooLargeError();
      },
    });
  }

  /** Feeds decoded text; throws `EventTooLargeError` once the stream broke the size limit. */
  push(chunk: string): void {
    if (this.#failed) throw this.#failed;
    this.#parser.feed(chunk);
    if (this.#failed) throw this.#failed;
  }
}
