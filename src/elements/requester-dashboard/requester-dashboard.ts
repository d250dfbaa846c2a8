import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { DashboardElement } from '../internal/dashboard-base.js';

/**
 * @summary The whole requester side in one tag: decline notices, the waiting room, the sessions
 * with Enter Waiting Room, and the providers with Request Session Now.
 *
 * @slot header - Content above the dashboard (the host's own title, say).
 * @slot waiting-room - Extra content shown inside the waiting room (forwarded to `<vc-waiting-room>`).
 *
 * @csspart base - The wrapper.
 * @csspart connection - The connection status (`<vc-connection-status>`); its parts as `connection-*`.
 * @csspart notices - The decline notices (`<vc-decline-notices>`); its parts as `notices-*`.
 * @csspart waiting-room - The waiting room (`<vc-waiting-room>`); its parts as `waiting-room-*`.
 * @csspart sessions - The sessions list (`<vc-session-list>`); its parts as `sessions-*`.
 * @csspart providers - The provider list (`<vc-provider-list>`); its parts as `providers-*` (e.g. `providers-request-button`).
 *
 * @cssproperty --vc-dashboard-gap - Space between the sections.
 */
export class VcRequesterDashboard extends DashboardElement {
  static override forwarded = { heading: 'provider-list', filterThreshold: 'provider-list', noDeviceCheck: 'waiting-room' } as const;

  /** The provider list's heading text (`<vc-provider-list heading>`). */
  @property() accessor heading: string | undefined = undefined;
  /** From how many providers the provider list's filter field shows, 0: always (`<vc-provider-list filter-threshold>`, 8). */
  @property({ attribute: 'filter-threshold', type: Number }) accessor filterThreshold: number | undefined = undefined;
  /** The waiting room without its camera and microphone check (`<vc-waiting-room no-device-check>`). */
  @property({ attribute: 'no-device-check', type: Boolean }) accessor noDeviceCheck: boolean | undefined = undefined;

  protected override render() {
    // Inner tags are made by name, so that they carry the host's prefix (see inner-tags.ts).
    const forwardedSlot = () => {
      const slot = this.ownerDocument.createElement('slot');
      slot.name = 'waiting-room';
      slot.slot = 'device-check';
      return [slot];
    };
    return html`
      <div part="base">
        <slot name="header"></slot>
        ${this.inner('connection-status')} ${this.inner('decline-notices')} ${this.inner('waiting-room', 'waiting-room', forwardedSlot)}
        ${this.inner('session-list')} ${this.inner('provider-list')}
      </div>
    `;
  }
}
