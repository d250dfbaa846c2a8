// The mock clinic, through a real Node HTTP server on an ephemeral port, as a client sees it.
// Time is a fake clock shared by `now()` and the backend's timers, so expiry and heartbeats are
// driven by `clock.advance(ms)` instead of waiting.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../mock-server/node-server.mjs';
import { DEMO_USERS, SEED } from '../../mock-server/seed.js';

// ---------------------------------------------------------------------------------------------
// Harness

function createFakeClock(start = Date.parse('2025-03-03T09:00:00.000Z')) {
  let time = start;
  let lastId = 0;
  /** @type {Map<number, { at: number, fn: () => void, every?: number }>} */
  const scheduled = new Map();
  const schedule = (fn, ms, every) => {
    const id = ++lastId;
    scheduled.set(id, { at: time + Math.max(0, ms), fn, every });
    return id;
  };
  return {
    now: () => time,
    timers: {
      setTimeout: (fn, ms) => schedule(fn, ms),
      clearTimeout: (id) => scheduled.delete(id),
      setInterval: (fn, ms) => schedule(fn, ms, ms),
      clearInterval: (id) => scheduled.delete(id),
    },
    scheduledCount: () => scheduled.size,
    /** Moves time forward, firing every timer that falls due on the way, in order. */
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...scheduled.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        time = timer.at;
        if (timer.every) timer.at += timer.every;
        else scheduled.delete(id);
        timer.fn();
      }
      time = end;
    },
  };
}

/** Polls (every 2 ms) until `condition()` holds; fails the test after `timeoutMs`. */
async function until(condition, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const TOKEN = Object.fromEntries(DEMO_USERS.map((user) => [user.id, user.token]));
const FRONTDESK = TOKEN['req-frontdesk'];
const NURSECART = TOKEN['req-nursecart'];
const KIOSK = TOKEN['req-kiosk'];
const OKAFOR = TOKEN['prov-okafor'];
const LINDQVIST = TOKEN['prov-lindqvist'];
const REYES = TOKEN['prov-reyes'];

const clock = createFakeClock();
const backend = createClinicBackend({ now: clock.now, timers: clock.timers, heartbeatMs: 10_000 });
const server = createServer((req, res) => {
  if (!createNodeHandler(backend)(req, res)) res.writeHead(404).end();
});
let base = '';

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
  backend.reset();
  backend.faults.clear();
});

/**
 * One HTTP call. Commands get a fresh Idempotency-Key unless `key` is given (null: none).
 * @returns {Promise<{ status: number, headers: Headers, text: string, json: any }>}
 */
async function call(token, method, path, body, { key = randomUUID(), headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (method !== 'GET') {
    if (key !== null) init.headers['Idempotency-Key'] = key;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

const snapshot = async (token) => (await call(token, 'GET', '/snapshot')).json;
const requestSession = (token, providerId, serviceId = null, options) =>
  call(token, 'POST', '/requests', { providerId, serviceId }, options);
const cancel = (token, id) => call(token, 'POST', `/requests/${id}/cancel`);
const accept = (token, id, enter = false) => call(token, 'POST', `/requests/${id}/accept`, { enter });
const decline = (token, id, note = null) => call(token, 'POST', `/requests/${id}/decline`, { note });
const dismiss = (token, id) => call(token, 'POST', `/requests/${id}/dismiss`);
const setAvailable = (token, available, options) => call(token, 'PUT', '/availability', { available }, options);
const enter = (token, id) => call(token, 'POST', `/sessions/${id}/enter`);
const leave = (token, id) => call(token, 'POST', `/sessions/${id}/leave`);

/** Creates a pending request and returns it. */
async function pendingRequest(token = FRONTDESK, providerId = 'prov-okafor', serviceId = 'svc-urgent') {
  const answer = await requestSession(token, providerId, serviceId);
  assert.equal(answer.status, 201, answer.text);
  return answer.json.requests[0];
}

function assertError(answer, status, code) {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.json?.error?.code, code, answer.text);
  assert.equal(typeof answer.json.error.message, 'string');
}

/** Reads `GET /events` the way the SDK does: with fetch, parsing the SSE frames as they arrive. */
async function openStream(token, { lastEventId } = {}) {
  const aborter = new AbortController();
  const headers = { Authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const response = await fetch(`${base}/events`, { headers, signal: aborter.signal });
  const stream = {
    status: response.status,
    headers: response.headers,
    /** @type {{ id?: string, event?: string, data?: string }[]} */
    messages: [],
    /** Comment lines (`: …`), which a client ignores. */
    comments: [],
    ended: false,
    /** @type {unknown} */
    error: null,
    changes: () => stream.messages.filter((m) => m.event === 'change').map((m) => JSON.parse(m.data)),
    seqs: () => stream.changes().map((event) => event.seq),
    heartbeats: () => stream.messages.filter((m) => m.event === 'heartbeat'),
    waitForChanges: (count) => until(() => stream.changes().length >= count || stream.ended),
    close: () => aborter.abort(),
  };
  if (response.status !== 200) {
    stream.ended = true;
    stream.body = await response.json();
    return stream;
  }
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
          const message = {};
          if (frame.startsWith(':')) {
            stream.comments.push(frame);
            continue;
          }
          for (const line of frame.split('\n')) {
            const colon = line.indexOf(': ');
            message[line.slice(0, colon)] = line.slice(colon + 2);
          }
          stream.messages.push(message);
        }
      }
    } catch (error) {
      if (!aborter.signal.aborted) stream.error = error;
    } finally {
      stream.ended = true;
    }
  })();
  return stream;
}

