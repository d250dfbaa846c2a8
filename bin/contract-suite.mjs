// The conformance suite of the HTTP contract (docs/http-contract.md, docs/openapi.yaml), run
// against a LIVE backend with plain fetch. Each check names the rule and the endpoint it covers.
// It creates its own requests and cleans up after itself (cancels, dismisses, leaves, restores
// the provider's availability); it touches nobody else's data, and where that data stands in its
// way (a pending request it did not make, issue 19.7) it skips the checks concerned with the reason.
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import * as schemas from './contract-schemas.mjs';

const { PRESENCE_GRACE_MS } = schemas;

/**
 * The contract's schemas (generated from src/core/contract/schemas.ts into contract-schemas.mjs),
 * by the names docs/openapi.yaml gives them: the suite checks every answer's shape with them.
 */
const SCHEMAS = {
  Me: schemas.MeSchema,
  Snapshot: schemas.SnapshotSchema,
  Changes: schemas.ChangesSchema,
  SessionRequest: schemas.SessionRequestSchema,
  Session: schemas.SessionSchema,
  Provider: schemas.ProviderSchema,
  LiveEvent: schemas.LiveEventSchema,
  Heartbeat: schemas.HeartbeatSchema,
};

const ERROR_CODES = new Set(schemas.SERVER_ERROR_CODES);

/** The contract asks for the first chunk within 1 s; the suite allows more on a busy machine. */
const FIRST_CHUNK_BOUND_MS = 2500;

/** A failed expectation: its message is the reason printed in the table. */
class Failure extends Error {}
/** A check that cannot run with what it was given. */
class Skip extends Error {}

function expect(condition, reason) {
  if (!condition) throw new Failure(reason);
}

/** Fails naming the first field of `value` that does not match the contract's schema `name`. */
function expectShape(value, name, where = name) {
  const result = v.safeParse(SCHEMAS[name], value, { abortEarly: true });
  if (result.success) return;
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('');
  throw new Failure(`${where}${path}: ${issue.message}`);
}

/**
 * @param {{ baseUrl: string, token?: string, requesterToken?: string, providerToken?: string,
 *   allowReset?: boolean, resetToken?: string, otherRequesterToken?: string, otherProviderToken?: string,
 *   fetch?: typeof fetch, timeoutMs?: number, presenceGraceMs?: number }} options
 *   `presenceGraceMs`: the backend's presence grace period (issue 16.6; default PRESENCE_GRACE_MS)
 * @returns {Promise<Array<{ rule: string, endpoint: string, title: string, status: 'pass' | 'fail' | 'skip', reason: string }>>}
 */
