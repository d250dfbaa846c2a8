/**
 * The clinic's state: what the client believes the server holds, and the lists the tags read,
 * kept in one module because they change in one step (issue 15.4): a change to a record and its
 * place in every list derived from it happen together, before any store notifies, so that a
 * listener never sees a list that lags behind the records.
 *
 * **The records** (`createEntityState`): the signed-in user and every provider, request and
 * session that concern them, keyed by id. Copies only move forward: a copy replaces another only
 * when its `version` is higher, so a late live event never undoes a newer command answer. The
 * records are edited in place (one live event costs O(1) here, not a copy of 10,000 entries);
 * their stores notify once per batch of changes, after every derived list has taken the batch in.
 *
 * **The derived lists** (`createSelectors`): the records with the optimistic overlay on top, each
 * list sorted the way the dashboard shows it, and the signed-in provider's own entry. Each list
 * (`DerivedList`) takes a batch of changes in place instead of being filtered and sorted again
 * from the whole state: finding an item's place is a binary search, so one live event costs
 * O(log n) comparisons at any size and never re-sorts a list of 10,000. The comparison must be
 * total (ties broken by id) so that each item has exactly one place. What a list's store hands out
 * is still an array that never changes: a copy of the list, made when someone first reads the
 * store after a change (a plain memory copy, no comparisons), so that a reader may keep it,
 * compare it with the last one, or act while iterating over it. A new user, a cleared state or a
 * backend that started over derives them from scratch.
 */
import { atom, batch, type ReadableAtom } from 'nanostores';
import type { Changes, LiveEvent, Me, Provider, Session, SessionRequest, Snapshot } from './model.js';
import type { Overlay, OverlayPatch } from './overlay.js';

/** One entity before and after a change; `undefined` where it did not exist (or no longer does). */
export interface Change<T> {
  before: T | undefined;
  after: T | undefined;
}

type Versioned = { id: string; version: number };
type ById<T> = Record<string, T>;

/** A record map with no prototype, so that ids such as `__proto__` or `constructor` are plain keys (issue 17.4). */
const recordMap = <T>(): ById<T> => Object.create(null) as ById<T>;

/** A request whose status changed (or that appeared): what the elements and alerts react to. */
export interface RequestTransition {
  before: SessionRequest | undefined;
  after: SessionRequest;
}
export interface SessionTransition {
  before: Session | undefined;
  after: Session;
}

/** One batch of changes to the records, as the derived views take it in. */
export interface StateChanges {
  providers: Change<Provider>[];
  requests: Change<SessionRequest>[];
  sessions: Change<Session>[];
  /** Derive every view from scratch: the user changed, the state was cleared, or the backend started over. */
  rebuild: boolean;
}

/**
 * Merges copies whose version is higher. `fromTab`: copies another tab sent, kept in `unconfirmed`
 * until the server speaks of them; a server copy always replaces an unconfirmed one, whatever its
 * version — a tab's message is not the server's word (issue 17.8).
 */
function mergeNewer<T extends Versioned>(records: ById<T>, incoming: readonly T[], changes: Change<T>[], unconfirmed: Set<string>, fromTab = false): void {
  for (const item of incoming) {
    const before = records[item.id];
    const overrules = !fromTab && unconfirmed.has(item.id);
    if (before && before.version >= item.version && !overrules) continue;
    records[item.id] = item;
    changes.push({ before, after: item });
    if (fromTab) unconfirmed.add(item.id);
    else unconfirmed.delete(item.id);
  }
}

function replaceKeepingNewer<T extends Versioned>(records: ById<T>, truth: readonly T[], changes: Change<T>[], trustAll: boolean, unconfirmed: Set<string>): void {
  const present = new Set<string>();
  for (const item of truth) {
    present.add(item.id);
    const before = records[item.id];
    // A command answer may be newer than a snapshot that was taken just before it — unless the
    // backend started over, and versions with it, or the copy came from another tab.
    if (before && (trustAll ? before === item : before.version >= item.version && !unconfirmed.has(item.id))) continue;
    records[item.id] = item;
    changes.push({ before, after: item });
  }
  for (const id of Object.keys(records)) {
    if (present.has(id)) continue;
    changes.push({ before: records[id], after: undefined });
    delete records[id];
  }
  unconfirmed.clear();
}

const emptyChanges = (): StateChanges => ({ providers: [], requests: [], sessions: [], rebuild: false });