/**
 * Proves that a stream did NOT receive something: a provider change reaches every user, so once a
 * later marker event has arrived, anything before it would have arrived too.
 */
async function sendMarker() {
  const provider = backend.state().providers.find((p) => p.id === 'prov-lindqvist');
  assert.equal((await setAvailable(LINDQVIST, !provider.available)).status, 200);
}

// ---------------------------------------------------------------------------------------------

describe('authentication and routing', () => {
  test('a missing or unknown bearer token answers 401 unauthorized', async () => {
    assertError(await call(null, 'GET', '/me'), 401, 'unauthorized');
    assertError(await call('not-a-token', 'GET', '/me'), 401, 'unauthorized');
    assertError(await call(null, 'GET', '/events'), 401, 'unauthorized');
    assertError(await call(null, 'POST', '/requests', { providerId: 'prov-okafor', serviceId: null }), 401, 'unauthorized');
  });

  test('GET /me answers each demo user with their account', async () => {
    for (const user of DEMO_USERS) {
      const answer = await call(user.token, 'GET', '/me');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.deepEqual(answer.json.user.id, user.id);
      assert.equal(answer.json.user.role, user.role);
      assert.equal(answer.json.account.id, answer.json.user.accountId);
    }
    const me = (await call(FRONTDESK, 'GET', '/me')).json;
    assert.deepEqual(me.account.services.map((s) => s.name), ['Urgent Care', 'Behavioral Health']);
  });

  test('unknown paths and methods answer 404 not-found', async () => {
    assertError(await call(FRONTDESK, 'GET', '/nothing-here'), 404, 'not-found');
    assertError(await call(FRONTDESK, 'GET', '/requests'), 404, 'not-found');
    assertError(await call(FRONTDESK, 'POST', '/requests/x/teleport'), 404, 'not-found');
  });

  test('the backend serves the contract under any prefix ending in /api', async () => {
    const response = await backend.handle(
      new Request('http://clinic.example/tenant/7/api/me', { headers: { Authorization: `Bearer ${OKAFOR}` } }),
    );
    assert.equal(response.status, 200);
    assert.equal((await response.json()).user.id, 'prov-okafor');
  });
});

describe('snapshot', () => {
  test('the seed: every provider, no requests, stream position 0', async () => {
    const snap = await snapshot(FRONTDESK);
    assert.equal(snap.seq, 0);
    assert.deepEqual(
      snap.providers.map((p) => [p.id, p.available, p.notesEnabled, p.version]),
      [
        ['prov-okafor', true, true, 1],
        ['prov-lindqvist', true, true, 1],
        ['prov-reyes', false, false, 1],
      ],
    );
    assert.deepEqual([snap.requests, snap.sessions], [[], []]);
  });

  test('holds only what concerns the caller, at their own stream position', async () => {
    const request = await pendingRequest(FRONTDESK, 'prov-okafor');
    await pendingRequest(KIOSK, 'prov-lindqvist', null);
    await accept(OKAFOR, request.id);

    const frontdesk = await snapshot(FRONTDESK);
    assert.equal(frontdesk.seq, 3); // created, accepted, session
    assert.deepEqual(frontdesk.requests.map((r) => r.id), [request.id]);
    assert.equal(frontdesk.sessions.length, 1);

    const okafor = await snapshot(OKAFOR);
    assert.deepEqual(okafor.requests.map((r) => r.id), [request.id]);
    assert.equal(okafor.sessions.length, 1);

    const lindqvist = await snapshot(LINDQVIST);
    assert.equal(lindqvist.requests.length, 1);
    assert.equal(lindqvist.sessions.length, 0);
    assert.equal((await snapshot(NURSECART)).seq, 0);
  });
});

describe('R2 account services', () => {
  test('more than one service: one must be chosen, and it must be on the account', async () => {
    assertError(await requestSession(FRONTDESK, 'prov-okafor', null), 400, 'service-required');
    assertError(await requestSession(FRONTDESK, 'prov-okafor', 'svc-general'), 400, 'unknown-service');
    const answer = await requestSession(FRONTDESK, 'prov-okafor', 'svc-behavioral');
    assert.equal(answer.status, 201);
    assert.equal(answer.json.requests[0].serviceName, 'Behavioral Health');
  });

  test('exactly one service is implied', async () => {
    const answer = await requestSession(NURSECART, 'prov-okafor', null);
    assert.equal(answer.status, 201);
    assert.deepEqual([answer.json.requests[0].serviceId, answer.json.requests[0].serviceName], ['svc-general', 'General Consult']);
    assertError(await requestSession(NURSECART, 'prov-lindqvist', 'svc-urgent'), 400, 'unknown-service');
  });

  test('no services: the request has none, and naming one is refused', async () => {
    assertError(await requestSession(KIOSK, 'prov-okafor', 'svc-urgent'), 400, 'unknown-service');
    const answer = await requestSession(KIOSK, 'prov-okafor', null);
    assert.equal(answer.status, 201);
    assert.equal(answer.json.requests[0].serviceId, null);
    assert.equal(answer.json.requests[0].serviceName, null);
  });
});

