/**
 * Issue 15: the core keeps its lists up to date by edits in place. Under thousands of random
 * events, snapshots, optimistic patches and user switches, every list must equal what a
 * from-scratch derivation of the records gives (the way the lists were derived before).
 */
import { expect } from '@open-wc/testing';
import type { Me, Provider, Session, SessionRequest } from '../../src/core/model.js';
import { createOverlay, type OverlayPatch } from '../../src/core/overlay.js';
import { byName, createEntityState, createSelectors } from '../../src/core/clinic-state.js';

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const NAMES = ['Ana', 'Åsa', 'ana', 'Émile', 'Zoë', 'Bob', 'bob', 'Chloé', 'Dr. Ng', 'Ōta'];
const STATUSES = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;
const USERS = ['prov-0', 'prov-1', 'req-0', 'req-1'];

function meOf(userId: string): Me {
  const role = userId.startsWith('prov') ? 'provider' : 'requester';
  return {
    user: { id: userId, name: userId, role, accountId: 'acc' },
    account: { id: 'acc', name: 'Acc', services: [], notesEnabled: true, requestTimeoutSeconds: 60 },
  };
}

const newestFirst = (a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The lists derived from scratch, as selectors did before issue 15. */
function fromScratch(me: Me | null, providers: Record<string, Provider>, requests: Record<string, SessionRequest>, sessions: Record<string, Session>, patches: readonly OverlayPatch[]) {
  const withPatches = <T extends { id: string }>(kind: OverlayPatch['kind'], items: Record<string, T>) => {
    const result: Record<string, T> = { ...items };
    for (const entry of patches) if (entry.kind === kind && result[entry.id]) result[entry.id] = { ...result[entry.id]!, ...entry.patch };
    return result;
  };
  const providerById = withPatches('provider', providers);
  const requestById = withPatches('request', requests);
  const id = me?.user.id;
  const role = me?.user.role;
  const all = Object.values(requestById);
  return {
    providerById,
    requestById,
    providers: Object.values(providerById).sort(byName),
    myProvider: role === 'provider' ? (providerById[id!] ?? null) : null,
    incoming: role === 'provider' ? all.filter((r) => r.providerId === id && r.status === 'pending').sort(newestFirst) : [],
    outgoing: role === 'requester' ? all.filter((r) => r.requesterId === id && r.status === 'pending').sort(newestFirst) : [],
    notices:
      role === 'requester' ? all.filter((r) => r.requesterId === id && (r.status === 'declined' || r.status === 'expired') && !r.dismissed).sort(newestFirst) : [],
    sessions: id
      ? Object.values(sessions)
          .filter((s) => s.status === 'open' && (s.requester.userId === id || s.provider.userId === id))
          .sort(newestFirst)
      : [],
  };
}

function setUp() {
  const state = createEntityState({ onRequestChanged: () => {}, onSessionChanged: () => {} });
  const overlay = createOverlay();
  const selectors = createSelectors(state, overlay);
  return { state, overlay, selectors };
}

describe('derived lists under random events (issue 15)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equal a from-scratch derivation after every step (seed ${seed})`, () => {
      const rand = random(seed);
      const { state, overlay, selectors } = setUp();
      // The server's truth, which the test keeps by hand.
      let me: Me | null = null;
      const providers: Record<string, Provider> = {};
      const requests: Record<string, SessionRequest> = {};
      const sessions: Record<string, Session> = {};
      const patches = new Map<string, OverlayPatch>();
      let version = 0;
      const minute = () => `2026-11-30T0${rand.int(3)}:${String(rand.int(60)).padStart(2, '0')}:00.000Z`;

      const provider = (id: string): Provider => ({
        id,
        name: rand.pick(NAMES),
        specialty: 'GP',
        available: rand.next() < 0.5,
        notesEnabled: true,
        version: ++version,
      });
      const request = (id: string): SessionRequest => ({
        id,
        requesterId: rand.pick(USERS),
        requesterName: 'R',
        providerId: rand.pick(USERS),
        providerName: 'P',
        serviceId: null,
        serviceName: null,
        status: rand.pick(STATUSES),
        createdAt: minute(),
        updatedAt: minute(),
        expiresAt: minute(),
        declineReason: null,
        declineNote: null,
        sessionId: null,
        dismissed: rand.next() < 0.3,
        queuePosition: null,
        version: ++version,
      });
      const session = (id: string): Session => ({
        id,
        requestId: 'r',
        serviceName: null,
        status: rand.next() < 0.7 ? 'open' : 'ended',
        createdAt: minute(),
        requester: { userId: rand.pick(USERS), name: 'R', status: 'not-arrived' },
        provider: { userId: rand.pick(USERS), name: 'P', status: 'not-arrived' },
        version: ++version,
      });

      for (let step = 0; step < 1500; step++) {
        const roll = rand.next();
        if (roll < 0.02 || !me) {
          me = meOf(rand.pick(USERS));
          state.replace({ seq: step, me, providers: Object.values(providers), requests: Object.values(requests), sessions: Object.values(sessions) });
        } else if (roll < 0.04) {
          // A snapshot that drops some records and changes others.
          for (const records of [providers, requests, sessions] as Record<string, { id: string }>[]) {
            for (const id of Object.keys(records)) if (rand.next() < 0.2) delete records[id];
          }
          for (const id of Object.keys(providers)) if (rand.next() < 0.2) providers[id] = provider(id);
          state.replace({ seq: step, me, providers: Object.values(providers), requests: Object.values(requests), sessions: Object.values(sessions) });
        } else if (roll < 0.05) {
          state.clear();
          overlay.clear();
          patches.clear();
          for (const records of [providers, requests, sessions] as Record<string, unknown>[]) for (const id of Object.keys(records)) delete records[id];
          me = null;
        } else if (roll < 0.12) {
          const key = `key-${rand.int(6)}`;
          if (patches.has(key) && rand.next() < 0.6) {
            patches.delete(key);
            overlay.remove(key);
          } else {
            const patch: OverlayPatch =
              rand.next() < 0.5
                ? { kind: 'provider', id: `p${rand.int(40)}`, patch: { available: rand.next() < 0.5 } }
                : { kind: 'request', id: `r${rand.int(60)}`, patch: rand.next() < 0.5 ? { status: rand.pick(STATUSES) } : { dismissed: true } };
            patches.set(key, patch);
            overlay.add(key, patch);
          }
        } else if (roll < 0.45) {
          const item = provider(`p${rand.int(40)}`);
          providers[item.id] = item;
          state.applyEvent({ type: 'provider', seq: step, provider: item });
        } else if (roll < 0.85) {
          const item = request(`r${rand.int(60)}`);
          // An event about another user's request is ignored (issue 17.4).
          if (!me || item.requesterId === me.user.id || item.providerId === me.user.id) requests[item.id] = item;
          state.applyEvent({ type: 'request', seq: step, request: item });
        } else if (roll < 0.95) {
          const item = session(`s${rand.int(20)}`);
          if (!me || item.requester.userId === me.user.id || item.provider.userId === me.user.id) sessions[item.id] = item;
          state.applyEvent({ type: 'session', seq: step, session: item });
        } else {
          // A stale copy (lower version) changes nothing.
          const ids = Object.keys(providers);
          if (ids.length) state.merge({ providers: [{ ...providers[rand.pick(ids)]!, name: 'Stale', version: 0 }], requests: [], sessions: [] });
        }

        const expected = fromScratch(me, providers, requests, sessions, [...patches.values()]);
        const actual = {
          providerById: { ...selectors.$providerById.get() },
          requestById: { ...selectors.$requestById.get() },
          providers: selectors.$providers.get(),
          myProvider: selectors.$myProvider.get(),
          incoming: selectors.$incomingRequests.get(),
          outgoing: selectors.$outgoingRequests.get(),
          notices: selectors.$declineNotices.get(),
          sessions: selectors.$sessions.get(),
        };
        expect(actual, `step ${step}`).to.deep.equal(expected);
      }
    });
  }

  it('notifies a list once per event, with a new array each time', () => {
    const { state, selectors } = setUp();
    const provider = (id: string, name: string, version: number): Provider => ({ id, name, specialty: 'GP', available: true, notesEnabled: true, version });
    state.replace({ seq: 0, me: meOf('req-0'), providers: [provider('a', 'Bea', 1), provider('b', 'Al', 1)], requests: [], sessions: [] });
    const list = selectors.$providers.get();
    let calls = 0;
    const stop = selectors.$providers.listen(() => calls++);
    state.applyEvent({ type: 'provider', seq: 1, provider: provider('c', 'Cy', 1) });
    state.applyEvent({ type: 'provider', seq: 2, provider: { ...provider('a', 'Bea', 2), available: false } });
    stop();
    expect(calls).to.equal(2);
    expect(selectors.$providers.get()).not.to.equal(list);
    expect(list.map((p) => p.name), 'an array once handed out never changes').to.deep.equal(['Al', 'Bea']);
    expect(selectors.$providers.get()).to.equal(selectors.$providers.get(), 'one copy per change');
    expect(selectors.$providers.get().map((p) => [p.name, p.available])).to.deep.equal([
      ['Al', true],
      ['Bea', false],
      ['Cy', true],
    ]);
  });
});
