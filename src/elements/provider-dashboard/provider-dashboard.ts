import { html } from 'lit';
import { property } from 'lit/decorators.js';
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
  static override forwarded = {
    headingLevel: 'request-queue',
    highlightDuration: 'request-queue',
    overdueAfter: 'request-queue',
    noSound: 'alerts',
    noNotifications: 'alerts',
    noTitle: 'alerts',
    chimeInterval: 'alerts',
    notificationDetail: 'alerts',
  } as const;

  /** The level of the request queue's heading, to fit the host page's outline (`<vc-request-queue heading-level>`, 2). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel: number | undefined = undefined;
  /** How long a new request stays highlighted unless the provider interacts with it, in ms (`<vc-request-queue highlight-duration>`, 10000). */
  @property({ attribute: 'highlight-duration', type: Number }) accessor highlightDuration: number | undefined = undefined;
  /** After how many seconds of waiting the oldest request is marked as waiting long, 0: never (`<vc-request-queue overdue-after>`, 300). */
  @property({ attribute: 'overdue-after', type: Number }) accessor overdueAfter: number | undefined = undefined;
  /** The chime off for everyone on this page (`<vc-alerts no-sound>`). */
  @property({ attribute: 'no-sound', type: Boolean }) accessor noSound: boolean | undefined = undefined;
  /** Desktop notifications off (`<vc-alerts no-notifications>`). */
  @property({ attribute: 'no-notifications', type: Boolean }) accessor noNotifications: boolean | undefined = undefined;
  /** The page title kept as it is (`<vc-alerts no-title>`). */
  @property({ attribute: 'no-title', type: Boolean }) accessor noTitle: boolean | undefined = undefined;
  /** Seconds between chimes while someone waits (`<vc-alerts chime-interval>`, 30). */
  @property({ attribute: 'chime-interval', type: Number }) accessor chimeInterval: number | undefined = undefined;
  /** `names`: notifications name the requester; default a count only (`<vc-alerts notification-detail>`). */
  @property({ attribute: 'notification-detail' }) accessor notificationDetail: 'count' | 'names' | undefined = undefined;

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
