/**
 * The sessions the user entered in this tab (issue 17.9: devices only where the user acted). One
 * record per JavaScript realm, that is per tab or frame, shared by every clinic of the page: a
 * user who pressed Enter Waiting Room (or Enter Meeting, Accept and Enter, Continue Here) in this
 * tab opens camera and microphone here; their other tabs show the session without opening them.
 * Kept in memory only, by user, so that the next user of the tab inherits nothing (issue 17.2).
 */
import { atom, computed, type ReadableAtom } from 'nanostores';

const $enteredByUser = atom<Readonly<Record<string, Readonly<Record<string, true>>>>>(Object.create(null));

/** Notes that `userId` entered `sessionId` in this tab. */
export function markEnteredHere(userId: string, sessionId: string): void {
  const all = $enteredByUser.get();
  if (all[userId]?.[sessionId]) return;
  $enteredByUser.set({ ...all, [userId]: { ...all[userId], [sessionId]: true } });
}

/** Forgets that `userId` entered `sessionId` in this tab: they entered it in another tab since. */
export function forgetEnteredSession(userId: string, sessionId: string): void {
  const all = $enteredByUser.get();
  if (!all[userId]?.[sessionId]) return;
  const sessions: Record<string, true> = Object.create(null);
  for (const id of Object.keys(all[userId]!)) if (id !== sessionId) sessions[id] = true;
  $enteredByUser.set({ ...all, [userId]: sessions });
}

/** Forgets what `userId` entered in this tab (sign-out). */
export function forgetEnteredHere(userId: string): void {
  const all = $enteredByUser.get();
  if (!all[userId]) return;
  const rest: Record<string, Readonly<Record<string, true>>> = Object.create(null);
  for (const [user, sessions] of Object.entries(all)) if (user !== userId) rest[user] = sessions;
  $enteredByUser.set(rest);
}

/** The session ids `userId` (as `$userId` says) entered in this tab. */
export function enteredHereBy($userId: ReadableAtom<string | null>): ReadableAtom<Readonly<Record<string, true>>> {
  const none: Readonly<Record<string, true>> = Object.freeze(Object.create(null));
  return computed([$enteredByUser, $userId], (all, userId) => (userId ? (all[userId] ?? none) : none));
}