export async function runContractSuite(options) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const results = [];

  async function check(rule, endpoint, title, body) {
    try {
      await body();
      results.push({ rule, endpoint, title, status: 'pass', reason: '' });
      return true;
    } catch (error) {
      if (error instanceof Skip) results.push({ rule, endpoint, title, status: 'skip', reason: error.message });
      else results.push({ rule, endpoint, title, status: 'fail', reason: error instanceof Failure ? error.message : `unexpected: ${error?.message ?? error}` });
      return false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  async function call(method, path, { token, body, key = method === 'GET' ? undefined : randomUUID(), headers = {}, rawBody } = {}) {
    const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
    if (token) init.headers.Authorization = `Bearer ${token}`;
    if (key) init.headers['Idempotency-Key'] = key;
    if (body !== undefined || rawBody !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = rawBody ?? JSON.stringify(body);
    }
    const response = await fetchFn(`${base}${path}`, init);
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  function expectStatus(answer, status, what) {
    const code = answer.json?.error?.code;
    expect(answer.status === status, `${what} answered ${answer.status}${code ? ` ${code}` : ''}, expected ${status}`);
  }

  function expectError(answer, status, code, what) {
    expectStatus(answer, status, what);
    const error = answer.json?.error;
    expect(error && typeof error === 'object', `${what}: the body is not { "error": { "code", "message" } }`);
    expect(typeof error.message === 'string', `${what}: error.message is not a string`);
    expect(ERROR_CODES.has(error.code), `${what}: "${error.code}" is not a code of the contract`);
    expect(error.code === code, `${what}: code "${error.code}", expected "${code}"`);
  }

  function changedRequest(answer, id, what) {
    expectShape(answer.json, 'Changes', `${what} body`);
    const request = answer.json.requests.find((r) => r.id === id) ?? (id === undefined ? answer.json.requests[0] : undefined);
    expect(request, `${what}: Changes.requests does not carry the request`);
    return request;
  }

  /** Reads `GET /events` until `until(events)` holds or the time is up; returns what arrived. */
  async function readEvents(token, { lastEventId, until = () => false, waitMs = timeoutMs } = {}) {
    const controller = new AbortController();
    const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
    const timer = setTimeout(() => controller.abort(), waitMs);
    const events = [];
    let response;
    try {
      response = await fetchFn(`${base}/events`, { headers, signal: controller.signal });
      const stream = { status: response.status, contentType: response.headers.get('content-type') ?? '', events };
      if (!response.ok || !response.body) return stream;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = { event: 'message', id: undefined, data: '' };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') event.data += value;
          }
          if (block.split('\n').every((line) => line.startsWith(':'))) continue;
          events.push(event);
        }
        if (until(events)) break;
      }
      return stream;
    } catch (error) {
      if (controller.signal.aborted) return { status: response?.status ?? 0, contentType: response?.headers.get('content-type') ?? '', events };
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  const changes = (events) => events.filter((e) => e.event === 'change').map((e) => ({ id: e.id, data: JSON.parse(e.data) }));

  /**
   * Holds a stream of `token` open, as a dashboard does, until `close()`; resolves once its first
   * chunk arrived (the backend knows the user is there: presence, issue 16.6).
   */
  async function holdStream(token) {
    const controller = new AbortController();
    const response = await fetchFn(`${base}/events`, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: controller.signal });
    const reader = response.body?.getReader();
    if (reader) {
      await reader.read();
      void (async () => {
        try {
          while (!(await reader.read()).done);
        } catch {
          // closed by close()
        }
      })();
    }
    return { close: () => controller.abort() };
  }

  /** Polls `read()` until `holds(value)`, for at most `ms`; returns the last value read. */
  async function eventually(read, holds, ms) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (holds(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const presenceGraceMs = options.presenceGraceMs ?? PRESENCE_GRACE_MS;

  // -------------------------------------------------------------------------------------------
  // Who is who

  if (options.allowReset) {
    await check('reset', 'POST /reset', 'the backend goes back to its seed (--allow-reset)', async () => {
      // Only with the backend's own reset token (issue 17.10): without it, 401.
      expectError(await call('POST', '/reset', {}), 401, 'unauthorized', 'POST /reset without a token');
      const answer = await call('POST', '/reset', { token: options.resetToken });
      expectStatus(answer, 200, 'POST /reset');
    });
  }

  const readToken = options.token ?? options.requesterToken ?? options.providerToken;
  const requesterToken = options.requesterToken;
  const providerToken = options.providerToken;
  if (!readToken) throw new TypeError('Give at least one token (--token, --token-requester or --token-provider).');

  await check('auth', 'GET /snapshot', 'no token → 401 unauthorized', async () => {
    expectError(await call('GET', '/snapshot'), 401, 'unauthorized', 'GET /snapshot without a token');
  });
  await check('auth', 'GET /me', 'an unknown token → 401 unauthorized', async () => {
    expectError(await call('GET', '/me', { token: `not-a-token-${randomUUID()}` }), 401, 'unauthorized', 'GET /me with a wrong token');
  });
  await check('me', 'GET /me', 'answers Me: the user and their account', async () => {
    const answer = await call('GET', '/me', { token: readToken });
    expectStatus(answer, 200, 'GET /me');
    expectShape(answer.json, 'Me', 'GET /me body');
    expect(['requester', 'provider'].includes(answer.json.user.role), `user.role is "${answer.json.user.role}"`);
  });
  let readSeq = 0;
  await check('snapshot', 'GET /snapshot', 'answers Snapshot (seq, me, providers, requests, sessions)', async () => {
    const answer = await call('GET', '/snapshot', { token: readToken });
    expectStatus(answer, 200, 'GET /snapshot');
    expectShape(answer.json, 'Snapshot', 'GET /snapshot body');
    readSeq = answer.json.seq;
  });
  await check('auth', 'GET /ice-servers', 'no token → 401 unauthorized', async () => {
    expectError(await call('GET', '/ice-servers', { token: null }), 401, 'unauthorized', 'GET /ice-servers without a token');
  });
  await check('issue 18', 'GET /ice-servers', 'answers IceServers: urls per server, TURN with a time-limited username and a credential, expiresAt ahead', async () => {
    const answer = await call('GET', '/ice-servers', { token: readToken });
    expectStatus(answer, 200, 'GET /ice-servers');
    const body = answer.json;
    expect(body && Array.isArray(body.iceServers), 'GET /ice-servers body.iceServers is not an array');
    expect(typeof body.expiresAt === 'string' && !Number.isNaN(Date.parse(body.expiresAt)), 'expiresAt is not a timestamp');
    body.iceServers.forEach((server, i) => {
      expect(Array.isArray(server.urls) && server.urls.every((url) => /^(stun|stuns|turn|turns):/.test(url)), `iceServers[${i}].urls are not STUN/TURN addresses`);
      if (server.urls.some((url) => url.startsWith('turn'))) {
        const [expiry] = String(server.username ?? '').split(':');
        expect(/^\d+$/.test(expiry ?? '') && Number(expiry) * 1000 > Date.now(), `iceServers[${i}].username is not "<expiry>:<id>" with an expiry ahead`);
        expect(typeof server.credential === 'string' && server.credential.length > 0, `iceServers[${i}].credential is missing`);
        expect(Math.abs(Number(expiry) * 1000 - Date.parse(body.expiresAt)) < 1000, 'expiresAt is not the username\'s expiry');
      }
    });
  });
  await check('events', 'GET /events', 'answers 200 text/event-stream and stays open', async () => {
    const stream = await readEvents(readToken, { waitMs: 500 });
    expect(stream.status === 200, `GET /events answered ${stream.status}`);
    expect(stream.contentType.startsWith('text/event-stream'), `content-type is "${stream.contentType}"`);
    for (const event of changes(stream.events)) expect(Number(event.id) > readSeq, 'a change older than the snapshot was sent without Last-Event-ID');
  });

  await check('first chunk', 'GET /events', 'the first chunk (a comment line or an event) arrives at once, within 2.5 s', async () => {
    // Issue 16.1: proxies and gateways pass a response on only once its first body byte exists.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FIRST_CHUNK_BOUND_MS);
    const started = performance.now();
    try {
      const response = await fetchFn(`${base}/events`, {
        headers: { Authorization: `Bearer ${readToken}`, Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      expect(response.ok && response.body, `GET /events answered ${response.status}`);
      const { value } = await response.body.getReader().read();
      expect(value && value.length > 0, 'the stream ended without a byte');
      const elapsed = performance.now() - started;
      expect(elapsed < FIRST_CHUNK_BOUND_MS, `the first chunk took ${Math.round(elapsed)} ms`);
    } catch (error) {
      if (controller.signal.aborted) throw new Failure(`no byte of the body within ${FIRST_CHUNK_BOUND_MS} ms`);
      throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  });

  const flowNeeds = 'needs --token-requester and --token-provider';
  if (!requesterToken || !providerToken) {
    for (const [rule, endpoint] of [['R1-R10, X3', 'commands'], ['idempotency', 'commands'], ['live', 'GET /events']]) {
      await check(rule, endpoint, 'the request flow', () => {
        throw new Skip(flowNeeds);
      });
    }
    return results;
  }

  const requesterMe = (await call('GET', '/me', { token: requesterToken })).json;
  const providerMe = (await call('GET', '/me', { token: providerToken })).json;
  const roles = await check('tokens', 'GET /me', 'the two tokens are a requester and a provider', async () => {
    expect(requesterMe?.user?.role === 'requester', '--token-requester is not a requester');
    expect(providerMe?.user?.role === 'provider', '--token-provider is not a provider');
  });
  if (!roles) return results;
  const providerId = providerMe.user.id;
  const services = requesterMe.account.services;
  const notesEnabled = providerMe.account.notesEnabled;

  // Isolation (issue 19.7): the suite only judges data it made. The contract allows one pending
  // request per requester and provider (X3), so a pending one it did not make (left by someone
  // using the backend) means it cannot make its own: every check that needs one is skipped with
  // this reason, never failed, and that request is left alone.
  let occupied = '';
  const occupiedBy = (request) =>
    `the requester already has pending request ${request.id} to provider ${providerId}, not made by this run (one per provider, X3): cancel it, or run with another requester or provider`;
  const needs = (what) => new Skip(occupied || what);
  // What the suite made, to clean up whatever happens.
  const made = { requests: new Set(), sessions: new Set() };
  const rememberChanges = (answer) => {
    for (const request of answer.json?.requests ?? []) if (request.requesterId === requesterMe.user.id && request.providerId === providerId) made.requests.add(request.id);
    for (const session of answer.json?.sessions ?? []) made.sessions.add(session.id);
  };
  const serviceId = services.length > 1 ? services[0].id : null;
  /** A pending request of the suite's own, or a Skip when the requester's one slot is taken. */
  async function createRequest(what = 'POST /requests', key = undefined) {
    if (occupied) throw new Skip(occupied);
    const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId }, key });
    rememberChanges(answer);
    if (answer.status === 409 && answer.json?.error?.code === 'duplicate-pending') {
      // Someone else's request arrived after the snapshot was read.
      const theirs = (await call('GET', '/snapshot', { token: requesterToken })).json?.requests?.find((r) => r.providerId === providerId && r.status === 'pending' && !made.requests.has(r.id));
      if (theirs) {
        occupied = occupiedBy(theirs);
        throw new Skip(occupied);
      }
    }
    expectStatus(answer, 201, what);
    return { answer, request: changedRequest(answer, undefined, what) };
  }

  let snapshotProvider;
  let held = null;
  try {
    await check('R1', 'GET /snapshot', "the provider is among the requester's providers", async () => {
      const snapshot = (await call('GET', '/snapshot', { token: requesterToken })).json;
      snapshotProvider = snapshot?.providers?.find((p) => p.id === providerId);
      expect(snapshotProvider, `provider ${providerId} is not in the requester's snapshot`);
      const leftover = snapshot.requests.find((r) => r.providerId === providerId && r.status === 'pending');
      if (leftover) occupied = occupiedBy(leftover);
    });
    if (!snapshotProvider) return results;
    // The provider's dashboard stays open through the flow: a provider with no open stream is
    // not reachable (presence, issue 16.6), and the flow needs them reachable.
    held = await holdStream(providerToken);
    const providerSeen = () => call('GET', '/snapshot', { token: requesterToken }).then((answer) => answer.json?.providers?.find((p) => p.id === providerId));
    await check('presence', 'GET /snapshot', "with the provider's stream open, the requester sees them connected (true, or absent where not told)", async () => {
      const seen = await eventually(providerSeen, (p) => p?.connected !== false, timeoutMs);
      expect(seen?.connected !== false, 'the provider is shown as not connected while their stream is open');
    });
    if (!snapshotProvider.available) {
      await check('setup', 'PUT /availability', 'the provider is available for the flow', () => {
        throw new Skip('the provider is unavailable; make them available to run the request flow');
      });
      return results;
    }

    await check('idempotency', 'POST /requests', 'a command without Idempotency-Key → 400 invalid-input', async () => {
      const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId }, key: null });
      rememberChanges(answer);
      expectError(answer, 400, 'invalid-input', 'POST /requests without Idempotency-Key');
    });
    await check('input', 'POST /requests', 'a body without providerId → 400 invalid-input', async () => {
      expectError(await call('POST', '/requests', { token: requesterToken, body: { serviceId } }), 400, 'invalid-input', 'POST /requests {serviceId}');
    });
    await check('input', 'POST /requests', 'a body that is not JSON → 400 invalid-input', async () => {
      expectError(await call('POST', '/requests', { token: requesterToken, rawBody: '{not json' }), 400, 'invalid-input', 'POST /requests with a broken body');
    });
    await check('R2', 'POST /requests', 'an Account Service not on the account → 400 unknown-service', async () => {
      const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId: `no-such-service-${randomUUID()}` } });
      rememberChanges(answer);
      expectError(answer, 400, 'unknown-service', 'POST /requests with an unknown serviceId');
    });
    await check('R2', 'POST /requests', 'more than one service → serviceId required (service-required)', async () => {
      if (services.length < 2) throw new Skip(`the requester's account has ${services.length} service(s)`);
      const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId: null } });
      rememberChanges(answer);
      expectError(answer, 400, 'service-required', 'POST /requests with serviceId null');
    });
    await check('input', 'POST /requests', 'an unknown provider → 404 not-found', async () => {
      const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId: `no-such-provider-${randomUUID()}`, serviceId } });
      expectError(answer, 404, 'not-found', 'POST /requests to an unknown provider');
    });

    // --- one request: create, replay, duplicate, live, forbidden, cancel -------------------------
    let request;
    let firstAnswer;
    const key = randomUUID();
    const stream = readEvents(providerToken, {
      until: (events) => changes(events).some((e) => e.data.type === 'request' && e.data.request?.requesterId === requesterMe.user.id),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await check('R1, R2, R7', 'POST /requests', '201 Changes with the new pending request (service per R2)', async () => {
      ({ answer: firstAnswer, request } = await createRequest('POST /requests', key));
      expect(request.status === 'pending', `status is "${request.status}", expected pending`);
      expect(request.providerId === providerId && request.requesterId === requesterMe.user.id, 'providerId/requesterId do not match the callers');
      const implied = services.length === 1 ? services[0].id : serviceId;
      expect(request.serviceId === implied, `serviceId is ${JSON.stringify(request.serviceId)}, expected ${JSON.stringify(implied)}`);
    });
    await check('idempotency', 'POST /requests', 'a replay answers the first answer byte for byte and creates nothing', async () => {
      if (!request) throw needs('needs the request of the check above');
      const replay = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId }, key });
      expect(replay.status === firstAnswer.status, `the replay answered ${replay.status}, the first answer was ${firstAnswer.status}`);
      expect(replay.text === firstAnswer.text, 'the replay body differs from the first answer');
      const snapshot = (await call('GET', '/snapshot', { token: requesterToken })).json;
      const pending = snapshot.requests.filter((r) => r.providerId === providerId && r.status === 'pending');
      expect(pending.length === 1, `the requester has ${pending.length} pending requests to the provider after a replay`);
    });
    await check('idempotency', 'POST /requests', 'a key reused for a different command → 400 invalid-input', async () => {
      if (!request) throw needs('needs the request of the check above');
      const answer = await call('POST', `/requests/${encodeURIComponent(request.id)}/cancel`, { token: requesterToken, key });
      expectError(answer, 400, 'invalid-input', 'a reused Idempotency-Key');
    });
    await check('X3', 'POST /requests', 'a second pending request to the same provider → 409 duplicate-pending', async () => {
      if (!request) throw needs('needs a pending request');
      const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId, serviceId } });
      rememberChanges(answer);
      expectError(answer, 409, 'duplicate-pending', 'a second POST /requests');
    });
    await check('live, R7', 'GET /events', "the new request reaches the provider's stream as a change with a seq", async () => {
      if (!request) throw needs('needs a pending request');
      const seen = changes((await stream).events);
      const event = seen.find((e) => e.data.type === 'request' && e.data.request?.id === request.id);
      expect(event, `no change for ${request.id} reached the provider's stream within ${timeoutMs} ms`);
      expect(String(event.data.seq) === event.id, `id: ${event.id} and data.seq ${event.data.seq} differ`);
      expectShape(event.data.request, 'SessionRequest', 'the event\'s request');
    });
    await check('live', 'GET /events', 'Last-Event-ID replays what came after it', async () => {
      if (!request) throw needs('needs a pending request');
      const snapshot = (await call('GET', '/snapshot', { token: providerToken })).json;
      const replayed = await readEvents(providerToken, { lastEventId: snapshot.seq - 1, until: (events) => changes(events).length > 0, waitMs: 2000 });
      const event = changes(replayed.events)[0];
      expect(event, `nothing was replayed after Last-Event-ID ${snapshot.seq - 1}`);
      expect(Number(event.id) === snapshot.seq, `the replayed change has seq ${event.id}, expected ${snapshot.seq}`);
    });
    await check('forbidden', 'POST /requests/{id}/accept', 'a requester cannot accept → 403 forbidden', async () => {
      if (!request) throw needs('needs a pending request');
      expectError(await call('POST', `/requests/${request.id}/accept`, { token: requesterToken, body: { enter: false } }), 403, 'forbidden', 'accept by the requester');
    });
    await check('forbidden', 'POST /requests/{id}/cancel', 'a provider cannot cancel → 403 forbidden', async () => {
      if (!request) throw needs('needs a pending request');
      expectError(await call('POST', `/requests/${request.id}/cancel`, { token: providerToken }), 403, 'forbidden', 'cancel by the provider');
    });
    await check('R4', 'POST /requests/{id}/dismiss', 'a pending request cannot be dismissed → 400 invalid-input', async () => {
      if (!request) throw needs('needs a pending request');
      expectError(await call('POST', `/requests/${request.id}/dismiss`, { token: requesterToken }), 400, 'invalid-input', 'dismiss while pending');
    });
    await check('X3', 'POST /requests/{id}/cancel', 'the requester cancels: status cancelled, version grows', async () => {
      if (!request) throw needs('needs a pending request');
      const answer = await call('POST', `/requests/${request.id}/cancel`, { token: requesterToken });
      expectStatus(answer, 200, 'cancel');
      const cancelled = changedRequest(answer, request.id, 'cancel');
      expect(cancelled.status === 'cancelled', `status is "${cancelled.status}"`);
      expect(cancelled.version > request.version, `version ${cancelled.version} did not grow from ${request.version}`);
    });
    await check('X4', 'POST /requests/{id}/accept', 'accepting a cancelled request → 409 request-cancelled', async () => {
      if (!request) throw needs('needs a cancelled request');
      expectError(await call('POST', `/requests/${request.id}/accept`, { token: providerToken, body: { enter: false } }), 409, 'request-cancelled', 'accept after cancel');
    });
    await check('input', 'POST /requests/{id}/cancel', 'an unknown request → 404 not-found', async () => {
      expectError(await call('POST', `/requests/no-such-request-${randomUUID()}/cancel`, { token: requesterToken }), 404, 'not-found', 'cancel of an unknown request');
    });

    // --- decline (R9) and dismiss (R4) --------------------------------------------------------
    let declined;
    await check('R9', 'POST /requests/{id}/decline', notesEnabled ? 'a decline carries the note to the requester' : 'a note where notes are off → 400 notes-disabled', async () => {
      const { request: pending } = await createRequest();
      const note = 'Contract test: please try again in ten minutes.';
      const answer = await call('POST', `/requests/${pending.id}/decline`, { token: providerToken, body: { note } });
      if (!notesEnabled) {
        expectError(answer, 400, 'notes-disabled', 'decline with a note');
        const plain = await call('POST', `/requests/${pending.id}/decline`, { token: providerToken, body: { note: null } });
        expectStatus(plain, 200, 'decline without a note');
        declined = changedRequest(plain, pending.id, 'decline');
        return;
      }
      expectStatus(answer, 200, 'decline');
      declined = changedRequest(answer, pending.id, 'decline');
      expect(declined.status === 'declined' && declined.declineReason === 'provider', `status "${declined.status}", declineReason "${declined.declineReason}"`);
      const seen = (await call('GET', '/snapshot', { token: requesterToken })).json.requests.find((r) => r.id === pending.id);
      expect(seen?.declineNote === note, `the requester sees declineNote ${JSON.stringify(seen?.declineNote)}, expected the provider's note`);
    });
    await check('R9', 'POST /requests/{id}/decline', 'a note over 500 characters → 400 invalid-input', async () => {
      if (!notesEnabled) throw new Skip("the provider's account has notes off");
      const { request: pending } = await createRequest();
      const answer = await call('POST', `/requests/${pending.id}/decline`, { token: providerToken, body: { note: 'x'.repeat(501) } });
      expectError(answer, 400, 'invalid-input', 'decline with a 501-character note');
      await call('POST', `/requests/${pending.id}/cancel`, { token: requesterToken });
    });
    await check('X4', 'POST /requests/{id}/accept', 'accepting a declined request → 409 request-already-answered', async () => {
      if (!declined) throw needs('needs a declined request');
      expectError(await call('POST', `/requests/${declined.id}/accept`, { token: providerToken, body: { enter: false } }), 409, 'request-already-answered', 'accept after decline');
    });
    await check('R4', 'POST /requests/{id}/dismiss', 'the requester dismisses the notice; dismissing twice changes nothing', async () => {
      if (!declined) throw needs('needs a declined request');
      const first = await call('POST', `/requests/${declined.id}/dismiss`, { token: requesterToken });
      expectStatus(first, 200, 'dismiss');
      const dismissed = changedRequest(first, declined.id, 'dismiss');
      expect(dismissed.dismissed === true, 'dismissed is not true');
      const again = await call('POST', `/requests/${declined.id}/dismiss`, { token: requesterToken });
      expectStatus(again, 200, 'a second dismiss');
      expect(changedRequest(again, declined.id, 'a second dismiss').version === dismissed.version, 'a second dismiss changed the version');
    });

    // --- accept, enter, leave (R3, R8, R10) --------------------------------------------------------
    let session;
    await check('R8', 'POST /requests/{id}/accept', 'Accept: the request is accepted and a session has both participants not-arrived', async () => {
      const { request: pending } = await createRequest();
      const answer = await call('POST', `/requests/${pending.id}/accept`, { token: providerToken, body: { enter: false } });
      rememberChanges(answer);
      expectStatus(answer, 200, 'accept');
      const accepted = changedRequest(answer, pending.id, 'accept');
      session = answer.json.sessions.find((s) => s.requestId === pending.id);
      expect(accepted.status === 'accepted', `status is "${accepted.status}"`);
      expect(session, 'Changes.sessions does not carry the new session');
      expect(accepted.sessionId === session.id, 'request.sessionId is not the new session');
      expect(session.requester.status === 'not-arrived' && session.provider.status === 'not-arrived', `participants are ${session.requester.status} / ${session.provider.status}`);
      const again = await call('POST', `/requests/${pending.id}/accept`, { token: providerToken, body: { enter: false } });
      expectError(again, 409, 'request-already-answered', 'a second accept');
    });
    await check('R3', 'POST /sessions/{id}/enter', 'the requester enters: in-waiting-room', async () => {
      if (!session) throw needs('needs a session');
      const answer = await call('POST', `/sessions/${session.id}/enter`, { token: requesterToken });
      expectStatus(answer, 200, 'enter (requester)');
      const entered = answer.json.sessions.find((s) => s.id === session.id);
      expect(entered?.requester.status === 'in-waiting-room', `requester status is "${entered?.requester.status}"`);
    });
    await check('R10', 'POST /sessions/{id}/enter', 'the provider enters: in-meeting', async () => {
      if (!session) throw needs('needs a session');
      const answer = await call('POST', `/sessions/${session.id}/enter`, { token: providerToken });
      expectStatus(answer, 200, 'enter (provider)');
      const entered = answer.json.sessions.find((s) => s.id === session.id);
      expect(entered?.provider.status === 'in-meeting', `provider status is "${entered?.provider.status}"`);
    });
    await check('R10', 'POST /sessions/{id}/leave', 'leaving ends the session; entering it again → 409 session-ended', async () => {
      if (!session) throw needs('needs a session');
      const answer = await call('POST', `/sessions/${session.id}/leave`, { token: requesterToken });
      expectStatus(answer, 200, 'leave');
      const left = answer.json.sessions.find((s) => s.id === session.id);
      expect(left?.status === 'ended' && left.requester.status === 'left', `session "${left?.status}", requester "${left?.requester.status}"`);
      made.sessions.delete(session.id);
      expectError(await call('POST', `/sessions/${session.id}/enter`, { token: providerToken }), 409, 'session-ended', 'enter after leave');
    });
    await check('R8', 'POST /requests/{id}/accept', 'Accept and Enter: the provider is in-meeting at once', async () => {
      const { request: pending } = await createRequest();
      const answer = await call('POST', `/requests/${pending.id}/accept`, { token: providerToken, body: { enter: true } });
      rememberChanges(answer);
      expectStatus(answer, 200, 'accept and enter');
      const created = answer.json.sessions.find((s) => s.requestId === pending.id);
      expect(created?.provider.status === 'in-meeting', `provider status is "${created?.provider.status}"`);
    });

    // --- tenancy (issue 16.11): two accounts that may not reach each other ---------------------
    const { otherRequesterToken, otherProviderToken } = options;
    if (!otherRequesterToken || !otherProviderToken) {
      await check('tenancy', 'every endpoint', 'users of another account see and reach nothing of this one', () => {
        throw new Skip('needs --token-other-requester and --token-other-provider (an account the first may not reach)');
      });
    } else {
      const otherProviderId = (await call('GET', '/me', { token: otherProviderToken })).json?.user?.id;
      const otherRequesterId = (await call('GET', '/me', { token: otherRequesterToken })).json?.user?.id;
      const otherStreams = [otherRequesterToken, otherProviderToken].map((token) => readEvents(token, { waitMs: Math.min(timeoutMs, 2000) }));
      await check('tenancy', 'GET /snapshot', "neither account's providers are listed to the other", async () => {
        const mine = (await call('GET', '/snapshot', { token: requesterToken })).json;
        const theirs = (await call('GET', '/snapshot', { token: otherRequesterToken })).json;
        expect(!mine.providers.some((p) => p.id === otherProviderId), "the other account's provider is in the requester's list");
        expect(!theirs.providers.some((p) => p.id === providerId), "the provider is in the other account's requester's list");
      });
      await check('tenancy', 'POST /requests', "a request to another account's provider → 404 not-found, both ways", async () => {
        const answer = await call('POST', '/requests', { token: requesterToken, body: { providerId: otherProviderId, serviceId } });
        rememberChanges(answer);
        expectError(answer, 404, 'not-found', "POST /requests to the other account's provider");
        expectError(await call('POST', '/requests', { token: otherRequesterToken, body: { providerId, serviceId: null } }), 404, 'not-found', 'POST /requests from the other account');
      });
      const denied = (answer, what) => expect(answer.status === 403 || answer.status === 404, `${what} answered ${answer.status}, expected 403 or 404`);
      let ours;
      await check('tenancy', 'POST /requests/{id}/accept', "another account's provider cannot accept, decline or cancel our request", async () => {
        ({ request: ours } = await createRequest());
        denied(await call('POST', `/requests/${ours.id}/accept`, { token: otherProviderToken, body: { enter: false } }), 'accept');
        denied(await call('POST', `/requests/${ours.id}/decline`, { token: otherProviderToken, body: { note: null } }), 'decline');
        denied(await call('POST', `/requests/${ours.id}/cancel`, { token: otherRequesterToken }), 'cancel');
      });
      await check('tenancy', 'POST /sessions/{id}/signal', "another account's users cannot enter, signal in or leave our session", async () => {
        if (!ours) throw new Skip(occupied || 'needs a request');
        const answer = await call('POST', `/requests/${ours.id}/accept`, { token: providerToken, body: { enter: false } });
        rememberChanges(answer);
        const session = answer.json?.sessions?.[0];
        expect(session, 'the accept carried no session');
        for (const token of [otherRequesterToken, otherProviderToken]) {
          denied(await call('POST', `/sessions/${session.id}/enter`, { token }), 'enter');
          denied(await call('POST', `/sessions/${session.id}/signal`, { token, body: { type: 'hello', payload: null } }), 'signal');
          denied(await call('POST', `/sessions/${session.id}/leave`, { token }), 'leave');
        }
      });
      await check('tenancy', 'GET /events', "the other account's streams carry nothing of ours", async () => {
        for (const stream of await Promise.all(otherStreams)) {
          const leaked = changes(stream.events).filter((e) => JSON.stringify(e.data).includes(providerId) || JSON.stringify(e.data).includes(requesterMe.user.id));
          expect(leaked.length === 0, `${leaked.length} event(s) about this account reached the other one`);
        }
        expect(otherRequesterId !== undefined, 'the other requester token is not valid');
      });
    }

    // --- availability (R5, R6) ---------------------------------------------------------------
    const providerSnapshot = (await call('GET', '/snapshot', { token: providerToken })).json;
    const othersPending = providerSnapshot.requests.filter((r) => r.status === 'pending' && !made.requests.has(r.id));
    const availabilityBlocked = occupied || (othersPending.length > 0 ? `the provider has ${othersPending.length} pending request(s) not made by this run, which going unavailable would decline` : '');
    let wentUnavailable = false;
    try {
      await check('R6', 'PUT /availability', 'going unavailable declines the pending requests (declineReason unavailable)', async () => {
        if (availabilityBlocked) throw new Skip(availabilityBlocked);
        const { request: pending } = await createRequest();
        const answer = await call('PUT', '/availability', { token: providerToken, body: { available: false } });
        expectStatus(answer, 200, 'PUT /availability false');
        wentUnavailable = true;
        expectShape(answer.json, 'Changes', 'PUT /availability body');
        const provider = answer.json.providers.find((p) => p.id === providerId);
        expect(provider?.available === false, 'Changes.providers does not carry the provider, unavailable');
        const autoDeclined = answer.json.requests.find((r) => r.id === pending.id);
        expect(autoDeclined?.status === 'declined' && autoDeclined.declineReason === 'unavailable', `our pending request is ${autoDeclined?.status}/${autoDeclined?.declineReason}`);
      });
      await check('R5', 'POST /requests', 'a request to an unavailable provider is declined at once, and the provider never sees it', async () => {
        if (!wentUnavailable) throw new Skip(availabilityBlocked || 'needs the provider unavailable');
        const { request: instant } = await createRequest();
        expect(instant.status === 'declined' && instant.declineReason === 'unavailable', `the request is ${instant.status}/${instant.declineReason}`);
        const theirs = (await call('GET', '/snapshot', { token: providerToken })).json.requests.find((r) => r.id === instant.id);
        expect(!theirs, "the request is in the provider's snapshot");
      });
    } finally {
      if (wentUnavailable) {
        await check('R6', 'PUT /availability', 'going available again', async () => {
          const answer = await call('PUT', '/availability', { token: providerToken, body: { available: true } });
          expectStatus(answer, 200, 'PUT /availability true');
          expect(answer.json.providers.find((p) => p.id === providerId)?.available === true, 'the provider is still unavailable');
        });
      }
    }

    // --- presence (issue 16.6): a closed tab is gone after the grace period ---------------------
    await check('presence', 'GET /events', "the provider's last stream closed: after the grace period the requester sees them not connected, and a request is declined at once (not-connected), unseen by the provider", async () => {
      if (occupied) throw new Skip(occupied);
      held.close();
      held = null;
      const gone = await eventually(providerSeen, (p) => p?.connected === false, presenceGraceMs + timeoutMs);
      expect(gone?.connected === false, `the provider is still shown connected ${presenceGraceMs + timeoutMs} ms after their stream closed`);
      const { request: instant } = await createRequest();
      expect(instant.status === 'declined' && instant.declineReason === 'not-connected', `the request is ${instant.status}/${instant.declineReason}`);
      const theirs = (await call('GET', '/snapshot', { token: providerToken })).json.requests.find((r) => r.id === instant.id);
      expect(!theirs, "the request is in the provider's snapshot");
    });
    await check('presence', 'GET /events', 'a stream of the provider that opens again makes them connected at once', async () => {
      held ??= await holdStream(providerToken);
      const back = await eventually(providerSeen, (p) => p?.connected !== false, timeoutMs);
      expect(back?.connected !== false, 'the provider is still shown as not connected with a stream open');
    });
    await check('presence', 'GET /snapshot', "a requester who closed the tab in the waiting room is shown disconnected to the provider after the grace period, and connected when back", async () => {
      if (occupied) throw new Skip(occupied);
      let tab = await holdStream(requesterToken);
      const { request: pending } = await createRequest();
      const answer = await call('POST', `/requests/${pending.id}/accept`, { token: providerToken, body: { enter: false } });
      rememberChanges(answer);
      const session = answer.json?.sessions?.[0];
      expect(session, 'the accept carried no session');
      expectStatus(await call('POST', `/sessions/${session.id}/enter`, { token: requesterToken }), 200, 'enter (requester)');
      const requesterSeen = () => call('GET', '/snapshot', { token: providerToken }).then((r) => r.json?.sessions?.find((s) => s.id === session.id)?.requester);
      tab.close();
      const gone = await eventually(requesterSeen, (p) => p?.connected === false, presenceGraceMs + timeoutMs);
      expect(gone?.connected === false, `the requester is still shown connected ${presenceGraceMs + timeoutMs} ms after their stream closed`);
      expect(gone.status === 'in-waiting-room', `the requester's status is "${gone.status}"; where they were stays`);
      tab = await holdStream(requesterToken);
      const back = await eventually(requesterSeen, (p) => p?.connected !== false, timeoutMs);
      tab.close();
      expect(back?.connected !== false, 'the requester is still shown disconnected with a stream open');
    });
  } finally {
    held?.close();
    // Clean up: leave open sessions, cancel pending requests, dismiss the rest.
    for (const sessionId of made.sessions) await call('POST', `/sessions/${sessionId}/leave`, { token: requesterToken }).catch(() => {});
    const snapshot = (await call('GET', '/snapshot', { token: requesterToken }).catch(() => ({}))).json;
    for (const request of snapshot?.requests ?? []) {
      if (!made.requests.has(request.id)) continue;
      if (request.status === 'pending') await call('POST', `/requests/${request.id}/cancel`, { token: requesterToken }).catch(() => {});
      if (!request.dismissed) await call('POST', `/requests/${request.id}/dismiss`, { token: requesterToken }).catch(() => {});
    }
  }
  return results;
}

/** The table the CLI prints: rule, endpoint, result, reason. */
export function formatResults(results) {
  const rows = results.map((r) => [r.rule, r.endpoint, r.status.toUpperCase(), r.status === 'pass' ? r.title : `${r.title} — ${r.reason}`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ['rule', 'endpoint', 'result'][i].length));
  const line = (row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ');
  const count = (status) => results.filter((r) => r.status === status).length;
  return [line(['rule', 'endpoint', 'result', 'check — reason']), ...rows.map(line), '', `${count('pass')} checks passed · ${count('fail')} failed · ${count('skip')} skipped`].join('\n');
}