describe('requesting a session', () => {
  test('creates a pending request that expires after the requester account timeout', async () => {
    const answer = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent');
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json.providers, []);
    assert.deepEqual(answer.json.sessions, []);
    const request = answer.json.requests[0];
    assert.equal(request.status, 'pending');
    assert.equal(request.version, 1);
    assert.equal(request.createdAt, new Date(clock.now()).toISOString());
    assert.equal(Date.parse(request.expiresAt) - Date.parse(request.createdAt), 300_000);
    assert.equal(request.requesterName, 'Riverside Front Desk');
    assert.equal(request.providerName, 'Dr. Amara Okafor');
    const kiosk = await pendingRequest(KIOSK, 'prov-okafor', null);
    assert.equal(Date.parse(kiosk.expiresAt) - Date.parse(kiosk.createdAt), 120_000);
  });

  test('one pending request per requester and provider (409 duplicate-pending)', async () => {
    const first = await pendingRequest(FRONTDESK, 'prov-okafor');
    assertError(await requestSession(FRONTDESK, 'prov-okafor', 'svc-behavioral'), 409, 'duplicate-pending');
    assert.equal((await requestSession(FRONTDESK, 'prov-lindqvist', 'svc-urgent')).status, 201);
    assert.equal((await requestSession(KIOSK, 'prov-okafor', null)).status, 201);
    await cancel(FRONTDESK, first.id);
    assert.equal((await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent')).status, 201);
  });

  test('only a requester may request, and only a known provider', async () => {
    assertError(await requestSession(OKAFOR, 'prov-lindqvist', null), 403, 'forbidden');
    assertError(await requestSession(FRONTDESK, 'prov-nobody', 'svc-urgent'), 404, 'not-found');
  });

  test('every input is checked', async () => {
    const post = (body) => call(FRONTDESK, 'POST', '/requests', body);
    assertError(await post('{"providerId": '), 400, 'invalid-input');
    assertError(await post('[1,2]'), 400, 'invalid-input');
    assertError(await post('null'), 400, 'invalid-input');
    assertError(await post({ providerId: 7, serviceId: null }), 400, 'invalid-input');
    assertError(await post({ providerId: '', serviceId: null }), 400, 'invalid-input');
    assertError(await post({ providerId: 'prov-okafor' }), 400, 'invalid-input');
    assertError(await post({ providerId: 'prov-okafor', serviceId: 3 }), 400, 'invalid-input');
    const request = await pendingRequest();
    assertError(await call(OKAFOR, 'POST', `/requests/${request.id}/accept`, { enter: 'yes' }), 400, 'invalid-input');
    assertError(await call(OKAFOR, 'POST', `/requests/${request.id}/accept`, {}), 400, 'invalid-input');
    assertError(await call(OKAFOR, 'POST', `/requests/${request.id}/decline`, { note: 5 }), 400, 'invalid-input');
    assertError(await call(OKAFOR, 'PUT', '/availability', { available: 'no' }), 400, 'invalid-input');
    assertError(await call(OKAFOR, 'PUT', '/availability', 'not json'), 400, 'invalid-input');
    assert.equal(backend.state().requests.length, 1);
  });

  test('every command needs an Idempotency-Key', async () => {
    assertError(await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key: null }), 400, 'invalid-input');
    assertError(await call(OKAFOR, 'PUT', '/availability', { available: false }, { key: null }), 400, 'invalid-input');
    assert.equal(backend.state().requests.length, 0);
  });
});

describe('R5/R6 unavailable providers', () => {
  test('R5: a request to an unavailable provider is declined at once and never reaches them', async () => {
    const reyes = await openStream(REYES);
    const kiosk = await openStream(KIOSK);
    const answer = await requestSession(KIOSK, 'prov-reyes', null);
    assert.equal(answer.status, 201);
    const request = answer.json.requests[0];
    assert.deepEqual([request.status, request.declineReason, request.declineNote], ['declined', 'unavailable', null]);

    await sendMarker();
    await reyes.waitForChanges(1);
    await kiosk.waitForChanges(2);
    assert.deepEqual(reyes.changes().map((e) => e.type), ['provider']);
    assert.deepEqual(kiosk.changes().map((e) => e.type), ['request', 'provider']);
    assert.equal(kiosk.changes()[0].request.id, request.id);
    assert.deepEqual((await snapshot(REYES)).requests, []);
    assert.equal((await snapshot(REYES)).seq, 1);
    // Nothing left to answer: it was declined.
    assertError(await accept(REYES, request.id), 409, 'request-already-answered');
    // Its dismissal concerns only the requester too.
    assert.equal((await dismiss(KIOSK, request.id)).status, 200);
    assert.equal((await snapshot(REYES)).seq, 1);
    reyes.close();
    kiosk.close();
  });

  test('R6: going unavailable declines every pending request; everyone hears of the provider', async () => {
    const fromFrontdesk = await pendingRequest(FRONTDESK, 'prov-okafor');
    const fromKiosk = await pendingRequest(KIOSK, 'prov-okafor', null);
    const toLindqvist = await pendingRequest(NURSECART, 'prov-lindqvist', null);
    const nursecart = await openStream(NURSECART);

    const answer = await setAvailable(OKAFOR, false);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.providers.map((p) => [p.id, p.available, p.version]), [['prov-okafor', false, 2]]);
    assert.deepEqual(answer.json.requests.map((r) => r.id).sort(), [fromFrontdesk.id, fromKiosk.id].sort());
    for (const request of answer.json.requests) {
      assert.deepEqual([request.status, request.declineReason, request.version], ['declined', 'unavailable', 2]);
    }
    const state = backend.state();
    assert.equal(state.requests.find((r) => r.id === toLindqvist.id).status, 'pending');
    await nursecart.waitForChanges(1);
    assert.deepEqual(nursecart.changes().map((e) => [e.type, e.provider?.available]), [['provider', false]]);
    // The provider had seen those requests, so their own view follows the decline.
    assert.equal((await snapshot(OKAFOR)).requests.length, 2);
    // Then every new request to them is declined at once (R5).
    const later = await requestSession(NURSECART, 'prov-okafor', null);
    assert.equal(later.json.requests[0].declineReason, 'unavailable');
    nursecart.close();
  });

  test('setting the same availability again changes nothing; only providers have one', async () => {
    const answer = await setAvailable(OKAFOR, true);
    assert.equal(answer.status, 200);
    assert.equal(answer.json.providers[0].version, 1);
    assert.equal((await snapshot(FRONTDESK)).seq, 0);
    assertError(await setAvailable(FRONTDESK, false), 403, 'forbidden');
    assert.equal((await setAvailable(REYES, true)).json.providers[0].version, 2);
  });
});

