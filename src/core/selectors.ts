/**
 * The derived views the tags read: the records with the optimistic overlay on top, each list
 * sorted the way the dashboard shows it, and the signed-in provider's own entry. Each view takes
 * a batch of changes in place (O(log n) per change, issue 15); a new user, a cleared state or a
 * backend that started over derives them from scratch.
 */
import { atom } from 'nanostores';
import { DerivedList, type Change } from './derived-list.js';
import type { EntityState, StateChanges } from './entity-state.js';
import type { Provider, Session, SessionRequest } from './model.js';
import type { Overlay, OverlayPatch } from './overlay.js';
import { byId } from './sorted-list.js';

/** Newest first; ties by id. */
const newestFirst = (a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byId(a, b);

let collator: Intl.Collator | undefined;
/** Providers by name in the page's default locale (as `localeCompare`), ties by id. */
export const byName = (a: Provider, b: Provider): number => (collator ??= new Intl.Collator()).compare(a.name, b.name) || byId(a, b);

type Kind = OverlayPatch['kind'];
type ById<T> = Record<string, T>;
/** No prototype: ids such as `__proto__` or `constructor` are plain keys (issue 17.4). */
const emptyById = <T>(): ById<T> => Object.create(null) as ById<T>;

export function createSelectors(state: EntityState, overlay: Overlay) {
  const me = () => state.$me.value;
  const userId = () => me()?.user.id;
  const role = () => me()?.user.role;

  /** `item` with the optimistic patches of its actions under way (a handful at most). */
  function patched<T extends Provider | SessionRequest>(kind: Kind, item: T): T {
    let result = item;
    for (const entry of Object.values(overlay.$overlay.value!)) {
      if (entry.kind === kind && entry.id === item.id) result = { ...result, ...entry.patch };
    }
    return result;
  }

  const $providerById = atom<ById<Provider>>(emptyById());
  const $requestById = atom<ById<SessionRequest>>(emptyById());
  const $myProvider = atom<Provider | null>(null);
  const providerViews = () => Object.values($providerById.value!);
  const requestViews = () => Object.values($requestById.value!);

  /** Providers the requester may reach, by name (R1). */
  const providers = new DerivedList<Provider>(providerViews, () => true, byName);
  /** Requests waiting for the signed-in provider, newest first (R7). */
  const incoming = new DerivedList<SessionRequest>(
    requestViews,
    (r) => role() === 'provider' && r.providerId === userId() && r.status === 'pending',
    newestFirst,
  );
  /** The signed-in requester's requests that are still pending (X3). */
  const outgoing = new DerivedList<SessionRequest>(
    requestViews,
    (r) => role() === 'requester' && r.requesterId === userId() && r.status === 'pending',
    newestFirst,
  );
  /** Declined or expired requests the requester has not dismissed yet (R4, R5, X3). */
  const notices = new DerivedList<SessionRequest>(
    requestViews,
    (r) => role() === 'requester' && r.requesterId === userId() && (r.status === 'declined' || r.status === 'expired') && !r.dismissed,
    newestFirst,
  );
  /** Open sessions the signed-in user takes part in, newest first (R3, R8, R10). */
  const sessions = new DerivedList<Session>(
    () => Object.values(state.$sessionMap.value!),
    (s) => {
      const id = userId();
      return id !== undefined && s.status === 'open' && (s.requester.userId === id || s.provider.userId === id);
    },
    newestFirst,
  );
  /**
   * The signed-in user's requests that reached an outcome (accepted, declined, expired, cancelled),
   * on either side, newest first (issue 19.8). Read from the server's records, not the optimistic
   * views: an optimistic cancel that is rolled back is no outcome.
   */
  const outcomes = new DerivedList<SessionRequest>(
    () => Object.values(state.$requestMap.value!),
    (r) => r.status !== 'pending' && (role() === 'provider' ? r.providerId === userId() : role() === 'requester' && r.requesterId === userId()),
    newestFirst,
  );
  const requestLists = [incoming, outgoing, notices];
  const lists = [providers, ...requestLists, sessions];

  /** The signed-in provider's own entry (their availability, R6). */
  const refreshMyProvider = () => {
    const user = me()?.user;
    $myProvider.set(user?.role === 'provider' ? ($providerById.value![user.id] ?? null) : null);
  };

  /** Brings the view of one id in line with its record; the change of the view, if any. */
  function refreshView<T extends Provider | SessionRequest>(kind: Kind, views: ById<T>, id: string, record: T | undefined): Change<T> | null {
    const before = views[id];
    const after = record && patched(kind, record);
    if (before === after) return null;
    if (after) views[id] = after;
    else delete views[id];
    return { before, after };
  }

  function viewChanges<T extends Provider | SessionRequest>(kind: Kind, views: ById<T>, records: ById<T>, ids: Iterable<string>): Change<T>[] {
    const changes: Change<T>[] = [];
    for (const id of ids) {
      const change = refreshView(kind, views, id, records[id]);
      if (change) changes.push(change);
    }
    return changes;
  }

  function rebuild(): void {
    const providerViews: ById<Provider> = emptyById();
    for (const [id, provider] of Object.entries(state.$providerMap.value!)) providerViews[id] = patched('provider', provider);
    const requestViews: ById<SessionRequest> = emptyById();
    for (const [id, request] of Object.entries(state.$requestMap.value!)) requestViews[id] = patched('request', request);
    $providerById.set(providerViews);
    $requestById.set(requestViews);
    for (const list of [...lists, outcomes]) list.rebuild();
    for (const list of [...lists, outcomes]) list.flush();
    refreshMyProvider();
  }

  /** Takes in changed records (`changes`) or changed patches (`ids`); notifies what changed. */
  function update(providerChanges: Change<Provider>[], requestChanges: Change<SessionRequest>[], sessionChanges: Change<Session>[]): void {
    if (providerChanges.length) {
      providers.apply(providerChanges);
      $providerById.notify();
      const mine = userId();
      if (providerChanges.some((c) => (c.after ?? c.before)!.id === mine)) refreshMyProvider();
    }
    if (requestChanges.length) {
      for (const list of requestLists) list.apply(requestChanges);
      $requestById.notify();
    }
    if (sessionChanges.length) sessions.apply(sessionChanges);
    for (const list of lists) list.flush();
  }

  state.onChanges((changes: StateChanges) => {
    if (changes.rebuild) return rebuild();
    const ids = (list: Change<{ id: string }>[]) => list.map((c) => (c.after ?? c.before)!.id);
    update(
      viewChanges('provider', $providerById.value!, state.$providerMap.value!, ids(changes.providers)),
      viewChanges('request', $requestById.value!, state.$requestMap.value!, ids(changes.requests)),
      changes.sessions,
    );
    outcomes.apply(changes.requests);
    outcomes.flush();
  });

  overlay.onPatched((patches) => {
    const idsOf = (kind: Kind) => patches.filter((p) => p.kind === kind).map((p) => p.id);
    update(
      viewChanges('provider', $providerById.value!, state.$providerMap.value!, idsOf('provider')),
      viewChanges('request', $requestById.value!, state.$requestMap.value!, idsOf('request')),
      [],
    );
  });

  return {
    /** The providers with the optimistic overlay, by id (edited in place). */
    $providerById,
    $requestById,
    $providers: providers.$items,
    $myProvider,
    $incomingRequests: incoming.$items,
    $outgoingRequests: outgoing.$items,
    $declineNotices: notices.$items,
    $requestOutcomes: outcomes.$items,
    $sessions: sessions.$items,
  };
}