export function createEntityState(listeners: {
  onRequestChanged(transition: RequestTransition): void;
  onSessionChanged(transition: SessionTransition): void;
  /** The signed-in user changed (first snapshot, another user, or sign-out). */
  onUserChanged?(userId: string | null): void;
  onProviderChanged?(transition: { before: Provider | undefined; after: Provider }): void;
}) {
  const $me = atom<Me | null>(null);
  const $providerMap = atom<ById<Provider>>(recordMap());
  const $requestMap = atom<ById<SessionRequest>>(recordMap());
  const $sessionMap = atom<ById<Session>>(recordMap());
  const derivers: Array<(changes: StateChanges) => void> = [];
  /** Ids whose copy came from another tab and no server answer has confirmed yet. */
  const unconfirmed = { providers: new Set<string>(), requests: new Set<string>(), sessions: new Set<string>() };

  /** Derives, then notifies (once each, after everything is consistent), then tells the listeners. */
  function commit(changes: StateChanges): void {
    const { providers, requests, sessions } = changes;
    if (!changes.rebuild && providers.length + requests.length + sessions.length === 0) return;
    batch(() => {
      for (const derive of derivers) derive(changes);
      if (changes.rebuild || providers.length) $providerMap.notify();
      if (changes.rebuild || requests.length) $requestMap.notify();
      if (changes.rebuild || sessions.length) $sessionMap.notify();
    });
    // A change that is not news: same version again (a backend that started over) or a removal.
    for (const { before, after } of providers) if (after && before?.version !== after.version) listeners.onProviderChanged?.({ before, after });
    for (const { before, after } of requests) if (after && before?.version !== after.version) listeners.onRequestChanged({ before, after });
    for (const { before, after } of sessions) if (after && before?.version !== after.version) listeners.onSessionChanged({ before, after });
  }

  /** Merges what the server said (a command's answer, a live event); `fromTab`: what another tab said it learned. */
  function merge(incoming: Changes, fromTab = false): void {
    const changes = emptyChanges();
    mergeNewer($providerMap.value!, incoming.providers, changes.providers, unconfirmed.providers, fromTab);
    mergeNewer($requestMap.value!, incoming.requests, changes.requests, unconfirmed.requests, fromTab);
    mergeNewer($sessionMap.value!, incoming.sessions, changes.sessions, unconfirmed.sessions, fromTab);
    commit(changes);
  }

  function applyEvent(event: LiveEvent): void {
    // An event about someone else's request or session is none of this user's business: it is
    // neither stored nor told to the host (issue 17.4).
    const userId = $me.value?.user.id;
    if (event.type === 'provider') merge({ providers: [event.provider], requests: [], sessions: [] });
    else if (event.type === 'provider-removed') remove(event.providerId);
    else if (event.type === 'request') {
      if (userId !== undefined && event.request.requesterId !== userId && event.request.providerId !== userId) return;
      merge({ providers: [], requests: [event.request], sessions: [] });
    } else if (event.type === 'session') {
      if (userId !== undefined && event.session.requester.userId !== userId && event.session.provider.userId !== userId) return;
      merge({ providers: [], requests: [], sessions: [event.session] });
    }
    // A signal is a message for the meeting, not state: LiveSync hands it to the clinic's bus.
  }

  /** A provider left the user's sight (a tenancy rule that reaches less, issue 14): gone from every view. */
  function remove(providerId: string): void {
    const records = $providerMap.value!;
    const before = records[providerId];
    if (!before) return;
    delete records[providerId];
    unconfirmed.providers.delete(providerId);
    commit({ ...emptyChanges(), providers: [{ before, after: undefined }] });
  }

  /** Takes the snapshot as the truth; `startedOver`: the backend's data began anew (a new epoch). */
  function replace(snapshot: Snapshot, startedOver = false): void {
    const previousUser = $me.value?.user.id ?? null;
    const changes = emptyChanges();
    replaceKeepingNewer($providerMap.value!, snapshot.providers, changes.providers, startedOver, unconfirmed.providers);
    replaceKeepingNewer($requestMap.value!, snapshot.requests, changes.requests, startedOver, unconfirmed.requests);
    replaceKeepingNewer($sessionMap.value!, snapshot.sessions, changes.sessions, startedOver, unconfirmed.sessions);
    changes.rebuild = startedOver || snapshot.me.user.id !== previousUser;
    // In the same batch as the records: whoever sees the user as loaded also sees everything that came with them.
    batch(() => {
      $me.set(snapshot.me);
      commit(changes);
    });
    if (snapshot.me.user.id !== previousUser) listeners.onUserChanged?.(snapshot.me.user.id);
  }

  function clear(): void {
    if ($me.value) listeners.onUserChanged?.(null);
    for (const ids of Object.values(unconfirmed)) ids.clear();
    batch(() => {
      $me.set(null);
      $providerMap.set(recordMap());
      $requestMap.set(recordMap());
      $sessionMap.set(recordMap());
      for (const derive of derivers) derive({ ...emptyChanges(), rebuild: true });
    });
  }

  /** Keeps a derived view in step: `derive` runs inside each batch, before any store notifies. */
  function onChanges(derive: (changes: StateChanges) => void): void {
    derivers.push(derive);
  }

  return { $me, $providerMap, $requestMap, $sessionMap, merge, applyEvent, replace, clear, onChanges };
}

