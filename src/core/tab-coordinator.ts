/**
 * Tabs of the same user on one device act as one: one tab leads (it alone plays alert sounds and
 * shows desktop notifications, and it alone polls when push is blocked), and every change one tab
 * learns from a command answer reaches the others at once. Leadership is a Web Lock, so closing
 * the leading tab hands the role over immediately; where Web Locks or BroadcastChannel are
 * missing, every tab leads itself.
 */
import { atom } from 'nanostores';
import { parseChanges } from './contract/parse.js';
import type { Changes } from './model.js';

interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

type Message = { type: 'changes'; changes: Changes };
/** The user entered this session in the tab that says so: the others let go of its devices (issue 17.9). */
type EnteredMessage = { type: 'entered'; sessionId: string; realm: string };

/**
 * This page's (realm's) id: the clinics of one page share their "entered here" record, so a page
 * does not act on its own `entered` messages, which its other clinics' channels also hear.
 */
const REALM = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** A message about the shared live stream (src/core/shared-stream.ts validates its content). */
type StreamMessage = { type: 'stream' } & Record<string, unknown>;

export class TabCoordinator {
  /** Whether this tab leads the tabs of its user. */
  readonly $isLeader = atom(false);
  /** Whether this tab knows if it leads (false while it has not joined, or waits for the answer). */
  readonly $decided = atom(false);

  readonly #namespace: string;
  readonly #onChanges: (changes: Changes) => void;
  #key: string | null = null;
  #channel: BroadcastChannel | null = null;
  #abort: AbortController | null = null;
  #resign: (() => void) | null = null;
  readonly #streamListeners = new Set<(message: Record<string, unknown>) => void>();
  readonly #enteredListeners = new Set<(sessionId: string) => void>();

  constructor(namespace: string, onChanges: (changes: Changes) => void) {
    this.#namespace = namespace;
    this.#onChanges = onChanges;
  }

  /** Joins the tabs of `userId` (leaving any other user's group first). */
  join(userId: string): void {
    const key = `virtual-clinic:${this.#namespace}:${userId}`;
    if (key === this.#key) return;
    this.leave();
    this.#key = key;

    // Optional features: a BroadcastChannel or Web Lock that throws leaves this tab leading itself,
    // never touching the connection or the stores (issue 16.4).
    try {
      this.#openChannel(key);
    } catch {
      this.#channel = null;
    }
    try {
      this.#elect(key);
    } catch {
      this.$isLeader.set(true);
      this.$decided.set(true);
    }
  }

  #openChannel(key: string): void {
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(key);
      // Any same-origin page may post here: a message is untrusted input, validated as a network
      // payload is, and a malformed one is dropped whole (issue 17.8).
      this.#channel.onmessage = (event: MessageEvent<unknown>) => {
        const data = event.data as Partial<Message> | Partial<StreamMessage> | Partial<EnteredMessage> | null;
        if (typeof data !== 'object' || data === null) return;
        if (data.type === 'stream') {
          for (const listener of this.#streamListeners) listener(data as Record<string, unknown>);
          return;
        }
        if (data.type === 'entered') {
          const { sessionId, realm } = data as Partial<EnteredMessage>;
          if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 256 || realm === REALM) return;
          for (const listener of this.#enteredListeners) listener(sessionId);
          return;
        }
        if (data.type !== 'changes') return;
        let changes: Changes;
        try {
          changes = parseChanges((data as Partial<Message>).changes, 'tab.changes');
        } catch {
          return;
        }
        this.#onChanges(changes);
      };
    }
  }

  #elect(key: string): void {
    const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
    if (!locks) {
      this.$isLeader.set(true);
      this.$decided.set(true);
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    const lead = () => {
      this.$isLeader.set(true);
      this.$decided.set(true);
      return new Promise<void>((resolve) => {
        this.#resign = resolve;
      });
    };
    // First ask without waiting, so that a follower knows it follows at once; then queue for the lead.
    locks
      .request(`${key}:leader`, { ifAvailable: true }, async (lock) => {
        if (abort.signal.aborted) return;
        if (lock) return lead();
        this.$decided.set(true);
        await locks.request(`${key}:leader`, { signal: abort.signal }, lead).catch(() => {
          // Aborted while waiting: this tab left before it led.
        });
      })
      .catch(() => {});
  }

  /** True until this tab knows whether it leads (it then acts as a leader, to be safe). */
  get undecided(): boolean {
    return this.#key !== null && !this.$decided.get();
  }

  /** Whether the tabs of this user can hear one another (a BroadcastChannel is open). */
  get connected(): boolean {
    return this.#channel !== null;
  }

  /** Tells the other tabs of this user about the shared live stream (issue 16.3). */
  publishStream(message: Record<string, unknown>): void {
    try {
      this.#channel?.postMessage({ ...message, type: 'stream' });
    } catch {
      // A follower that hears nothing reconnects, and leads once this tab is gone.
    }
  }

  /** Hears the other tabs' messages about the live stream, unchecked (the listener validates them). */
  onStream(listener: (message: Record<string, unknown>) => void): () => void {
    this.#streamListeners.add(listener);
    return () => this.#streamListeners.delete(listener);
  }

  /** Tells the other tabs of this user that they entered `sessionId` here (issue 17.9). */
  publishEntered(sessionId: string): void {
    try {
      this.#channel?.postMessage({ type: 'entered', sessionId, realm: REALM } satisfies EnteredMessage);
    } catch {
      // The other tab keeps its devices until the user leaves there.
    }
  }

  /** Hears that the user entered a session in another of their tabs. */
  onEntered(listener: (sessionId: string) => void): () => void {
    this.#enteredListeners.add(listener);
    return () => this.#enteredListeners.delete(listener);
  }

  /** Tells the other tabs what this one learned. */
  publish(changes: Changes): void {
    try {
      this.#channel?.postMessage({ type: 'changes', changes } satisfies Message);
    } catch {
      // The other tabs hear it from the server instead.
    }
  }

  leave(): void {
    this.#resign?.();
    this.#resign = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#channel?.close();
    this.#channel = null;
    this.#key = null;
    this.$decided.set(false);
    this.$isLeader.set(false);
  }
}