describe('answering a request', () => {
  test('R8 accept creates a session with both participants not arrived', async () => {
    const request = await pendingRequest();
    clock.advance(5_000);
    const answer = await accept(OKAFOR, request.id);
    assert.equal(answer.status, 200);
    const [accepted] = answer.json.requests;
    const [session] = answer.json.sessions;
    assert.deepEqual([accepted.status, accepted.version, accepted.sessionId], ['accepted', 2, session.id]);
    assert.equal(accepted.updatedAt, new Date(clock.now()).toISOString());
    assert.deepEqual(
      [session.status, session.requestId, session.serviceName, session.requester.status, session.provider.status, session.version],
      ['open', request.id, 'Urgent Care', 'not-arrived', 'not-arrived', 1],
    );
    assert.equal(session.requester.name, 'Riverside Front Desk');
    assert.equal(session.provider.userId, 'prov-okafor');
  });

  test('R8 accept and enter puts the provider in the meeting at once', async () => {
    const request = await pendingRequest();
    const [session] = (await accept(OKAFOR, request.id, true)).json.sessions;
    assert.deepEqual([session.provider.status, session.requester.status], ['in-meeting', 'not-arrived']);
  });

  test('only the provider asked may accept or decline', async () => {
    const request = await pendingRequest();
    assertError(await accept(FRONTDESK, request.id), 403, 'forbidden');
    assertError(await accept(LINDQVIST, request.id), 403, 'forbidden');
    assertError(await decline(LINDQVIST, request.id), 403, 'forbidden');
    assertError(await accept(OKAFOR, 'request-404'), 404, 'not-found');
    assertError(await decline(OKAFOR, 'request-404'), 404, 'not-found');
  });

  test('409s name what happened to a request that is no longer pending', async () => {
    const cancelled = await pendingRequest(FRONTDESK, 'prov-okafor');
    await cancel(FRONTDESK, cancelled.id);
    assertError(await accept(OKAFOR, cancelled.id), 409, 'request-cancelled');
    assertError(await decline(OKAFOR, cancelled.id), 409, 'request-cancelled');

    const accepted = await pendingRequest(FRONTDESK, 'prov-okafor');
    await accept(OKAFOR, accepted.id);
    assertError(await accept(OKAFOR, accepted.id), 409, 'request-already-answered');
    assertError(await decline(OKAFOR, accepted.id), 409, 'request-already-answered');
    assertError(await cancel(FRONTDESK, accepted.id), 409, 'request-already-answered');

    const expiring = await pendingRequest(KIOSK, 'prov-okafor', null);
    clock.advance(120_000);
    assertError(await accept(OKAFOR, expiring.id), 409, 'request-expired');
    assertError(await cancel(KIOSK, expiring.id), 409, 'request-expired');
  });

  test('R9 a decline note where the provider account has notes enabled', async () => {
    const request = await pendingRequest(KIOSK, 'prov-okafor', null);
    assertError(await decline(OKAFOR, request.id, 'x'.repeat(501)), 400, 'invalid-input');
    const answer = await decline(OKAFOR, request.id, '  Back at 2 pm, please try Dr. Lindqvist.  ');
    assert.equal(answer.status, 200);
    const [declined] = answer.json.requests;
    assert.deepEqual(
      [declined.status, declined.declineReason, declined.declineNote, declined.version],
      ['declined', 'provider', 'Back at 2 pm, please try Dr. Lindqvist.', 2],
    );
    const full = await pendingRequest(KIOSK, 'prov-okafor', null);
    assert.equal((await decline(OKAFOR, full.id, 'y'.repeat(500))).json.requests[0].declineNote.length, 500);
  });

  test('R9 notes-disabled where the provider account has no notes; an empty note is none', async () => {
    await setAvailable(REYES, true);
    // The requester's account (riverside) has notes, but the provider's (lakeside) decides.
    const request = await pendingRequest(FRONTDESK, 'prov-reyes', 'svc-urgent');
    assertError(await decline(REYES, request.id, 'Sorry'), 400, 'notes-disabled');
    const answer = await decline(REYES, request.id, '');
    assert.equal(answer.status, 200);
    assert.equal(answer.json.requests[0].declineNote, null);
  });

  test('R4 only the requester may cancel or dismiss; dismiss only once answered', async () => {
    const request = await pendingRequest();
    assertError(await cancel(OKAFOR, request.id), 403, 'forbidden');
    assertError(await cancel(KIOSK, request.id), 403, 'forbidden');
    assertError(await dismiss(FRONTDESK, request.id), 400, 'invalid-input');
    await decline(OKAFOR, request.id, 'Busy');
    assertError(await dismiss(OKAFOR, request.id), 403, 'forbidden');
    const answer = await dismiss(FRONTDESK, request.id);
    assert.deepEqual([answer.json.requests[0].dismissed, answer.json.requests[0].version], [true, 3]);
    // Dismissing again changes nothing.
    assert.equal((await dismiss(FRONTDESK, request.id)).json.requests[0].version, 3);
    assertError(await cancel(FRONTDESK, 'request-404'), 404, 'not-found');
    assertError(await dismiss(FRONTDESK, 'request-404'), 404, 'not-found');
  });

  test('cancel sets the request cancelled', async () => {
    const request = await pendingRequest();
    const answer = await cancel(FRONTDESK, request.id);
    assert.deepEqual([answer.json.requests[0].status, answer.json.requests[0].version], ['cancelled', 2]);
  });
});

