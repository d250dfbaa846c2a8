/**
 * What the client believes the server holds: the signed-in user and every provider, request and
 * session that concerns them, keyed by id. Copies only move forward: a copy replaces another only
 * when its `version` is higher, so a late live event never undoes a newer command answer.
 */
import { atom } from 'nanostores';
import type { Changes, LiveEvent, Me, Provider, Session, SessionRequest, Snapshot } from './model.js';

type Versioned = { id: string; version: number };
type ById<T> = Readonly<Record<string, T>>;

/** A request whose status changed (or that appeared): what the elements and alerts react to. */
export interface RequestTransition {
  before: SessionRequest | undefined;
  after: SessionRequest;
}
export interface SessionTransition {
  before: Session | undefined;
  after: Session;
}

function mergeNewer<T extends Versioned>(current: ById<T>, incoming: readonly T[], changed: (before: T | undefined, after: T) => void): ById<T> {
  let next: Record<string, T> | null = null;
  for (const item of incoming) {
    const before = current[item.id];
    if (before && before.version >= item.version) continue;
    next ??= { ...current };
    next[item.id] = item;
    changed(before, item);
  }
  return next ?? current;
}

function replaceKeepingNewer<T extends Versioned>(
  current: ById<T>,
  truth: readonly T[],
  changed: (before: T | undefined, after: T) => void,
  trustAll: boolean,
): ById<T> {
  const next: Record<string, T> = {};
  for (const item of truth) {
    const before = current[item.id];
    // A command answer may be newer than a snapshot that was taken just before it — unless the
    // backend started over, and versions with it.
    if (!trustAll && before && before.version > item.version) next[item.id] = before;
    else {
      next[item.id] = item;
      if (!before || before.version !== item.version) changed(before, item);
    }
  }
  return next;
}

export function createEntityState(listeners: {
  onRequestChanged(transition: RequestTransition): void;
  onSessionChanged(transition: SessionTransition): void;
  /** The signed-in user changed (first snapshot, another user, or sign-out). */
  onUserChanged?(userId: string | null): void;
  onProviderChanged?(transition: { before: Provider | undefined; after: Provider }): void;
}) {
  const $me = atom<Me | null>(null);
  const $providerMap = atom<ById<Provider>>({});
  const $requestMap = atom<ById<SessionRequest>>({});
  const $sessionMap = atom<ById<Session>>({});

  const requestChanged = (before: SessionRequest | undefined, after: SessionRequest) => listeners.onRequestChanged({ before, after });
  const sessionChanged = (before: Session | undefined, after: Session) => listeners.onSessionChanged({ before, after });
  const providerChanged = (before: Provider | undefined, after: Provider) => listeners.onProviderChanged?.({ before, after });

  function merge(changes: Changes): void {
    $providerMap.set(mergeNewer($providerMap.get(), changes.providers, providerChanged));
    $requestMap.set(mergeNewer($requestMap.get(), changes.requests, requestChanged));
    $sessionMap.set(mergeNewer($sessionMap.get(), changes.sessions, sessionChanged));
  }

  function applyEvent(event: LiveEvent): void {
    if (event.type === 'provider') merge({ providers: [event.provider], requests: [], sessions: [] });
    else if (event.type === 'request') merge({ providers: [], requests: [event.request], sessions: [] });
    else if (event.type === 'session') merge({ providers: [], requests: [], sessions: [event.session] });
    // A signal is a message for the meeting, not state: LiveSync hands it to the clinic's bus.
  }

  /** Takes the snapshot as the truth; `startedOver`: the backend's data began anew (a new epoch). */
  function replace(snapshot: Snapshot, startedOver = false): void {
    const previousUser = $me.get()?.user.id ?? null;
    $providerMap.set(replaceKeepingNewer($providerMap.get(), snapshot.providers, providerChanged, startedOver));
    $requestMap.set(replaceKeepingNewer($requestMap.get(), snapshot.requests, requestChanged, startedOver));
    $sessionMap.set(replaceKeepingNewer($sessionMap.get(), snapshot.sessions, sessionChanged, startedOver));
    // Last: whoever sees the user as loaded also sees everything that came with them.
    $me.set(snapshot.me);
    if (snapshot.me.user.id !== previousUser) listeners.onUserChanged?.(snapshot.me.user.id);
  }

  function clear(): void {
    if ($me.get()) listeners.onUserChanged?.(null);
    $me.set(null);
    $providerMap.set({});
    $requestMap.set({});
    $sessionMap.set({});
  }

  return { $me, $providerMap, $requestMap, $sessionMap, merge, applyEvent, replace, clear };
}

export type EntityState = ReturnType<typeof createEntityState>;
