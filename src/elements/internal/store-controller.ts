/**
 * Subscribes a Lit element to a nanostores store while the element is connected, and re-renders
 * it when the value changes. Subscribing is what opens the clinic's live connection (lazy stores).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

export class StoreController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #fallback: T;
  #store: ReadableAtom<T> | null = null;
  #unsubscribe: (() => void) | null = null;
  #connected = false;

  /** @param fallback the value while there is no store (no clinic yet) */
  constructor(host: ReactiveControllerHost, fallback: T) {
    this.#host = host;
    this.#fallback = fallback;
    host.addController(this);
  }

  /** The store's current value, or the fallback while there is no store. */
  get value(): T {
    return this.#store ? this.#store.get() : this.#fallback;
  }

  /** Follows another store (the clinic changed); no-op when it is the same one. */
  bind(store: ReadableAtom<T> | null): void {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#store = store;
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #subscribe(): void {
    if (!this.#store || this.#unsubscribe) return;
    // `listen` (not `subscribe`): no synchronous call now; the host renders the current value anyway.
    this.#unsubscribe = this.#store.listen(() => this.#host.requestUpdate());
    this.#host.requestUpdate();
  }
}
