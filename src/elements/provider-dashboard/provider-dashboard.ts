import { css, html } from 'lit';
import { ClinicElement } from '../clinic-element.js';
import { tokens } from '../shared.styles.js';

/**
 * @summary The whole provider side in one tag: the availability switch at the top, the incoming
 * requests (newest first), the sessions with Enter Meeting, and the meeting view.
 *
 * @slot header - Content above the dashboard.
 *
 * @csspart base - The wrapper.
 * @csspart availability - The availability switch (`<vc-availability-toggle>`).
 * @csspart connection - The connection status.
 * @csspart queue - The request queue (`<vc-request-queue>`).
 * @csspart sessions - The sessions list (`<vc-session-list>`).
 * @csspart waiting-room - The meeting view (`<vc-waiting-room>`).
 *
 * @cssproperty --vc-dashboard-gap - Space between the sections.
 */
export class VcProviderDashboard extends ClinicElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      [part='base'] {
        display: grid;
        gap: var(--vc-dashboard-gap, calc(var(--_vc-space) * 1.5));
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--_vc-space);
      }
    `,
  ];

  protected override render() {
    return html`
      <div part="base">
        <slot name="header"></slot>
        <div class="top">
          <vc-availability-toggle part="availability"></vc-availability-toggle>
          <vc-connection-status part="connection"></vc-connection-status>
        </div>
        <vc-request-queue part="queue"></vc-request-queue>
        <vc-waiting-room part="waiting-room"></vc-waiting-room>
        <vc-session-list part="sessions"></vc-session-list>
      </div>
    `;
  }
}
