/**
 * The HTTP transport's live stream, read: from the bytes of an open `GET events` answer to the
 * typed events that the live sync takes. Server-sent events are framed by a well-kept parser
 * (eventsource-parser: WHATWG rules, CR/LF/CRLF, split chunks; 2 KB gzip, Node ≥ 18) instead of
 * our own; what a stream can make the client hold is bounded (a line or an event longer than
 * `maxEventChars` ends the stream, issue 17.3); each `change` is checked against the contract
 * (`src/core/contract/parse.ts`: one bad record is left out, not the stream, issue 17.4).
 * Opening the stream (token, refresh, a wrong base URL) is the HTTP exchange's, in `http-transport.ts`.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { readLiveEvent, type ContractViolation } from '../core/contract/parse.js';
import { ClinicError } from '../core/errors/clinic-error.js';
import { PayloadError } from '../core/errors/payload-error.js';
import type { LiveStreamHandlers } from '../core/transport.js';

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

/** Frames `text/event-stream` text into events, within the size limit. */
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

/** An ISO time the server sent (`serverTime`), or undefined where it is not one. */
export function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/** A heartbeat's `{"seq": n, "serverTime": "…"}`; anything else (older servers send `{}`) means unknown. */
function readHeartbeat(data: string): { seq: number | null; serverTime: string | null } {
  try {
    const { seq, serverTime } = JSON.parse(data) as { seq?: unknown; serverTime?: unknown };
    return {
      seq: typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : null,
      serverTime: isoTime(serverTime) ?? null,
    };
  } catch {
    return { seq: null, serverTime: null };
  }
}

/**
 * Reads an open event stream to its end, handing each heartbeat and each checked `change` to
 * `handlers` (nothing more once `signal` aborts). Resolves when the server closes the stream;
 * rejects with a `PayloadError` (data that is no JSON, an event past the size limit) or with the
 * network's error, and then stops reading at once (a stream past the limit is not drained).
 */
export async function readLiveStream(
  body: ReadableStream<Uint8Array>,
  handlers: LiveStreamHandlers,
  signal: AbortSignal,
  reportViolation: (violation: ContractViolation) => void,
): Promise<void> {
  const parser = new SseReader((message) => {
    if (signal.aborted) return;
    if (message.event === 'heartbeat') {
      const heartbeat = readHeartbeat(message.data);
      handlers.onHeartbeat(heartbeat.seq, heartbeat.serverTime);
      return;
    }
    if (message.event !== 'change') return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      throw new PayloadError('event.data');
    }
    // One bad record is left out, not the stream (issue 17.4): its seq still counts.
    const event = readLiveEvent(payload, reportViolation);
    if (event?.type === 'skipped') handlers.onSkipped?.(event.seq);
    else if (event) handlers.onEvent(event);
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Bytes prove the stream flows (a buffering proxy delivers none: issue 16.2).
      handlers.onData?.();
      try {
        parser.push(decoder.decode(value, { stream: true }));
      } catch (error) {
        if (error instanceof ClinicError) throw error;
        throw new PayloadError('event.size');
      }
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}
