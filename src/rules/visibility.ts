/**
 * The read side: who may reach and see whom (tenancy, issue 16.11), and what a user's snapshot
 * holds. Pure functions; a server runs the same predicates as SQL `WHERE` clauses.
 *
 * The contract's tenancy rule: a requester reaches the providers of their own account, and those
 * of the accounts a directory rule adds (`reach`: the other account ids the requester's account
 * may reach; none by default); every user sees the providers of their own account and of the accounts it reaches;
 * a request is seen by its requester and (unless R5 kept it from them) its provider; a session by
 * its two participants.
 */
import type { Account, Me, Snapshot, User } from '../core/contract/types.js';
import type { ProviderRow, RequestRow, SessionRow } from './types.js';
import { iso, toWireProvider, toWireRequest } from './wire.js';

/** Account ids a requester's account may reach beyond its own (the directory's rule). */
export type Reach = readonly string[];

/** Whether `requester` may send `provider` a request (and see them). */
export function mayReachProvider(requester: User, provider: Pick<ProviderRow, 'accountId'>, reach: Reach = []): boolean {
  return requester.role === 'requester' && (requester.accountId === provider.accountId || reach.includes(provider.accountId));
}

/** Whether `user` sees `provider` in their list and hears of its changes. */
export function maySeeProvider(user: User, provider: Pick<ProviderRow, 'id' | 'accountId'>, reach: Reach = []): boolean {
  return user.id === provider.id || user.accountId === provider.accountId || reach.includes(provider.accountId);
}

/**
 * The users who hear of a provider's changes: in SQL, the users of the provider's account and the
 * requesters of the accounts whose rule reaches it. `reachOf(accountId)` gives an account's rule.
 */
export function providerAudience(
  provider: ProviderRow,
  users: Iterable<User>,
  reachOf: (accountId: string) => Reach = () => [],
): string[] {
  const audience: string[] = [];
  for (const user of users) if (maySeeProvider(user, provider, reachOf(user.accountId))) audience.push(user.id);
  return audience;
}

export function maySeeRequest(user: Pick<User, 'id'>, request: RequestRow): boolean {
  return request.requesterId === user.id || (request.providerId === user.id && request.visibleToProvider);
}

export function maySeeSession(user: Pick<User, 'id'>, session: SessionRow): boolean {
  return session.requester.userId === user.id || session.provider.userId === user.id;
}

/** What `snapshotOf` reads: the user, their account, their stream position, and the candidate rows. */
export interface SnapshotView {
  user: User;
  account: Account;
  /** The seq of the user's latest event: the snapshot includes every change up to it. */
  seq: number;
  epoch?: string;
  /** The directory's rule for the user's account (see `Reach`). */
  reach?: Reach;
  providers: Iterable<ProviderRow>;
  requests: Iterable<RequestRow>;
  sessions: Iterable<SessionRow>;
}

export function meOf(user: User, account: Account): Me {
  return structuredClone({ user: { id: user.id, name: user.name, role: user.role, accountId: user.accountId }, account });
}

/** Everything that concerns `view.user` at `view.seq`, as the wire carries it; `now` is `serverTime`. */
export function snapshotOf(view: SnapshotView, now: number): Snapshot {
  const { user } = view;
  return {
    seq: view.seq,
    ...(view.epoch === undefined ? {} : { epoch: view.epoch }),
    serverTime: iso(now),
    me: meOf(user, view.account),
    providers: [...view.providers].filter((p) => maySeeProvider(user, p, view.reach)).map(toWireProvider),
    requests: [...view.requests].filter((r) => maySeeRequest(user, r)).map(toWireRequest),
    sessions: [...view.sessions].filter((s) => maySeeSession(user, s)).map((s) => structuredClone(s)),
  };
}
