/**
 * The backends of docs/examples/transport: the mock clinic (its HTTP contract, in this page or in
 * Node) behind the examples' own protocol. `clinicServerOver(backend)` is the in-memory
 * transport's server; the WebSocket test server (websocket-clinic-plugin.mjs) speaks for the same
 * object over sockets.
 */
import type { Command } from '../../src/core/model.js';
import { routeOf } from '../../src/transport/http-transport.js';
import { SseReader } from '../../src/transport/live-stream.js';

// The examples' protocol (docs/examples/transport/protocol.ts and InMemoryClinicServer), restated:
// tsc reads the examples against the built package (docs/examples/tsconfig.json), not from here.
export interface Answer {
  status: number;
  body: unknown;
  retryAfterSeconds?: number;
}
export type StreamMessage = { type: 'event'; event: unknown } | { type: 'heartbeat'; seq: number | null; serverTime: string | null };
export interface InMemoryClinicServer {
  snapshot(token: string | null): Promise<Answer>;
  send(token: string | null, command: Command, idempotencyKey: string): Promise<Answer>;
  subscribe(
    token: string | null,
    lastSeq: number | null,
    listener: (message: StreamMessage) => void,
    onEnd: () => void,
  ): Promise<{ answer: Answer; unsubscribe(): void }>;
}

interface HttpBackend {
  handle(request: Request): Promise<Response>;
}

function apiRequest(path: string, token: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return new Request(`http://clinic.test/api/${path}`, { ...init, headers });
}

async function answerOf(response: Response): Promise<Answer> {
  const retryAfter = response.headers.get('Retry-After');
  const body: unknown = await response.json().catch(() => null);
  return retryAfter === null ? { status: response.status, body } : { status: response.status, body, retryAfterSeconds: Number(retryAfter) };
}

function streamMessageOf(event: string, data: string): StreamMessage | null {
  if (event === 'change') return { type: 'event', event: JSON.parse(data) as unknown };
  if (event !== 'heartbeat') return null;
  const { seq = null, serverTime = null } = JSON.parse(data || '{}') as { seq?: number | null; serverTime?: string | null };
  return { type: 'heartbeat', seq, serverTime };
}

export function clinicServerOver(backend: HttpBackend): InMemoryClinicServer {
  return {
    snapshot: async (token) => answerOf(await backend.handle(apiRequest('snapshot', token))),
    async send(token, command, idempotencyKey) {
      const route = routeOf(command);
      const init = { method: route.method.toUpperCase(), body: JSON.stringify(route.body ?? {}), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey } };
      return answerOf(await backend.handle(apiRequest(route.path, token, init)));
    },
    async subscribe(token, lastSeq, listener, onEnd) {
      const controller = new AbortController();
      const headers: Record<string, string> = lastSeq === null ? {} : { 'Last-Event-ID': String(lastSeq) };
      const response = await backend.handle(apiRequest('events', token, { headers, signal: controller.signal }));
      if (response.status !== 200 || !response.body) return { answer: await answerOf(response), unsubscribe() {} };
      let ended = false;
      const parser = new SseReader(({ event, data }) => {
        const message = ended ? null : streamMessageOf(event, data);
        if (message) listener(message);
      });
      void (async () => {
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done || ended) break;
            parser.push(value);
          }
        } catch {
          // aborted, or the backend dropped it: the subscription ends either way
        }
        if (ended) return;
        ended = true;
        onEnd();
      })();
      return {
        answer: { status: 200, body: null },
        unsubscribe() {
          ended = true;
          controller.abort();
        },
      };
    },
  };
}
