/**
 * What the client believes the server holds: the signed-in user and every provider, request and
 * session that concerns them, keyed by id. Copies only move forward: a copy replaces another only
 * when its `version` is higher, so a late live event never undoes a newer command answer.
 *
 * The records are edited in place (one live event costs O(1) here, not a copy of 10,000 entries,
 * issue 15); their stores notify once per batch of changes, after every derived list has taken
 * the batch in, so that a listener never sees a list that lags behind the records.
 */
import { atom, batch } from 'nanostores';
import type { Changes, LiveEvent, Me, Provider, Session, SessionRequest, Snapshot } from './model.js';

/** One entity before and after a change; `undefined` where it did not exist (or no longer does). */
export interface Change<T> {
  before: T | undefined;
  after: T | undefined;
}

type Versioned = { id: string; version: number };
type ById<T> = Record<string, T>;

/** A record map with no prototype, so that ids such as `__proto__` or `constructor` are plain keys (issue 17.4). */
const byId = <T>(): ById<T> => Object.create(null) as ById<T>;

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
  const $providerMap = atom<ById<Provider>>(byId());
  const $requestMap = atom<ById<SessionRequest>>(byId());
  const $sessionMap = atom<ById<Session>>(byId());
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
      $providerMap.set(byId());
      $requestMap.set(byId());
      $sessionMap.set(byId());
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
