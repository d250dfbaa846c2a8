/**
 * Presence (issue 16.6): whether a user has a live stream open. A backend tracks the streams and
 * calls `setPresence` when a user's last stream has been gone for the grace period
 * (`PRESENCE_GRACE_MS`), and again when a stream of theirs opens; the rule says what changes and
 * who hears of it. An unchanged presence changes nothing (no version, no event).
 */
import { accept, providerEvents, sessionEvents } from './decision.js';
import type { Accepted, ProviderRow, SessionRow } from './types.js';

/**
 * What `setPresence` reads: the user's provider row (null for a requester), `FOR UPDATE`; the open
 * sessions they take part in, `FOR UPDATE`; and who sees the provider (`providerAudience`).
 */
export interface PresenceView {
  provider: ProviderRow | null;
  sessions: SessionRow[];
  audience: string[];
}

/** A row's presence as the wire tells it: absent means connected (never told otherwise). */
export const isConnected = (row: { connected?: boolean }): boolean => row.connected !== false;

/**
 * The user `userId` is now `connected` (a stream opened) or not (none for the grace period): their
 * provider row and their side of each open session say so, at a new version, to their audiences.
 */
export function setPresence(view: PresenceView, userId: string, connected: boolean): Accepted {
  const providers: ProviderRow[] = [];
  if (view.provider && view.provider.id === userId && isConnected(view.provider) !== connected) {
    providers.push({ ...view.provider, connected, version: view.provider.version + 1 });
  }
  const sessions: SessionRow[] = [];
  for (const session of view.sessions) {
    if (session.status !== 'open') continue;
    const side = session.requester.userId === userId ? 'requester' : session.provider.userId === userId ? 'provider' : null;
    if (!side || isConnected(session[side]) === connected) continue;
    sessions.push({ ...session, [side]: { ...session[side], connected }, version: session.version + 1 });
  }
  return accept(200, { providers, sessions }, [
    ...providers.flatMap((row) => providerEvents(row, view.audience)),
    ...sessions.flatMap(sessionEvents),
  ]);
}
