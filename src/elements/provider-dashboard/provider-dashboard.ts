import { html } from 'lit';
import { DashboardElement } from '../internal/dashboard-base.js';

/**
 * @summary The whole provider side in one tag: the availability switch and the alert settings at
 * the top, the incoming requests (newest first), the meeting view, and the sessions with Enter
 * Meeting. Alerts (chime, desktop notification, title count) run while the provider is available.
 *
 * @slot header - Content above the dashboard.
 *
 * @csspart base - The wrapper.
 * @csspart availability - The availability switch (`<vc-availability-toggle>`); its parts as `availability-*`.
 * @csspart connection - The connection status; its parts as `connection-*`.
 * @csspart alerts - The alert settings (`<vc-alerts>`); its parts as `alerts-*`.
 * @csspart queue - The request queue (`<vc-request-queue>`); its parts as `queue-*` (e.g. `queue-accept-button`).
 * @csspart waiting-room - The meeting view (`<vc-waiting-room>`); its parts as `waiting-room-*`.
 * @csspart sessions - The sessions list (`<vc-session-list>`); its parts as `sessions-*`.
 *
 * @cssproperty --vc-dashboard-gap - Space between the sections.
 */
export class VcProviderDashboard extends DashboardElement {
  protected override render() {
    // Inner tags are made by name, so that they carry the host's prefix (see inner-tags.ts).
    return html`
      <div part="base">
        <slot name="header"></slot>
        <div class="top">${this.inner('availability-toggle')} ${this.inner('connection-status')}</div>
        ${this.inner('alerts')} ${this.inner('request-queue')} ${this.inner('waiting-room')} ${this.inner('session-list')}
      </div>
    `;
  }
}
