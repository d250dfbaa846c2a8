// X5: the meeting-signal relay of the mock clinic (`POST /sessions/{id}/signal`), over real HTTP.
// Only the participants of an open session may signal; each signal reaches the other participant
// alone, as a live event with its own seq, and never appears in a snapshot.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../mock-server/node-server.mjs';
import { DEMO_USERS } from '../../mock-server/seed.js';

const TOKEN = Object.fromEntries(DEMO_USERS.map((user) => [user.id, user.token]));
const FRONTDESK = TOKEN['req-frontdesk'];
const OKAFOR = TOKEN['prov-okafor'];
const LINDQVIST = TOKEN['prov-lindqvist'];

const backend = createClinicBackend({ heartbeatMs: 60_000 });
const server = createServer((req, res) => {
  if (!createNodeHandler(backend)(req, res)) res.writeHead(404).end();
});
let base = '';
const openStreams = new Set();

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
});

after(async () => {
  backend.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
});

beforeEach(() => {
  for (const stream of openStreams) stream.close();
  openStreams.clear();
  backend.reset();
});

async function until(condition, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function call(token, method, path, body, key = randomUUID()) {
  const headers = { Authorization: `Bearer ${token}` };
  const init = { method, headers };
  if (method !== 'GET') {
    headers['Idempotency-Key'] = key;
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

const signal = (token, sessionId, body, key) => call(token, 'POST', `/sessions/${sessionId}/signal`, body, key);

/** The `change` events of a user's stream, parsed, as they arrive. */
async function openStream(token) {
  const aborter = new AbortController();
  const response = await fetch(`${base}/events`, { headers: { Authorization: `Bearer ${token}` }, signal: aborter.signal });
  const stream = { events: [], close: () => aborter.abort() };
  openStreams.add(stream);
  (async () => {
    let buffer = '';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (frame.includes('event: change') && data) stream.events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return stream;
}

/** Front Desk asks Dr. Okafor, who accepts: an open session with both participants not arrived. */
async function openSession() {
  const requested = await call(FRONTDESK, 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
  assert.equal(requested.status, 201, requested.text);
  const accepted = await call(OKAFOR, 'POST', `/requests/${requested.json.requests[0].id}/accept`, { enter: false });
  assert.equal(accepted.status, 200, accepted.text);
  return accepted.json.sessions[0].id;
}

describe('POST /sessions/{id}/signal', () => {
  test('reaches the other participant only, as a live event with the next seq, and changes nothing', async () => {
    const sessionId = await openSession();
    const desk = await openStream(FRONTDESK);
    const okafor = await openStream(OKAFOR);
    const before = (await call(OKAFOR, 'GET', '/snapshot')).json.seq;

    const offer = { sdp: 'v=0 …', kind: 'offer' };
    const answer = await signal(FRONTDESK, sessionId, { type: 'offer', payload: offer });
    assert.equal(answer.status, 202, answer.text);
    assert.deepEqual(answer.json, { providers: [], requests: [], sessions: [] });

    await until(() => okafor.events.length === 1);
    assert.deepEqual(okafor.events[0], {
      seq: before + 1,
      type: 'signal',
      signal: { sessionId, fromUserId: 'req-frontdesk', type: 'offer', payload: offer },
    });
    // The reply travels the other way; the sender's own stream never hears its own signal.
    assert.equal((await signal(OKAFOR, sessionId, { type: 'answer', payload: { sdp: 'v=0 answer' } })).status, 202);
    await until(() => desk.events.length === 1);
    assert.equal(desk.events[0].signal.fromUserId, 'prov-okafor');
    assert.equal(desk.events[0].signal.type, 'answer');
    assert.equal(okafor.events.length, 1);
  });

  test('signals are kept out of snapshots but count in the seq (and replay with Last-Event-ID)', async () => {
    const sessionId = await openSession();
    const seqBefore = (await call(OKAFOR, 'GET', '/snapshot')).json.seq;
    await signal(FRONTDESK, sessionId, { type: 'hello', payload: null });
    await signal(FRONTDESK, sessionId, { type: 'candidate', payload: { candidate: 'candidate:1 1 udp …' } });

    const snapshot = (await call(OKAFOR, 'GET', '/snapshot')).json;
    assert.equal(snapshot.seq, seqBefore + 2);
    assert.equal('signals' in snapshot, false);
    assert.equal(JSON.stringify(snapshot).includes('candidate:1'), false);

    const response = await fetch(`${base}/events`, {
      headers: { Authorization: `Bearer ${OKAFOR}`, 'Last-Event-ID': String(seqBefore) },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(`id: ${seqBefore + 2}\n`)) text += (await reader.read()).value;
    await reader.cancel();
    assert.match(text, /"type":"hello"/);
    assert.match(text, /"type":"candidate"/);
  });

  test('only a participant of an open session may signal: 403 forbidden, 404 not-found, 409 session-ended', async () => {
    const sessionId = await openSession();
    const lindqvist = await signal(LINDQVIST, sessionId, { type: 'hello', payload: null });
    assert.equal(lindqvist.status, 403, lindqvist.text);
    assert.equal(lindqvist.json.error.code, 'forbidden');

    const unknown = await signal(FRONTDESK, 'session-999', { type: 'hello', payload: null });
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.json.error.code, 'not-found');

    assert.equal((await call(OKAFOR, 'POST', `/sessions/${sessionId}/leave`)).status, 200);
    const ended = await signal(FRONTDESK, sessionId, { type: 'bye', payload: null });
    assert.equal(ended.status, 409, ended.text);
    assert.equal(ended.json.error.code, 'session-ended');
  });

  test('the body is checked: a known type, a payload (null for none), at most 64 KB', async () => {
    const sessionId = await openSession();
    for (const body of [{ type: 'shout', payload: null }, { payload: null }, { type: 'offer' }, '[1]']) {
      const answer = await signal(FRONTDESK, sessionId, body);
      assert.equal(answer.status, 400, `${JSON.stringify(body)} → ${answer.text}`);
      assert.equal(answer.json.error.code, 'invalid-input');
    }
    const huge = await signal(FRONTDESK, sessionId, { type: 'offer', payload: { sdp: 'x'.repeat(70_000) } });
    assert.equal(huge.status, 400, huge.text);
  });

  test('a retried signal (same Idempotency-Key) is relayed once', async () => {
    const sessionId = await openSession();
    const okafor = await openStream(OKAFOR);
    const key = randomUUID();
    const body = { type: 'candidate', payload: { candidate: 'a' } };
    assert.equal((await signal(FRONTDESK, sessionId, body, key)).status, 202);
    assert.equal((await signal(FRONTDESK, sessionId, body, key)).status, 202);
    await signal(FRONTDESK, sessionId, { type: 'bye', payload: null });
    await until(() => okafor.events.some((event) => event.signal?.type === 'bye'));
    assert.deepEqual(
      okafor.events.map((event) => event.signal.type),
      ['candidate', 'bye'],
    );
  });
});
