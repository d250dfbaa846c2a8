/**
 * Subscribes a Lit element to a nanostores store while the element is connected, and re-renders
 * it when the value changes. Subscribing is what opens the clinic's live connection (lazy stores).
 *
 * The store's value is pushed, not pulled: the value the store notifies with is kept in the plain
 * field `value`, which a render reads as data. A render never reaches back into the store (nor
 * into the module that derived the value), so data flows one way: store → this controller → the
 * tag's render (docs/architecture.md, the path of an Accept).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

export class StoreController<T> implements ReactiveController {
  /**
   * The store's value as it last notified (read when the controller binds or connects), or the
   * fallback while there is no store (no clinic yet). While the element is disconnected it keeps
   * the last value; connecting again reads the store afresh.
   */
  value: T;

  readonly #host: ReactiveControllerHost;
  readonly #fallback: T;
  #store: ReadableAtom<T> | null = null;
  #unsubscribe: (() => void) | null = null;
  #connected = false;

  /** @param fallback the value while there is no store (no clinic yet) */
  constructor(host: ReactiveControllerHost, fallback: T) {
    this.#host = host;
    this.#fallback = fallback;
    this.value = fallback;
    host.addController(this);
  }

  /** Follows another store (the clinic changed); no-op when it is the same one. */
  bind(store: ReadableAtom<T> | null): void {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#store = store;
    if (this.#connected) this.#subscribe();
    else this.value = store ? store.get() : this.#fallback;
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
    const store = this.#store;
    if (!store) {
      this.value = this.#fallback;
      return;
    }
    if (this.#unsubscribe) return;
    // `listen` (not `subscribe`): no call now; the value is read once the store is mounted.
    this.#unsubscribe = store.listen((value) => {
      this.value = value;
      this.#host.requestUpdate();
    });
    this.value = store.get();
    this.#host.requestUpdate();
  }
}
