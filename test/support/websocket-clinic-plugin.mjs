// A WebSocket clinic for the tests of docs/examples/transport/websocket-transport.ts: a `ws` server
// on a free 127.0.0.1 port, started on the first request of WS_CLINIC_PATH (which answers its URL)
// and stopped with the test runner. It speaks the example's protocol (protocol.ts) for a mock
// clinic in Node; each socket path (`/clinic/<name>`) is its own clinic, made on first use, so the
// tests need no reset.
import { WebSocketServer } from 'ws';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { clinicServerOver } from './transport-servers.js';

export const WS_CLINIC_PATH = '/__vc/ws-clinic';

/** One socket: its first message is a call (one answer, then a normal close) or a subscription. */
async function serveSocket(socket, server) {
  const send = (message) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const [data] = await new Promise((resolve) => socket.once('message', (...args) => resolve(args)));
  let message;
  try {
    message = JSON.parse(String(data));
  } catch {
    return socket.close(4400, 'invalid-input');
  }
  if (message.type === 'snapshot' || message.type === 'send') {
    const answer = message.type === 'snapshot' ? await server.snapshot(message.token) : await server.send(message.token, message.command, message.idempotencyKey);
    send({ type: 'answer', ...answer });
    return socket.close(1000);
  }
  if (message.type !== 'subscribe') return socket.close(4400, 'invalid-input');
  // What the clinic pushes before the acknowledgement waits for it.
  const early = [];
  let acknowledged = false;
  const forward = (streamMessage) => (acknowledged ? send(streamMessage) : early.push(streamMessage));
  const { answer, unsubscribe } = await server.subscribe(message.token, message.lastSeq ?? null, forward, () => socket.close(1000));
  if (answer.status !== 200) return socket.close(4000 + answer.status, String(answer.body?.error?.code ?? ''));
  if (socket.readyState !== socket.OPEN) return unsubscribe();
  socket.on('close', unsubscribe);
  send({ type: 'subscribed' });
  acknowledged = true;
  early.splice(0).forEach(send);
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function webSocketClinicPlugin() {
  const clinics = new Map();
  const clinicAt = (path) => {
    if (!clinics.has(path)) {
      const backend = createClinicBackend();
      clinics.set(path, { backend, server: clinicServerOver(backend) });
    }
    return clinics.get(path).server;
  };
  let started = null;
  const start = () =>
    (started ??= new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      wss.once('listening', () => resolve(wss));
      wss.once('error', reject);
      wss.on('connection', (socket, request) => {
        socket.on('error', () => {});
        void serveSocket(socket, clinicAt(new URL(request.url ?? '/', 'ws://clinic').pathname)).catch(() => socket.terminate());
      });
    }));

  return {
    name: 'vc-websocket-clinic',
    async serve(context) {
      if (context.path !== WS_CLINIC_PATH) return undefined;
      const wss = await start();
      return { body: JSON.stringify({ url: `ws://127.0.0.1:${wss.address().port}` }), type: 'json' };
    },
    async serverStop() {
      const wss = await started?.catch(() => null);
      if (!wss) return;
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
      for (const { backend } of clinics.values()) backend.close();
    },
  };
}
