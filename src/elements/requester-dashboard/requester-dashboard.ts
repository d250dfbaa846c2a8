import { css, html } from 'lit';
import { ClinicElement } from '../clinic-element.js';
import { innerTag } from '../inner-tags.js';
import { tokens } from '../shared.styles.js';

/**
 * @summary The whole requester side in one tag: decline notices, the providers with Request
 * Session Now, the sessions with Enter Waiting Room, and the waiting room.
 *
 * @slot header - Content above the dashboard (the host's own title, say).
 * @slot waiting-room - Extra content shown inside the waiting room (forwarded to `<vc-waiting-room>`).
 *
 * @csspart base - The wrapper.
 * @csspart connection - The connection status (`<vc-connection-status>`).
 * @csspart notices - The decline notices (`<vc-decline-notices>`).
 * @csspart providers - The provider list (`<vc-provider-list>`).
 * @csspart sessions - The sessions list (`<vc-session-list>`).
 * @csspart waiting-room - The waiting room (`<vc-waiting-room>`).
 *
 * @cssproperty --vc-dashboard-gap - Space between the sections.
 */
export class VcRequesterDashboard extends ClinicElement {
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
    `,
  ];

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
        ${innerTag(this, 'connection-status', { part: 'connection', exportparts: 'base: connection-base, label: connection-label' })}
        ${innerTag(this, 'decline-notices', { part: 'notices' })}
        ${innerTag(this, 'waiting-room', { part: 'waiting-room' }, forwardedSlot)}
        ${innerTag(this, 'session-list', { part: 'sessions' })}
        ${innerTag(this, 'provider-list', { part: 'providers' })}
      </div>
    `;
  }
}