describe('sessions', () => {
  async function openSession() {
    const request = await pendingRequest();
    return (await accept(OKAFOR, request.id)).json.sessions[0];
  }

  test('R3/R10 the requester enters the waiting room, the provider the meeting', async () => {
    const session = await openSession();
    const waiting = (await enter(FRONTDESK, session.id)).json.sessions[0];
    assert.deepEqual([waiting.requester.status, waiting.provider.status, waiting.version], ['in-waiting-room', 'not-arrived', 2]);
    const meeting = (await enter(OKAFOR, session.id)).json.sessions[0];
    assert.deepEqual([meeting.requester.status, meeting.provider.status, meeting.version], ['in-waiting-room', 'in-meeting', 3]);
    // Entering again changes nothing.
    assert.equal((await enter(OKAFOR, session.id)).json.sessions[0].version, 3);
  });

  test('leave marks that participant left and ends the session', async () => {
    const session = await openSession();
    await enter(FRONTDESK, session.id);
    const ended = (await leave(FRONTDESK, session.id)).json.sessions[0];
    assert.deepEqual([ended.status, ended.requester.status, ended.provider.status], ['ended', 'left', 'not-arrived']);
    assertError(await enter(OKAFOR, session.id), 409, 'session-ended');
    assertError(await leave(OKAFOR, session.id), 409, 'session-ended');
  });

  test('only participants may enter or leave; unknown sessions are not found', async () => {
    const session = await openSession();
    assertError(await enter(LINDQVIST, session.id), 403, 'forbidden');
    assertError(await leave(KIOSK, session.id), 403, 'forbidden');
    assertError(await enter(OKAFOR, 'session-404'), 404, 'not-found');
    assertError(await leave(OKAFOR, 'session-404'), 404, 'not-found');
  });
});

