/**
 * The mock's store: the directory (from the seed) and the rows, in memory. It hands each rule the
 * view it declares (src/rules/README.md) and writes back what the rule decided. No rule lives here.
 */
import type { Account, Provider, Session, SessionRequest, User } from '../src/core/contract/types.js';
import {
  providerAudience,
  toWireProvider,
  toWireRequest,
  type AvailabilityView,
  type DeclineView,
  type ExpiryView,
  type PresenceView,
  type ProviderRow,
  type RequestRow,
  type RequestSessionView,
  type RequestView,
  type SessionRow,
  type SessionView,
  type SnapshotView,
  type Upserts,
} from '../src/rules/index.js';
import type { Seed, SeedUser } from './seed.js';

export function createStore(seed: Seed) {
  const accounts = new Map(seed.accounts.map((account) => [account.id, account]));
  const users = new Map<string, User>(seed.users.map((user) => [user.id, publicUser(user)]));
  for (const user of seed.users) {
    if (!accounts.has(user.accountId)) throw new Error(`Seed error: user ${user.id} has an unknown account ${user.accountId}`);
  }
  let providers = new Map<string, ProviderRow>();
  let requests = new Map<string, RequestRow>();
  let sessions = new Map<string, SessionRow>();
  let resets = 0;
  let epoch = 'epoch-0';
  // Ids keep counting across resets so that a stale client never mistakes a new request for an old one.
  let lastRequestNumber = 0;
  let lastSessionNumber = 0;

  const reachOf = (accountId: string): readonly string[] => seed.reach?.[accountId] ?? [];
  const accountOf = (user: User): Account => accounts.get(user.accountId)!;
  const copy = <T>(value: T): T => structuredClone(value);
  const pendingOf = (providerId: string) => [...requests.values()].filter((r) => r.providerId === providerId && r.status === 'pending');

  function load() {
    // A new epoch tells clients that versions started over (see Snapshot.epoch).
    epoch = `${Math.random().toString(36).slice(2, 10)}-${++resets}`;
    providers = new Map();
    for (const user of seed.users) {
      if (user.role !== 'provider') continue;
      providers.set(user.id, {
        id: user.id,
        name: user.name,
        specialty: user.specialty ?? '',
        available: user.available ?? true,
        notesEnabled: accounts.get(user.accountId)!.notesEnabled,
        version: 1,
        accountId: user.accountId,
      });
    }
    requests = new Map();
    sessions = new Map();
  }

  return {
    load,
    users,
    epoch: () => epoch,
    userOf: (id: string) => users.get(id),
    accountOf,
    nextRequestId: () => `request-${++lastRequestNumber}`,
    nextSessionId: () => `session-${++lastSessionNumber}`,

    write(upserts: Upserts) {
      for (const row of upserts.providers) providers.set(row.id, copy(row));
      for (const row of upserts.requests) requests.set(row.id, copy(row));
      for (const row of upserts.sessions) sessions.set(row.id, copy(row));
    },

    // The views, one per rule: exactly the rows the rule declares it reads.
    requestSessionView(actor: User, providerId: string): RequestSessionView {
      const provider = providers.get(providerId) ?? null;
      return {
        account: copy(accountOf(actor)),
        reach: reachOf(actor.accountId),
        provider: provider && copy(provider),
        providerQueue: provider ? copy(pendingOf(provider.id)) : [],
      };
    },
    requestView(requestId: string): RequestView {
      const request = requests.get(requestId) ?? null;
      return { request: request && copy(request), providerQueue: request ? copy(pendingOf(request.providerId)) : [] };
    },
    declineView(requestId: string, actor: User): DeclineView {
      return { ...this.requestView(requestId), account: copy(accountOf(actor)) };
    },
    availabilityView(actor: User): AvailabilityView {
      const provider = providers.get(actor.id) ?? null;
      return {
        provider: provider && copy(provider),
        pending: copy(pendingOf(actor.id)),
        audience: provider ? providerAudience(provider, users.values(), reachOf) : [],
      };
    },
    presenceView(userId: string): PresenceView {
      const provider = providers.get(userId) ?? null;
      return {
        provider: provider && copy(provider),
        sessions: copy([...sessions.values()].filter((row) => row.status === 'open' && (row.requester.userId === userId || row.provider.userId === userId))),
        audience: provider ? providerAudience(provider, users.values(), reachOf) : [],
      };
    },
    sessionView(sessionId: string): SessionView {
      const session = sessions.get(sessionId);
      return { session: session ? copy(session) : null };
    },
    /** Null when nothing is due, so that most calls skip the rule. */
    expiryView(now: number): ExpiryView | null {
      const due = [...requests.values()].filter((r) => r.status === 'pending' && Date.parse(r.expiresAt) <= now);
      if (due.length === 0) return null;
      const providerIds = new Set(due.map((r) => r.providerId));
      return { pending: copy([...requests.values()].filter((r) => r.status === 'pending' && providerIds.has(r.providerId))) };
    },
    /** When the next pending request expires, in ms since the epoch (Infinity: none). */
    nextExpiry(): number {
      let earliest = Infinity;
      for (const r of requests.values()) if (r.status === 'pending') earliest = Math.min(earliest, Date.parse(r.expiresAt));
      return earliest;
    },
    snapshotView(user: User, seq: number): SnapshotView {
      return {
        user,
        account: accountOf(user),
        seq,
        epoch,
        reach: reachOf(user.accountId),
        providers: providers.values(),
        requests: requests.values(),
        sessions: sessions.values(),
      };
    },
    /** The whole truth as the wire carries it, for tests to compare against. */
    state(): { providers: Provider[]; requests: SessionRequest[]; sessions: Session[] } {
      return copy({
        providers: [...providers.values()].map(toWireProvider),
        requests: [...requests.values()].map(toWireRequest),
        sessions: [...sessions.values()],
      });
    },
  };
}

function publicUser(user: SeedUser): User {
  return { id: user.id, name: user.name, role: user.role, accountId: user.accountId };
}

export type Store = ReturnType<typeof createStore>;
