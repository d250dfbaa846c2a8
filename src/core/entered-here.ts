/**
 * The sessions the user entered in this tab (issue 17.9: devices only where the user acted). One
 * record per JavaScript realm, that is per tab or frame, shared by every clinic of the page: a
 * user who pressed Enter Waiting Room (or Enter Meeting, Accept and Enter, Continue Here) in this
 * tab opens camera and microphone here; their other tabs show the session without opening them.
 * Kept in memory only, by user, so that the next user of the tab inherits nothing (issue 17.2).
 *
 * The tab that holds a session's devices also holds a Web Lock named after it, which the browser
 * releases when that page goes away. So a page reloaded during a visit (issue 18.2) finds the lock
 * free and takes the session back without a click (`resumeIfUnheld`), while a second tab opened
 * beside the one in the call finds it held and offers Continue Here. Continue Here steals the lock,
 * and the tab it was stolen from lets go of the devices even if it missed the tab channel's message.
 * Without Web Locks a page never resumes on its own: it cannot know that no other tab holds the call.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';

type Marks = Readonly<Record<string, Readonly<Record<string, true>>>>;

/** What is marked here, by user, then by session id. */
const $enteredByUser = atom<Marks>(Object.create(null));
/** Sessions this page is asking the browser about (is another tab holding them?), by user. */
const $resumingByUser = atom<Marks>(Object.create(null));

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

/** Held locks by `user\n session`: the function that releases each, and the hold it belongs to. */
const held = new Map<string, { release: () => void; hold: object }>();
/** Sessions this page asked about once already: a page resumes on load, never later on its own. */
const asked = new Set<string>();

const keyOf = (userId: string, sessionId: string) => `${userId}\n${sessionId}`;
/** The lock of a session's devices: `scope` keeps clinics of other backends (their namespaces) apart. */
const lockName = (scope: string, userId: string, sessionId: string) => `virtual-clinic:devices:${scope}:${userId}:${sessionId}`;

function webLocks(): LockManagerLike | null {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null;
}

function withMark(marks: Marks, userId: string, sessionId: string): Marks {
  return { ...marks, [userId]: { ...marks[userId], [sessionId]: true } };
}

function withoutMark(marks: Marks, userId: string, sessionId: string): Marks {
  if (!marks[userId]?.[sessionId]) return marks;
  const sessions: Record<string, true> = Object.create(null);
  for (const id of Object.keys(marks[userId]!)) if (id !== sessionId) sessions[id] = true;
  return { ...marks, [userId]: sessions };
}

function release(key: string): void {
  const entry = held.get(key);
  held.delete(key);
  entry?.release();
}

/**
 * Holds the session's lock until released. `steal` takes it from another tab (the user acted
 * here); otherwise only a free lock is taken and `onFree` runs (null when another tab holds it).
 */
function hold(scope: string | null, userId: string, sessionId: string, mode: { steal: true } | { ifAvailable: true; onFree: (free: boolean) => void }): void {
  const locks = scope === null ? null : webLocks();
  const key = keyOf(userId, sessionId);
  if (!locks || scope === null) {
    if ('onFree' in mode) mode.onFree(false);
    return;
  }
  const token = {};
  const options = 'steal' in mode ? { steal: true } : { ifAvailable: true };
  let request: Promise<unknown>;
  try {
    request = locks.request(lockName(scope, userId, sessionId), options, (lock) => {
      if ('onFree' in mode) mode.onFree(lock !== null);
      if (lock === null || ('onFree' in mode && !$enteredByUser.get()[userId]?.[sessionId])) return;
      return new Promise<void>((resolve) => {
        release(key);
        held.set(key, { release: resolve, hold: token });
      });
    });
  } catch {
    if ('onFree' in mode) mode.onFree(false);
    return;
  }
  request.catch(() => {
    // Stolen: the user continued in another tab. Let go here too, if this hold is still ours.
    if (held.get(key)?.hold !== token) return;
    held.delete(key);
    $enteredByUser.set(withoutMark($enteredByUser.get(), userId, sessionId));
  });
}