describe('expiry (X3)', () => {
  test('is applied by a timer at expiresAt, reaching both streams', async () => {
    const request = await pendingRequest(KIOSK, 'prov-okafor', null);
    const kiosk = await openStream(KIOSK, { lastEventId: 1 });
    const okafor = await openStream(OKAFOR, { lastEventId: 1 });
    clock.advance(119_999);
    clock.advance(1);
    await kiosk.waitForChanges(1);
    await okafor.waitForChanges(1);
    for (const stream of [kiosk, okafor]) {
      const [event] = stream.changes();
      assert.deepEqual([event.seq, event.request.id, event.request.status, event.request.version], [2, request.id, 'expired', 2]);
    }
    assert.equal(backend.state().requests[0].updatedAt, new Date(clock.now()).toISOString());
    kiosk.close();
    okafor.close();
  });

  test('is applied at the start of a call even when no timer ran', async () => {
    // A backend whose timers never fire: only the lazy check can expire the request.
    let time = Date.parse('2025-03-03T09:00:00.000Z');
    const idle = { setTimeout: () => 0, clearTimeout() {}, setInterval: () => 0, clearInterval() {} };
    const lazy = createClinicBackend({ now: () => time, timers: idle });
    const command = (token, path, body) =>
      lazy.handle(
        new Request(`http://x/api${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
          body: JSON.stringify(body),
        }),
      );
    const created = await (await command(KIOSK, '/requests', { providerId: 'prov-lindqvist', serviceId: null })).json();
    time += 120_000;
    const answer = await command(LINDQVIST, `/requests/${created.requests[0].id}/accept`, { enter: false });
    assert.equal(answer.status, 409);
    assert.equal((await answer.json()).error.code, 'request-expired');
    assert.equal(lazy.state().requests[0].status, 'expired');
    lazy.close();
  });
});

describe('idempotency', () => {
  test('a replay gets the first answer byte for byte and applies nothing twice', async () => {
    const key = randomUUID();
    const frontdesk = await openStream(FRONTDESK);
    const first = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    clock.advance(1_000);
    const replay = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    assert.equal(replay.status, 201);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(backend.state().requests.length, 1);
    await sendMarker();
    await frontdesk.waitForChanges(2);
    assert.deepEqual(frontdesk.changes().map((e) => e.type), ['request', 'provider']);
    frontdesk.close();
  });

  test('an error answer is replayed too, even after the situation changed', async () => {
    const pending = await pendingRequest();
    const key = randomUUID();
    const refused = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    assertError(refused, 409, 'duplicate-pending');
    await cancel(FRONTDESK, pending.id);
    const replay = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    assert.equal(replay.status, 409);
    assert.equal(replay.text, refused.text);
  });

  test('a key reused for a different command is refused; keys belong to one user', async () => {
    const key = randomUUID();
    await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    assertError(await requestSession(FRONTDESK, 'prov-lindqvist', 'svc-urgent', { key }), 400, 'invalid-input');
    assert.equal((await requestSession(KIOSK, 'prov-okafor', null, { key })).status, 201);
    assert.equal(backend.state().requests.length, 2);
  });

  test('a key is remembered for 24 hours', async () => {
    const key = randomUUID();
    await setAvailable(OKAFOR, false, { key });
    clock.advance(24 * 60 * 60 * 1000 - 1);
    assert.equal((await setAvailable(OKAFOR, false, { key })).headers.get('idempotent-replayed'), 'true');
    clock.advance(2);
    assert.equal((await setAvailable(OKAFOR, false, { key })).headers.get('idempotent-replayed'), null);
  });

  test('racing accepts from two tabs: exactly one wins', async () => {
    const request = await pendingRequest();
    const answers = await Promise.all([accept(OKAFOR, request.id), accept(OKAFOR, request.id, true)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
    assert.equal(backend.state().sessions.length, 1);
  });
});

describe('live events', () => {
  test('text/event-stream frames: id, event: change, data with the resource', async () => {
    const stream = await openStream(FRONTDESK);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(stream.headers.get('cache-control'), 'no-store');
    const request = await pendingRequest();
    await stream.waitForChanges(1);
    assert.deepEqual(stream.messages.find((m) => m.event === 'change'), {
      id: '1',
      event: 'change',
      data: JSON.stringify({ seq: 1, type: 'request', request }),
    });
    stream.close();
  });

  test("each user's seq counts 1, 2, 3 … without gaps, and each change reaches only whom it concerns", async () => {
    const frontdesk = await openStream(FRONTDESK);
    const okafor = await openStream(OKAFOR);
    const lindqvist = await openStream(LINDQVIST);
    const kiosk = await openStream(KIOSK);

    const request = await pendingRequest(FRONTDESK, 'prov-okafor'); // frontdesk 1, okafor 1
    await pendingRequest(KIOSK, 'prov-lindqvist', null); // kiosk 1, lindqvist 1
    const session = (await accept(OKAFOR, request.id)).json.sessions[0]; // request + session: frontdesk 2,3, okafor 2,3
    await enter(FRONTDESK, session.id); // frontdesk 4, okafor 4
    await setAvailable(LINDQVIST, false); // everyone: provider; lindqvist's pending request declined

    await frontdesk.waitForChanges(5);
    await okafor.waitForChanges(5);
    await lindqvist.waitForChanges(3);
    await kiosk.waitForChanges(3);
    assert.deepEqual(frontdesk.seqs(), [1, 2, 3, 4, 5]);
    assert.deepEqual(frontdesk.changes().map((e) => e.type), ['request', 'request', 'session', 'session', 'provider']);
    assert.deepEqual(okafor.changes().map((e) => e.type), ['request', 'request', 'session', 'session', 'provider']);
    assert.deepEqual(lindqvist.seqs(), [1, 2, 3]);
    assert.deepEqual(lindqvist.changes().map((e) => e.type), ['request', 'provider', 'request']);
    assert.deepEqual(kiosk.changes().map((e) => [e.type, e.request?.status ?? e.provider.available]), [
      ['request', 'pending'],
      ['provider', false],
      ['request', 'declined'],
    ]);
    assert.equal((await snapshot(NURSECART)).seq, 1);
    assert.equal((await snapshot(FRONTDESK)).seq, 5);
    for (const stream of [frontdesk, okafor, lindqvist, kiosk]) stream.close();
  });

  test('Last-Event-ID replays what came after it, then goes on live', async () => {
    const request = await pendingRequest(); // 1
    await accept(OKAFOR, request.id); // 2, 3
    const stream = await openStream(FRONTDESK, { lastEventId: 1 });
    await stream.waitForChanges(2);
    assert.deepEqual(stream.seqs(), [2, 3]);
    await sendMarker(); // 4
    await stream.waitForChanges(3);
    assert.deepEqual(stream.seqs(), [2, 3, 4]);
    stream.close();

    const all = await openStream(FRONTDESK, { lastEventId: 0 });
    await all.waitForChanges(4);
    assert.deepEqual(all.seqs(), [1, 2, 3, 4]);
    all.close();

    const bad = await openStream(FRONTDESK, { lastEventId: 'abc' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid-input');
  });

  test('only the last 1000 events per user are kept for replay', async () => {
    for (let i = 0; i < 1003; i += 1) await setAvailable(OKAFOR, i % 2 === 1);
    const stream = await openStream(KIOSK, { lastEventId: 0 });
    await stream.waitForChanges(1000);
    assert.equal(stream.changes().length, 1000);
    assert.deepEqual([stream.seqs()[0], stream.seqs().at(-1)], [4, 1003]);
    stream.close();
  });

  test('a heartbeat every heartbeatMs', async () => {
    const start = clock.now();
    const stream = await openStream(NURSECART);
    await until(() => stream.heartbeats().length === 1);
    clock.advance(9_999);
    assert.equal(stream.heartbeats().length, 1);
    clock.advance(1);
    await until(() => stream.heartbeats().length === 2);
    clock.advance(20_000);
    await until(() => stream.heartbeats().length === 4);
    // Issue 16.7: the heartbeat carries the server's time, so that clients learn their clock's offset.
    assert.deepEqual(stream.heartbeats()[1], { event: 'heartbeat', data: JSON.stringify({ seq: 0, serverTime: new Date(start + 10_000).toISOString() }) });
    stream.close();
  });

  test('issue 16.1: the first chunk (a heartbeat) is written at once, before any change or timed heartbeat is due', async () => {
    // No clock advance and no change: only the stream's own first chunk can arrive.
    const stream = await openStream(NURSECART);
    await until(() => stream.messages.length === 1);
    assert.deepEqual(stream.heartbeats(), [{ event: 'heartbeat', data: JSON.stringify({ seq: 0, serverTime: new Date(clock.now()).toISOString() }) }]);
    stream.close();
  });

  test('issue 16.7: the snapshot carries the server time', async () => {
    assert.equal((await snapshot(NURSECART)).serverTime, new Date(clock.now()).toISOString());
  });

  test('a client that goes away releases its stream', async () => {
    const stream = await openStream(OKAFOR);
    await until(() => backend.openStreamCount() === 1);
    stream.close();
    await until(() => backend.openStreamCount() === 0);
    assert.equal(clock.scheduledCount(), 0, 'the heartbeat timer is cleared');
  });
  test('a reader that cancels (as a service worker client does) releases its stream', async () => {
    const response = await backend.handle(
      new Request('http://x/api/events', { headers: { Authorization: `Bearer ${KIOSK}`, 'Last-Event-ID': '0' } }),
    );
    assert.equal(backend.openStreamCount(), 1);
    await response.body.getReader().cancel();
    assert.equal(backend.openStreamCount(), 0);
    assert.equal(clock.scheduledCount(), 0, 'the heartbeat timer is cleared');
  });
});

describe('faults', () => {
  test('failNext(500) answers server-error without applying the command, then recovers', async () => {
    backend.faults.failNext(500);
    assertError(await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent'), 500, 'server-error');
    assert.equal(backend.state().requests.length, 0);
    assert.equal((await snapshot(FRONTDESK)).seq, 0, 'reads are not affected');
    assert.equal((await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent')).status, 201);
  });

  test('failNext(429, 2) answers rate-limited with Retry-After twice', async () => {
    backend.faults.failNext(429, 2, { retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await setAvailable(OKAFOR, false);
      assertError(answer, 429, 'rate-limited');
      assert.equal(answer.headers.get('retry-after'), '7');
    }
    assert.equal((await setAvailable(OKAFOR, false)).status, 200);
  });

  test('loseResponseNext: the command is applied, the client sees a network failure, a replay gets the answer', async () => {
    backend.faults.loseResponseNext();
    const key = randomUUID();
    await assert.rejects(requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key }), TypeError);
    assert.equal(backend.state().requests.length, 1);
    const replay = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent', { key });
    assert.equal(replay.status, 201);
    assert.equal(replay.json.requests[0].id, backend.state().requests[0].id);

    backend.faults.loseResponseNext();
    await assert.rejects(
      backend.handle(
        new Request('http://x/api/availability', {
          method: 'PUT',
          headers: { Authorization: `Bearer ${OKAFOR}`, 'Idempotency-Key': 'k' },
          body: '{"available":false}',
        }),
      ),
      { name: 'TypeError', message: 'Failed to fetch' },
    );
  });

  test('delayMs holds every answer back on the timers', async () => {
    backend.faults.delayMs = 500;
    let answered = false;
    const pending = call(FRONTDESK, 'GET', '/me').then((answer) => {
      answered = true;
      return answer;
    });
    await until(() => clock.scheduledCount() === 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(answered, false);
    clock.advance(500);
    assert.equal((await pending).status, 200);
  });

  test('dropStreams errors out every open stream', async () => {
    const a = await openStream(FRONTDESK);
    const b = await openStream(OKAFOR);
    await until(() => backend.openStreamCount() === 2);
    backend.faults.dropStreams();
    await until(() => a.ended && b.ended);
    assert.ok(a.error, 'the frontdesk stream failed');
    assert.ok(b.error, 'the okafor stream failed');
    assert.equal(backend.openStreamCount(), 0);
  });

  test('duplicateEvents sends each event twice', async () => {
    backend.faults.duplicateEvents = true;
    const stream = await openStream(FRONTDESK);
    await pendingRequest();
    await stream.waitForChanges(2);
    assert.deepEqual(stream.seqs(), [1, 1]);
    stream.close();
  });

  test('reorderEvents swaps pairs of consecutive events; a lone one goes out with the heartbeat', async () => {
    backend.faults.reorderEvents = true;
    const stream = await openStream(FRONTDESK);
    const request = await pendingRequest(); // 1
    await cancel(FRONTDESK, request.id); // 2
    await pendingRequest(); // 3, held back
    await stream.waitForChanges(2);
    assert.deepEqual(stream.seqs(), [2, 1]);
    clock.advance(10_000);
    await stream.waitForChanges(3);
    assert.deepEqual(stream.seqs(), [2, 1, 3]);
    stream.close();
  });

  test('blockStream answers GET /events with 503, as a proxy blocking push would', async () => {
    backend.faults.blockStream = true;
    const stream = await openStream(FRONTDESK);
    assert.equal(stream.status, 503);
    assert.equal(stream.body.error.code, 'server-error');
    assert.equal((await snapshot(FRONTDESK)).seq, 0, 'plain reads still work');
  });

  test('clear() switches every fault off', async () => {
    backend.faults.failNext(500, 3);
    backend.faults.loseResponseNext();
    backend.faults.blockStream = true;
    backend.faults.delayMs = 1000;
    backend.faults.clear();
    assert.equal((await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent')).status, 201);
    const stream = await openStream(FRONTDESK);
    assert.equal(stream.status, 200);
    stream.close();
  });
});

describe('reset and state', () => {
  test('issue 17.10: POST /api/reset without the demo reset token answers 401 and changes nothing', async () => {
    const request = await pendingRequest();
    assertError(await call(null, 'POST', '/reset', undefined, { key: null }), 401, 'unauthorized');
    assertError(await call(FRONTDESK, 'POST', '/reset', undefined, { key: null }), 401, 'unauthorized');
    assert.equal(backend.state().requests[0].id, request.id);
  });

  test('POST /api/reset with the demo reset token returns to the seed and ends open streams cleanly', async () => {
    const seedState = createClinicBackend({ now: clock.now, timers: clock.timers }).state();
    const request = await pendingRequest();
    await accept(OKAFOR, request.id);
    await setAvailable(REYES, true);
    const stream = await openStream(FRONTDESK);
    await until(() => backend.openStreamCount() === 1);

    const answer = await call(SEED.resetToken, 'POST', '/reset', undefined, { key: null });
    assert.equal(answer.status, 200);
    await until(() => stream.ended);
    assert.equal(stream.error, null);
    assert.deepEqual(backend.state(), seedState);
    assert.equal((await snapshot(FRONTDESK)).seq, 0);
    assert.equal((await snapshot(REYES)).providers.find((p) => p.id === 'prov-reyes').available, false);
  });

  test('state() is a deep copy of the whole truth', async () => {
    await pendingRequest();
    const copy = backend.state();
    copy.requests[0].status = 'accepted';
    copy.providers.length = 0;
    assert.equal(backend.state().requests[0].status, 'pending');
    assert.equal(backend.state().providers.length, 4);
  });

  test('the seed and its demo users', () => {
    assert.deepEqual(
      DEMO_USERS.map((u) => [u.id, u.role, u.token]),
      [
        ['req-frontdesk', 'requester', 'demo-frontdesk'],
        ['req-nursecart', 'requester', 'demo-nursecart'],
        ['req-kiosk', 'requester', 'demo-kiosk'],
        ['prov-okafor', 'provider', 'demo-okafor'],
        ['prov-lindqvist', 'provider', 'demo-lindqvist'],
        ['prov-reyes', 'provider', 'demo-reyes'],
        ['req-northgate', 'requester', 'demo-northgate'],
        ['prov-natarajan', 'provider', 'demo-natarajan'],
      ],
    );
    assert.deepEqual(backend.tokens, SEED.tokens);
  });
});

describe('presence (issue 16.6), with a grace period on the fake clock', () => {
  const GRACE = 15_000;
  const present = createClinicBackend({ now: clock.now, timers: clock.timers, heartbeatMs: 10_000, presenceGraceMs: GRACE });
  const presentServer = createServer((req, res) => {
    if (!createNodeHandler(present)(req, res)) res.writeHead(404).end();
  });
  let mainBase = '';
  before(async () => {
    await new Promise((resolve) => presentServer.listen(0, '127.0.0.1', () => resolve(undefined)));
    mainBase = base;
    base = `http://127.0.0.1:${presentServer.address().port}/api`;
  });
  after(async () => {
    base = mainBase;
    present.close();
    presentServer.closeAllConnections();
    await new Promise((resolve) => presentServer.close(() => resolve(undefined)));
  });
  beforeEach(() => present.reset());

  const providerOn = (stream, id) => stream.changes().filter((e) => e.type === 'provider' && e.provider.id === id).at(-1)?.provider;

  test('a provider whose dashboard closed is not reachable after the grace period: requests are declined at once (not-connected), until a stream opens again', async () => {
    const desk = await openStream(FRONTDESK);
    let okafor = await openStream(OKAFOR);
    okafor.close();
    await until(() => present.openStreamCount() === 1);
    clock.advance(GRACE - 1);
    assert.equal((await snapshot(FRONTDESK)).providers.find((p) => p.id === 'prov-okafor').connected, undefined, 'still within the grace period');
    clock.advance(1);
    await until(() => providerOn(desk, 'prov-okafor')?.connected === false);
    assert.equal((await snapshot(FRONTDESK)).providers.find((p) => p.id === 'prov-okafor').connected, false);

    const refused = await requestSession(FRONTDESK, 'prov-okafor', 'svc-urgent');
    assert.equal(refused.status, 201, refused.text);
    assert.deepEqual([refused.json.requests[0].status, refused.json.requests[0].declineReason], ['declined', 'not-connected']);

    okafor = await openStream(OKAFOR);
    await until(() => providerOn(desk, 'prov-okafor')?.connected === true);
    assert.equal(okafor.changes().some((e) => e.type === 'request'), false, 'the provider was never alerted to the refused request');
    assert.equal((await pendingRequest()).status, 'pending');
    desk.close();
    okafor.close();
  });

  test('a requester who closed the tab in the waiting room is shown disconnected to the provider after the grace period, and back when they return', async () => {
    const okafor = await openStream(OKAFOR);
    let desk = await openStream(FRONTDESK);
    const request = await pendingRequest();
    const session = (await accept(OKAFOR, request.id)).json.sessions[0];
    assert.equal((await enter(FRONTDESK, session.id)).status, 200);
    const requesterOn = () => okafor.changes().filter((e) => e.type === 'session' && e.session.id === session.id).at(-1)?.session.requester;
    await until(() => requesterOn()?.status === 'in-waiting-room');
    desk.close();
    await until(() => present.openStreamCount() === 1);
    clock.advance(GRACE);
    await until(() => requesterOn()?.connected === false);
    assert.equal(requesterOn().status, 'in-waiting-room', 'where they were stays; that they are gone is said beside it');
    desk = await openStream(FRONTDESK);
    await until(() => requesterOn()?.connected === true);
    desk.close();
    okafor.close();
  });

  test('a stream that comes back within the grace period changes nothing (a reload)', async () => {
    const desk = await openStream(FRONTDESK);
    (await openStream(OKAFOR)).close();
    await until(() => present.openStreamCount() === 1);
    clock.advance(GRACE - 1000);
    const okafor = await openStream(OKAFOR);
    clock.advance(GRACE);
    await sendMarker();
    await until(() => providerOn(desk, 'prov-lindqvist')?.available === false);
    assert.equal(providerOn(desk, 'prov-okafor'), undefined, 'no presence event for a reload');
    desk.close();
    okafor.close();
  });
});
