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

function replaceKeepingNewer<T extends Versioned>(current: ById<T>, truth: readonly T[], changed: (before: T | undefined, after: T) => void): ById<T> {
  const next: Record<string, T> = {};
  for (const item of truth) {
    const before = current[item.id];
    // A command answer may be newer than a snapshot that was taken just before it.
    if (before && before.version > item.version) next[item.id] = before;
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
}) {
  const $me = atom<Me | null>(null);
  const $providerMap = atom<ById<Provider>>({});
  const $requestMap = atom<ById<SessionRequest>>({});
  const $sessionMap = atom<ById<Session>>({});

  const requestChanged = (before: SessionRequest | undefined, after: SessionRequest) => listeners.onRequestChanged({ before, after });
  const sessionChanged = (before: Session | undefined, after: Session) => listeners.onSessionChanged({ before, after });
  const ignore = () => {};

  function merge(changes: Changes): void {
    $providerMap.set(mergeNewer($providerMap.get(), changes.providers, ignore));
    $requestMap.set(mergeNewer($requestMap.get(), changes.requests, requestChanged));
    $sessionMap.set(mergeNewer($sessionMap.get(), changes.sessions, sessionChanged));
  }

  function applyEvent(event: LiveEvent): void {
    if (event.type === 'provider') merge({ providers: [event.provider], requests: [], sessions: [] });
    else if (event.type === 'request') merge({ providers: [], requests: [event.request], sessions: [] });
    else merge({ providers: [], requests: [], sessions: [event.session] });
  }

  function replace(snapshot: Snapshot): void {
    $me.set(snapshot.me);
    $providerMap.set(replaceKeepingNewer($providerMap.get(), snapshot.providers, ignore));
    $requestMap.set(replaceKeepingNewer($requestMap.get(), snapshot.requests, requestChanged));
    $sessionMap.set(replaceKeepingNewer($sessionMap.get(), snapshot.sessions, sessionChanged));
  }

  function clear(): void {
    $me.set(null);
    $providerMap.set({});
    $requestMap.set({});
    $sessionMap.set({});
  }

  return { $me, $providerMap, $requestMap, $sessionMap, merge, applyEvent, replace, clear };
}

export type EntityState = ReturnType<typeof createEntityState>;
