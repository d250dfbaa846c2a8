/**
 * The one way a tag moves focus after it re-renders: `restore([...selectors])` asks for the first
 * element of the tag's shadow root that matches one of the selectors, in order, to take focus after
 * the next render. A keyboard user whose button went away with the state it belonged to (a request
 * sent, a session left) stays where they were instead of landing at the top of the page.
 *
 * By default focus moves only when it was lost: nothing in the tag holds it (or only the element
 * matching `lostOn`), and nothing outside the tag took it meanwhile. `always: true` moves it anyway,
 * for what the user just opened or closed (a form, a dialog).
 *
 * Issue 13 (one focus keeper instead of five ways); issue 20 builds the focus manager on top.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RestoreOptions {
  /** Move focus even when something in the tag still holds it. */
  always?: boolean;
  /** Focus on the element matching this selector counts as lost (a wrapper that held it last time). */
  lostOn?: string;
}

export class FocusKeeper implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #pending: { selectors: readonly string[]; options: RestoreOptions } | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether `element`, inside this tag, has focus now (before an action that may remove it). */
  holds(element: Element): boolean {
    return this.#host.shadowRoot?.activeElement === element;
  }

  /** Whether a request to move focus waits for the next render. */
  get pending(): boolean {
    return this.#pending !== null;
  }

  /** After the next render, focus the first element matching one of `selectors` (see the file's header). */
  restore(selectors: readonly string[], options: RestoreOptions = {}): void {
    this.#pending = { selectors, options };
    this.#host.requestUpdate();
  }

  /** Drops a request not yet carried out (a sign-out). */
  cancel(): void {
    this.#pending = null;
  }

  hostUpdated(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    const root = this.#host.shadowRoot;
    if (!root || (!pending.options.always && !this.#lost(root, pending.options.lostOn))) return;
    for (const selector of pending.selectors) {
      const element = root.querySelector<HTMLElement>(selector);
      if (element) {
        element.focus();
        return;
      }
    }
  }

  #lost(root: ShadowRoot, lostOn: string | undefined): boolean {
    const inside = root.activeElement;
    if (inside && inside.isConnected && !(lostOn && inside.matches(lostOn))) return false;
    const outside = this.#host.ownerDocument.activeElement;
    return !outside || outside === this.#host.ownerDocument.body || outside === this.#host;
  }
}