export type EntityState = ReturnType<typeof createEntityState>;

// ---------------------------------------------------------------------------------------------
// The derived lists the tags read.

type Compare<T> = (a: T, b: T) => number;

/** The first index whose item is not before `item`. */
function lowerBound<T>(list: readonly T[], item: T, compare: Compare<T>): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle]!, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where `item` (matched by id) sits in `list`, or -1. */
function indexOfSorted<T extends { id: string }>(list: readonly T[], item: T, compare: Compare<T>): number {
  const index = lowerBound(list, item, compare);
  if (list[index]?.id === item.id) return index;
  // Only if the list was ordered by values that have changed since: look everywhere.
  return list.findIndex((other) => other.id === item.id);
}

function insertSorted<T>(list: T[], item: T, compare: Compare<T>): void {
  list.splice(lowerBound(list, item, compare), 0, item);
}

/** Removes `item` (matched by id); false when it was not there. */
function removeSorted<T extends { id: string }>(list: T[], item: T, compare: Compare<T>): boolean {
  const index = indexOfSorted(list, item, compare);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}

/** `a` before `b` by id: the tie-break that makes an order total. */
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Past this many changes at once (and a quarter of the list), sorting everything again is cheaper. */
const REBUILD_FROM = 64;

class DerivedList<T extends { id: string }> {
  /** The list, edited in place. */
  #items: T[] = [];
  /** The copy readers got since the last change (null: none yet). */
  #snapshot: readonly T[] | null = null;
  #changed = false;
  readonly #store = atom<T[]>([]);
  /** The list as readers see it: a new array after each change. */
  readonly $items: ReadableAtom<T[]> = this.#store;

  /**
   * @param source every candidate item, for a full derivation
   * @param belongs whether an item is in the list
   * @param compare the list's order; must be total (ties broken by id)
   */
  constructor(
    private readonly source: () => Iterable<T>,
    private readonly belongs: (item: T) => boolean,
    private readonly compare: Compare<T>,
  ) {
    // nanostores reads `value` for `get()` and for each listener call: the copy is made there.
    Object.defineProperty(this.#store, 'value', {
      get: () => (this.#snapshot ??= this.#items.slice()),
      set: () => {},
    });
  }

  /** Derives the list from scratch; notifies on `flush()`. */
  rebuild(): void {
    const items: T[] = [];
    for (const item of this.source()) if (this.belongs(item)) items.push(item);
    items.sort(this.compare);
    this.#items = items;
    this.#changed = true;
  }

  /** Takes these changes in, in place (or from scratch when there are many); notifies on `flush()`. */
  apply(changes: readonly Change<T>[]): void {
    if (changes.length > REBUILD_FROM && changes.length * 4 > this.#items.length) {
      this.rebuild();
      return;
    }
    for (const { before, after } of changes) if (this.#applyOne(before, after)) this.#changed = true;
  }

  /** Tells the listeners about the changes since the last flush. */
  flush(): void {
    if (!this.#changed) return;
    this.#changed = false;
    const previous = this.#snapshot ?? undefined;
    this.#snapshot = null;
    this.#store.notify(previous as T[] | undefined);
  }

  #applyOne(before: T | undefined, after: T | undefined): boolean {
    const items = this.#items;
    const was = before !== undefined && this.belongs(before);
    const is = after !== undefined && this.belongs(after);
    if (was && is && this.compare(before, after) === 0) {
      // Same place (the fields that order the list did not change): swap the item.
      const index = indexOfSorted(items, before, this.compare);
      if (index >= 0) {
        items[index] = after;
        return true;
      }
    }
    let changed = false;
    if (was) changed = removeSorted(items, before, this.compare);
    if (is) {
      insertSorted(items, after, this.compare);
      changed = true;
    }
    return changed;
  }
}

/** Newest first; ties by id. */
const newestFirst = (a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : byId(a, b);

let collator: Intl.Collator | undefined;
/** Providers by name in the page's default locale (as `localeCompare`), ties by id. */
export const byName = (a: Provider, b: Provider): number => (collator ??= new Intl.Collator()).compare(a.name, b.name) || byId(a, b);

type Kind = OverlayPatch['kind'];

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

  const $providerById = atom<ById<Provider>>(recordMap());
  const $requestById = atom<ById<SessionRequest>>(recordMap());
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
    const providerViews: ById<Provider> = recordMap();
    for (const [id, provider] of Object.entries(state.$providerMap.value!)) providerViews[id] = patched('provider', provider);
    const requestViews: ById<SessionRequest> = recordMap();
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
