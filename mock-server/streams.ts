/**
 * `GET /events`: a user's live stream as server-sent events. A heartbeat goes out at once, as the
 * first chunk (issue 16.1: proxies hold a response until its first byte), and then every
 * `heartbeatMs`; heartbeats carry the user's position and the server's time (issue 16.7).
 */
import type { LiveEvent } from '../src/core/contract/types.js';
import type { EventLog } from './event-log.js';
import type { Faults } from './faults.js';
import { NO_STORE } from './http.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

/** Lets a Node process exit while a timer is pending; a no-op in browsers and fakes. */
export function unref(timer: unknown): void {
  const maybe = timer as { unref?: () => void } | null;
  if (maybe && typeof maybe === 'object' && typeof maybe.unref === 'function') maybe.unref();
}

interface OpenStream {
  userId: string;
  close(): void;
  fail(reason: Error): void;
}

const encoder = new TextEncoder();
const formatChange = (event: LiveEvent) => `id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`;

export function createStreams(deps: {
  log: EventLog;
  faults: Faults;
  timers: Timers;
  heartbeatMs: number;
  now: () => number;
  /** A stream of the user opened, or ended (presence, issue 16.6). */
  onOpen?: (userId: string) => void;
  onClose?: (userId: string) => void;
}) {
  const { log, faults, timers } = deps;
  const open = new Set<OpenStream>();

  /**
   * @param userId whose stream
   * @param lastEventId replay the logged events after this one (null: none)
   * @param signal the client's request; aborting it closes the stream
   */
  function openEventStream(userId: string, lastEventId: number | null, signal: AbortSignal): Response {
    let stream!: OpenStream & { detach(): void };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let heartbeat: unknown = null;
        /** The event held back by `faults.reorderEvents`, waiting for the next one. */
        let heldBack: LiveEvent | null = null;
        let isOpen = true;
        const write = (text: string) => controller.enqueue(encoder.encode(text));
        const writeChange = (event: LiveEvent) => {
          write(formatChange(event));
          if (faults.duplicateEvents) write(formatChange(event));
        };
        const flushHeldBack = () => {
          if (heldBack === null) return;
          const earlier = heldBack;
          heldBack = null;
          writeChange(earlier);
        };
        const send = (event: LiveEvent) => {
          if (!isOpen) return;
          if (faults.reorderEvents && heldBack === null) {
            heldBack = event;
            return;
          }
          writeChange(event);
          flushHeldBack();
        };
        const stopListening = log.listen((to, event) => {
          if (to === userId) send(event);
        });
        const release = () => {
          if (!isOpen) return false;
          isOpen = false;
          open.delete(stream);
          deps.onClose?.(userId);
          stopListening();
          if (heartbeat !== null) timers.clearInterval(heartbeat);
          signal.removeEventListener('abort', onAbort);
          return true;
        };
        const onAbort = () => stream.close();
        stream = {
          userId,
          close: () => release() && controller.close(),
          fail: (reason) => release() && controller.error(reason),
          detach: () => void release(),
        };
        open.add(stream);
        deps.onOpen?.(userId);

        // The stream's position, so that a client that missed the latest event notices; and the
        // server's time, so that it learns its clock's offset (issue 16.7).
        const writeHeartbeat = () => {
          const data = { seq: log.position(userId), serverTime: new Date(deps.now()).toISOString() };
          write(`event: heartbeat\ndata: ${JSON.stringify(data)}\n\n`);
        };
        if (lastEventId !== null) for (const event of log.after(userId, lastEventId)) send(event);
        // A first chunk at once, before any change or timed heartbeat is due (issue 16.1): gateways
        // pass a response on only with its first byte, and the client knows at once that bytes flow.
        writeHeartbeat();
        heartbeat = timers.setInterval(() => {
          // A held-back event goes out now rather than never: reordered, not lost.
          flushHeldBack();
          writeHeartbeat();
        }, deps.heartbeatMs);
        unref(heartbeat);
        if (signal.aborted) stream.close();
        else signal.addEventListener('abort', onAbort);
      },
      cancel() {
        // The reader went away (client disconnected): only stop writing and forget it.
        stream.detach();
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': NO_STORE,
        // Asks buffering reverse proxies (nginx) to pass each event on at once.
        'X-Accel-Buffering': 'no',
      },
    });
  }

  return {
    openEventStream,
    count: () => open.size,
    closeAll: () => [...open].forEach((stream) => stream.close()),
    failAll: (reason: Error) => [...open].forEach((stream) => stream.fail(reason)),
  };
}
