/**
 * The baselines: the smallest hand-written Lit lists of the same data, the way anyone would write
 * them first (`repeat` over every item, no virtualization, no stores). The benchmark renders them
 * in the same page and run as the real tags, and reports each figure of ours as a ratio to theirs.
 */
import { css, html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Provider, SessionRequest } from '../../src/core/model.js';

const styles = css`
  :host {
    display: block;
    font-family: system-ui, sans-serif;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  li {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid #c4ccd6;
    border-radius: 0.5rem;
  }
  h3 {
    margin: 0;
    font-size: 1.0625em;
  }
`;

export class BaselineProviderList extends LitElement {
  static override styles = styles;
  static override properties = { items: { attribute: false } };
  items: readonly Provider[] = [];

  protected override render() {
    return html`<h2>Providers</h2>
      <ul>
        ${repeat(
          this.items,
          (p) => p.id,
          (p) => html`<li data-provider-id=${p.id}>
            <h3>${p.name}</h3>
            <span>${p.specialty}</span>
            <span class="availability">${p.available ? 'Available' : 'Unavailable'}</span>
            <button type="button">Request Session Now</button>
          </li>`,
        )}
      </ul>`;
  }
}

export class BaselineRequestQueue extends LitElement {
  static override styles = styles;
  static override properties = { items: { attribute: false } };
  items: readonly SessionRequest[] = [];

  protected override render() {
    return html`<h2>Session requests</h2>
      <ul>
        ${repeat(
          this.items,
          (r) => r.id,
          (r) => html`<li data-request-id=${r.id}>
            <p>${r.requesterName} (${r.serviceName})</p>
            <p><time datetime=${r.createdAt}>${r.createdAt}</time></p>
            <div><button type="button">Accept</button> <button type="button">Accept and Enter</button> <button type="button">Decline</button></div>
          </li>`,
        )}
      </ul>`;
  }
}

/** Registers both (a function, not a side effect: the package marks its modules side-effect free). */
export function defineBaselines(): void {
  customElements.define('baseline-provider-list', BaselineProviderList);
  customElements.define('baseline-request-queue', BaselineRequestQueue);
}
