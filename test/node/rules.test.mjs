// The clinic's rules as pure functions (src/rules/): a few decisions checked without any shell.
// Most of the rules are covered through the mock that wraps them (mock-backend.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptRequest, requestSession, setAvailability, snapshotOf } from '../../src/rules/index.ts';

const account = { id: 'a1', name: 'A', services: [], notesEnabled: true, requestTimeoutSeconds: 60 };
const requester = { id: 'r1', name: 'Desk', role: 'requester', accountId: 'a1' };
const provider = { id: 'p1', name: 'Dr. P', role: 'provider', accountId: 'a1' };
const providerRow = { id: 'p1', name: 'Dr. P', specialty: '', available: true, notesEnabled: true, version: 1, accountId: 'a1' };
const NOW = Date.parse('2026-01-01T00:00:00.000Z');

test('a request: one row to insert, one event each for requester and provider, ids and time handed in', () => {
  const decision = requestSession({ account, reach: [], provider: providerRow, providerQueue: [] }, requester, { providerId: 'p1', serviceId: null }, NOW, { requestId: 'q1' });
  assert.equal(decision.ok, true);
  assert.equal(decision.status, 201);
  assert.equal(decision.upserts.requests[0].id, 'q1');
  assert.equal(decision.upserts.requests[0].expiresAt, '2026-01-01T00:01:00.000Z');
  assert.deepEqual(decision.events.map((e) => e.userId), ['r1', 'p1']);
  assert.equal('visibleToProvider' in decision.answer.requests[0], false, 'server-only facts stay off the wire');
});

test('tenancy: a provider of another account does not exist for the requester', () => {
  const decision = requestSession({ account, reach: [], provider: { ...providerRow, accountId: 'a2' }, providerQueue: [] }, requester, { providerId: 'p1', serviceId: null }, NOW, { requestId: 'q1' });
  assert.deepEqual([decision.ok, decision.status, decision.code], [false, 404, 'not-found']);
});

test('accept: the session with the id handed in, the queue behind moves up', () => {
  const made = requestSession({ account, reach: [], provider: providerRow, providerQueue: [] }, requester, { providerId: 'p1', serviceId: null }, NOW, { requestId: 'q1' });
  const first = made.upserts.requests[0];
  const second = { ...first, id: 'q2', requesterId: 'r2', createdAt: '2026-01-01T00:00:01.000Z', queuePosition: 2 };
  const decision = acceptRequest({ request: first, providerQueue: [first, second] }, provider, { enter: true }, NOW + 5000, { sessionId: 's1' });
  assert.equal(decision.ok, true);
  assert.equal(decision.answer.sessions[0].id, 's1');
  assert.equal(decision.answer.sessions[0].provider.status, 'in-meeting');
  assert.deepEqual(decision.upserts.requests.map((r) => [r.id, r.status, r.queuePosition, r.version]), [['q1', 'accepted', null, 2], ['q2', 'pending', 1, 2]]);
});

test('going unavailable declines what is pending and tells the audience handed in', () => {
  const made = requestSession({ account, reach: [], provider: providerRow, providerQueue: [] }, requester, { providerId: 'p1', serviceId: null }, NOW, { requestId: 'q1' });
  const decision = setAvailability({ provider: providerRow, pending: made.upserts.requests, audience: ['r1', 'p1'] }, provider, { available: false }, NOW);
  assert.equal(decision.upserts.providers[0].version, 2);
  assert.equal(decision.upserts.requests[0].declineReason, 'unavailable');
  assert.deepEqual(decision.events.map((e) => `${e.userId}:${e.event.type}`), ['r1:provider', 'p1:provider', 'r1:request', 'p1:request']);
});

test('a snapshot holds only what its user may see, with the server time', () => {
  const other = { ...providerRow, id: 'p2', accountId: 'a2' };
  const snapshot = snapshotOf({ user: requester, account, seq: 3, providers: [providerRow, other], requests: [], sessions: [] }, NOW);
  assert.deepEqual(snapshot.providers.map((p) => p.id), ['p1']);
  assert.equal(snapshot.serverTime, '2026-01-01T00:00:00.000Z');
  assert.equal('accountId' in snapshot.providers[0], false);
});
