import { html } from 'lit';
import { ClinicElement } from '../internal/clinic-element.js';
import { tokens } from '../internal/shared.styles.js';
import { connectionStatusStyles } from './connection-status.styles.js';

/**
 * @summary The live connection's state, for the user: quiet while live, a polite message while
 * reconnecting, offline, polling or signed out. It never takes focus.
 *
 * @csspart base - The wrapper (a polite status region).
 * @csspart indicator - The coloured dot.
 * @csspart label - The text.
 *
 * @cssproperty --vc-connection-live-color - The dot while live.
 * @cssproperty --vc-connection-problem-color - The dot while not live.
 */
export class VcConnectionStatus extends ClinicElement {
  static override styles = [tokens, connectionStatusStyles];

  readonly #connection = this.watch((c) => c.$connection, 'idle');

  protected override render() {
    const state = this.#connection.value;
    return html`
      <div part="base" role="status" data-state=${state}>
        <span part="indicator" aria-hidden="true"></span>
        <span part="label">${this.localize.term(`connection.${state}`)}</span>
      </div>
    `;
  }
}
