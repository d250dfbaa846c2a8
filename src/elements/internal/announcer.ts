/**
 * The one way a tag speaks to screen readers: a polite live region that the tag renders once
 * (`${this.#announcer.render()}`) and fills with `announce(text)`. Each announcement goes into a
 * fresh node, so that the same words twice are read twice, and the previous one is replaced, not
 * queued. The region is the tag's `announcer` part, visually hidden (`shared.styles.ts`).
 *
 * Issue 13 (one announcer instead of three ways); issue 20 builds one announcer per clinic on top.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';

export class Announcer {
  readonly #host: ReactiveControllerHost;
  #text = '';
  #count = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** What the region says now ('' before the first announcement). */
  get text(): string {
    return this.#text;
  }

  /** Says `text` politely, after what the screen reader is reading; an empty text says nothing. */
  announce(text: string): void {
    if (!text) return;
    this.#text = text;
    this.#count++;
    this.#host.requestUpdate();
  }

  /** Says nothing more and forgets what was said (a sign-out: nothing of one user is left for the next). */
  clear(): void {
    this.#text = '';
    this.#count++;
    this.#host.requestUpdate();
  }

  /** The live region; render it once, in the same place, on every render. */
  render(): TemplateResult {
    return html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite">
      ${this.#text ? keyed(this.#count, html`<span>${this.#text}</span>`) : nothing}
    </div>`;
  }
}
