/**
 * The derived views the tags read: the records with the optimistic overlay on top, each list
 * sorted the way the dashboard shows it, and the signed-in provider's own entry. Each view takes
 * a batch of changes in place (O(log n) per change, issue 15); a new user, a cleared state or a
 * backend that started over derives them from scratch.
 *
 * Each list (`DerivedList`, below) is kept up to date by edits in place instead of being filtered
 * and sorted again from the whole state on each change: finding an item's place is a binary search,
 * so one live event costs O(log n) comparisons at any size and never re-sorts a list of 10,000. The
 * comparison must be total (ties broken by id) so that each item has exactly one place. What a
 * list's store hands out is still an array that never changes: a copy of the list, made when
 * someone first reads the store after a change (a plain memory copy, no comparisons), so that a
 * reader may keep it, compare it with the last one, or act while iterating over it.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Change, EntityState, StateChanges } from './entity-state.js';
import type { Provider, Session, SessionRequest } from './model.js';
import type { Overlay, OverlayPatch } from './overlay.js';

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
