import { css, html } from 'lit';
import { ClinicElement } from '../clinic-element.js';
import { innerTag } from '../inner-tags.js';
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
    // Inner tags are made by name, so that they carry the host's prefix (see inner-tags.ts).
    return html`
      <div part="base">
        <slot name="header"></slot>
        <div class="top">
          ${innerTag(this, 'availability-toggle', { part: 'availability' })}
          ${innerTag(this, 'connection-status', { part: 'connection' })}
        </div>
        ${innerTag(this, 'request-queue', { part: 'queue' })}
        ${innerTag(this, 'waiting-room', { part: 'waiting-room' })}
        ${innerTag(this, 'session-list', { part: 'sessions' })}
      </div>
    `;
  }
}
