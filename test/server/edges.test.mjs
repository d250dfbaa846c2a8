// The reference server at its edges (issue 14 items 5–6): bad input of every kind gets the
// contract's error and changes nothing; tenancy on every endpoint and stream; JWTs with the wrong
// key, audience or expiry are refused; limits answer the contract's errors; CORS only for the
// configured origin; logs hold no names, notes or tokens; and a database that goes away answers
// 503, then the node recovers by itself without losing a committed event.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { startPostgres } from '../../scripts/postgres-cluster.mjs';
import { command, startServerProcess, streamClient, waitFor } from './support.mjs';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'virtual-clinic';
const ORIGIN = 'https://ehr.example.com';
const NOTE = 'Private note: patient-like words';

const idp = await generateKeyPair('ES256');
const stranger = await generateKeyPair('ES256');
const jwt = (userId, { key = idp.privateKey, audience = AUDIENCE, expires = '1h' } = {}) =>
  new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject(userId).setIssuer(ISSUER).setAudience(audience).setExpirationTime(expires).sign(key);

async function get(baseUrl, path, token, headers = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

describe('the reference server at its edges', { timeout: 900_000 }, () => {
  let cluster;
  let node;
  before(async () => {
    // Its own cluster: this file stops and starts it.
    cluster = await startPostgres();
    node = await startServerProcess({
      env: {
        DATABASE_URL: cluster.url,
        JWT_PUBLIC_KEY: await exportSPKI(idp.publicKey),
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        CORS_ORIGINS: ORIGIN,
        LIMIT_COMMANDS_PER_MINUTE: '40',
        LIMIT_STREAMS_PER_USER: '2',
        HEARTBEAT_SECONDS: '1',
      },
    });
  }, { timeout: 600_000 });
  after(async () => {
    await node?.kill();
    cluster?.stop();
  });

  const snapshotOf = async (token) => (await get(node.baseUrl, '/snapshot', token)).json;
  const comparable = (snapshot) => JSON.stringify({ ...snapshot, serverTime: undefined });

  test('bad input of any kind: the contract\'s error, and nothing changes', async () => {
    const before = [await snapshotOf('demo-frontdesk'), await snapshotOf('demo-okafor')].map(comparable);
    const raw = (path, body, headers = {}) =>
      fetch(`${node.baseUrl}${path}`, { method: 'POST', headers: { Authorization: 'Bearer demo-frontdesk', 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const cases = [
      ['malformed JSON', await raw('/requests', '{"providerId": "prov-okafor",'), 400, 'invalid-input'],
      ['wrong types', await raw('/requests', JSON.stringify({ providerId: 42, serviceId: null })), 400, 'invalid-input'],
      ['an array body', await raw('/requests', '[]'), 400, 'invalid-input'],
      ['a body over the limit', await raw('/requests', JSON.stringify({ providerId: 'x'.repeat(200_000), serviceId: null })), 400, 'invalid-input'],
      ['an unknown provider', await raw('/requests', JSON.stringify({ providerId: 'prov-nobody', serviceId: 'svc-urgent' })), 404, 'not-found'],
      ['a provider out of reach', await raw('/requests', JSON.stringify({ providerId: 'prov-natarajan', serviceId: 'svc-urgent' })), 404, 'not-found'],
      ['an unknown request', await raw('/requests/request-nope/cancel', ''), 404, 'not-found'],
      ['an unknown session', await raw('/sessions/session-nope/signal', JSON.stringify({ type: 'hello', payload: null })), 404, 'not-found'],
      ['a missing Idempotency-Key', await raw('/requests', '{}', { 'Idempotency-Key': '' }), 400, 'invalid-input'],
      ['an unknown endpoint', await raw('/requests/x/explode', '{}'), 404, 'not-found'],
    ];
    for (const [what, answer, status, code] of cases) {
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.json)}`);
      assert.equal(answer.json.error.code, code, what);
      assert.equal(typeof answer.json.error.message, 'string');
    }
    const after = [await snapshotOf('demo-frontdesk'), await snapshotOf('demo-okafor')].map(comparable);
    assert.deepEqual(after, before);
  });

  test('a replayed Idempotency-Key: the first answer again; with another body, invalid-input and no change', async () => {
    const key = randomUUID();
    const first = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-lindqvist', serviceId: 'svc-urgent' }, key);
    assert.equal(first.status, 201);
    const again = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-lindqvist', serviceId: 'svc-urgent' }, key);
    assert.deepEqual(again, first);
    const other = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' }, key);
    assert.equal(other.status, 400);
    assert.equal(other.json.error.code, 'invalid-input');
    const mine = (await snapshotOf('demo-frontdesk')).requests.filter((r) => r.status === 'pending');
    assert.deepEqual(mine.map((r) => r.providerId), ['prov-lindqvist']);
    assert.equal((await command(node.baseUrl, 'demo-frontdesk', 'POST', `/requests/${first.json.requests[0].id}/cancel`)).status, 200);
  });

  test('tenancy: the users of an account out of reach (Northgate) reach nothing of Riverside, on every endpoint and stream', async () => {
    const made = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    const requestId = made.json.requests[0].id;
    const northgate = streamClient(node.baseUrl, 'demo-natarajan');
    await northgate.open();
    assert.deepEqual((await snapshotOf('demo-northgate')).providers.map((p) => p.id), ['prov-natarajan']);
    assert.deepEqual((await snapshotOf('demo-natarajan')).requests, []);
    for (const action of ['accept', 'decline']) {
      const answer = await command(node.baseUrl, 'demo-natarajan', 'POST', `/requests/${requestId}/${action}`, action === 'accept' ? { enter: false } : { note: null });
      assert.equal(answer.status, 403, `${action}: ${JSON.stringify(answer.json)}`);
    }
    const accepted = await command(node.baseUrl, 'demo-okafor', 'POST', `/requests/${requestId}/accept`, { enter: false });
    const sessionId = accepted.json.sessions[0].id;
    for (const path of [`/sessions/${sessionId}/enter`, `/sessions/${sessionId}/signal`, `/requests/${requestId}/dismiss`]) {
      const answer = await command(node.baseUrl, 'demo-northgate', 'POST', path, { type: 'hello', payload: null });
      assert.equal(answer.status, 403, `${path}: ${JSON.stringify(answer.json)}`);
    }
    // Okafor's availability is news to Riverside and the accounts that reach it, not to Northgate.
    await command(node.baseUrl, 'demo-okafor', 'PUT', '/availability', { available: false });
    await command(node.baseUrl, 'demo-okafor', 'PUT', '/availability', { available: true });
    await command(node.baseUrl, 'demo-okafor', 'POST', `/sessions/${sessionId}/leave`);
    const heard = await get(node.baseUrl, '/snapshot', 'demo-natarajan');
    assert.equal(northgate.received.length, 0, JSON.stringify(northgate.received));
    assert.deepEqual(heard.json.sessions, []);
    northgate.close();
  });

  test('JWTs: the right key signs in; a stranger\'s key, another audience or an expired token is refused', async () => {
    assert.equal((await get(node.baseUrl, '/me', await jwt('prov-okafor'))).status, 200);
    for (const [what, token] of [
      ['a token signed by another key', await jwt('prov-okafor', { key: stranger.privateKey })],
      ['another audience', await jwt('prov-okafor', { audience: 'someone-else' })],
      ['an expired token', await jwt('prov-okafor', { expires: Math.floor(Date.now() / 1000) - 3600 })],
      ['a user not in the directory', await jwt('nobody')],
      ['not a JWT', 'garbage'],
    ]) {
      const answer = await get(node.baseUrl, '/snapshot', token);
      assert.equal(answer.status, 401, what);
      assert.equal(answer.json.error.code, 'unauthorized', what);
    }
  });

  test('limits: open streams per user and commands per minute answer rate-limited with Retry-After', async () => {
    const streams = [streamClient(node.baseUrl, 'demo-kiosk'), streamClient(node.baseUrl, 'demo-kiosk')];
    await Promise.all(streams.map((s) => s.open()));
    const third = await fetch(`${node.baseUrl}/events`, { headers: { Authorization: 'Bearer demo-kiosk' } });
    assert.equal(third.status, 429);
    assert.equal((await third.json()).error.code, 'rate-limited');
    streams.forEach((s) => s.close());
    let limited = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const answer = await fetch(`${node.baseUrl}/requests/request-none/dismiss`, { method: 'POST', headers: { Authorization: 'Bearer demo-kiosk', 'Idempotency-Key': randomUUID() } });
      if (answer.status === 429) limited = answer;
    }
    assert.ok(limited, 'the 41st command within a minute is refused');
    assert.equal((await limited.json()).error.code, 'rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  test('CORS: the configured origin may call; another origin gets no permission', async () => {
    const allowed = await get(node.baseUrl, '/me', 'demo-frontdesk', { Origin: ORIGIN });
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
    const other = await get(node.baseUrl, '/me', 'demo-frontdesk', { Origin: 'https://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('the database goes away: 503 and nothing changed; it comes back: the node recovers and no committed event is lost', async () => {
    const provider = streamClient(node.baseUrl, 'demo-lindqvist');
    await provider.open();
    const first = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-lindqvist', serviceId: 'svc-behavioral' });
    assert.equal(first.status, 201);
    await waitFor(() => provider.received.some((e) => e.request?.id === first.json.requests[0].id), 'the request on the provider\'s stream');

    cluster.pause();
    const during = await command(node.baseUrl, 'demo-frontdesk', 'POST', `/requests/${first.json.requests[0].id}/cancel`);
    assert.equal(during.status, 503);
    assert.equal(during.json.error.code, 'server-error');
    assert.equal((await fetch(`${node.url}/readyz`)).status, 503);

    cluster.resume();
    await waitFor(async () => (await fetch(`${node.url}/readyz`)).status === 200, 'the node to be ready again');
    const cancelled = await waitFor(async () => {
      const answer = await command(node.baseUrl, 'demo-frontdesk', 'POST', `/requests/${first.json.requests[0].id}/cancel`);
      return answer.status === 200 ? answer : null;
    }, 'a command to succeed again');
    await waitFor(() => provider.received.some((e) => e.request?.id === first.json.requests[0].id && e.request.status === 'cancelled'), 'the cancel on the stream');
    const seqs = provider.received.map((e) => e.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
    assert.equal(cancelled.json.requests[0].status, 'cancelled');
    provider.close();
  });

  test('the logs hold no names, notes or tokens', async () => {
    const made = await command(node.baseUrl, 'demo-frontdesk', 'POST', '/requests', { providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    await command(node.baseUrl, 'demo-okafor', 'POST', `/requests/${made.json.requests[0].id}/decline`, { note: NOTE });
    const logs = node.output();
    for (const secret of ['demo-frontdesk', 'demo-okafor', 'Okafor', 'Riverside Front Desk', NOTE, 'Bearer']) {
      assert.equal(logs.includes(secret), false, `the logs mention "${secret}"`);
    }
    assert.ok(logs.includes('"msg":"listening"'));
  });
});
