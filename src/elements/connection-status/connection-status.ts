import { css, html } from 'lit';
import { ClinicElement } from '../internal/clinic-element.js';
import { tokens } from '../internal/shared.styles.js';

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
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        font-size: var(--_vc-font-size-small);
        color: var(--_vc-muted);
      }
      [part='base'] {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 1.5rem;
      }
      [part='indicator'] {
        width: 0.625rem;
        height: 0.625rem;
        border-radius: 50%;
        background: var(--vc-connection-problem-color, var(--_vc-warning));
      }
      [data-state='connected'] [part='indicator'] {
        background: var(--vc-connection-live-color, var(--_vc-success));
      }
      [data-state='signed-out'] [part='label'] {
        color: var(--_vc-danger);
      }
      @media (forced-colors: active) {
        [part='indicator'] {
          border: 1px solid CanvasText;
        }
      }
    `,
  ];

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