/**
 * Notes that `userId` entered `sessionId` in this tab (they acted here): this tab holds its devices.
 * `scope` names the user's group of tabs (the clinic's tab namespace); null when tabs are not
 * coordinated, and then no lock is taken.
 */
export function markEnteredHere(userId: string, sessionId: string, scope: string | null = null): void {
  const key = keyOf(userId, sessionId);
  asked.add(key);
  $resumingByUser.set(withoutMark($resumingByUser.get(), userId, sessionId));
  if ($enteredByUser.get()[userId]?.[sessionId]) return;
  $enteredByUser.set(withMark($enteredByUser.get(), userId, sessionId));
  if (!held.has(key) && scope !== null) hold(scope, userId, sessionId, { steal: true });
}

/**
 * A page that shows a session the user is in (in the waiting room or the meeting, by the server's
 * record) but did not enter here asks once whether another tab of this browser holds it. When none
 * does (the page was reloaded, or the tab of the visit closed), this page takes it: the call
 * rejoins without a click (issue 18.2). While the browser answers, `resumingHereBy` lists it.
 * With `scope` null (tabs not coordinated) the page is alone and takes the session at once.
 */
export function resumeIfUnheld(userId: string, sessionId: string, scope: string | null): void {
  const key = keyOf(userId, sessionId);
  if (asked.has(key) || $enteredByUser.get()[userId]?.[sessionId]) return;
  asked.add(key);
  if (scope === null) {
    $enteredByUser.set(withMark($enteredByUser.get(), userId, sessionId));
    return;
  }
  $resumingByUser.set(withMark($resumingByUser.get(), userId, sessionId));
  hold(scope, userId, sessionId, {
    ifAvailable: true,
    onFree: (free) => {
      const wasAsking = Boolean($resumingByUser.get()[userId]?.[sessionId]);
      $resumingByUser.set(withoutMark($resumingByUser.get(), userId, sessionId));
      // Still asking (no sign-out, no click meanwhile) and free: this page holds the session now.
      if (free && wasAsking) $enteredByUser.set(withMark($enteredByUser.get(), userId, sessionId));
    },
  });
}

/** Forgets that `userId` entered `sessionId` in this tab: they entered it in another tab since. */
export function forgetEnteredSession(userId: string, sessionId: string): void {
  release(keyOf(userId, sessionId));
  $resumingByUser.set(withoutMark($resumingByUser.get(), userId, sessionId));
  $enteredByUser.set(withoutMark($enteredByUser.get(), userId, sessionId));
}

/** Forgets what `userId` entered in this tab (sign-out), and lets go of the devices' locks. */
export function forgetEnteredHere(userId: string): void {
  for (const key of [...held.keys(), ...asked]) {
    if (!key.startsWith(`${userId}\n`)) continue;
    release(key);
    asked.delete(key);
  }
  for (const $marks of [$enteredByUser, $resumingByUser]) {
    const all = $marks.get();
    if (!all[userId]) continue;
    const rest: Record<string, Readonly<Record<string, true>>> = Object.create(null);
    for (const [user, sessions] of Object.entries(all)) if (user !== userId) rest[user] = sessions;
    $marks.set(rest);
  }
}

const none: Readonly<Record<string, true>> = Object.freeze(Object.create(null));

/** The session ids `userId` (as `$userId` says) entered in this tab. */
export function enteredHereBy($userId: ReadableAtom<string | null>): ReadableAtom<Readonly<Record<string, true>>> {
  return computed([$enteredByUser, $userId], (all, userId) => (userId ? (all[userId] ?? none) : none));
}

/** The session ids this page is asking the browser about (`resumeIfUnheld`), for `$userId`. */
export function resumingHereBy($userId: ReadableAtom<string | null>): ReadableAtom<Readonly<Record<string, true>>> {
  return computed([$resumingByUser, $userId], (all, userId) => (userId ? (all[userId] ?? none) : none));
}
