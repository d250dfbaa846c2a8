/**
 * Every tag name and its class: the one list that the registering entry, the types for editors
 * (`HTMLElementTagNameMap`) and the docs read.
 */
import { VcAlerts } from './alerts/alerts.js';
import { VcAvailabilityToggle } from './availability-toggle/availability-toggle.js';
import { VcClinic } from './clinic/clinic.js';
import { VcConnectionStatus } from './connection-status/connection-status.js';
import { VcIdleGuard } from './idle-guard/idle-guard.js';
import { VcProviderDashboard } from './provider-dashboard/provider-dashboard.js';
import { VcRequesterDashboard } from './requester-dashboard/requester-dashboard.js';
import { VcDeclineNotices } from './decline-notices/decline-notices.js';
import { VcProviderList } from './provider-list/provider-list.js';
import { VcRequestQueue } from './request-queue/request-queue.js';
import { VcSessionList } from './session-list/session-list.js';
import { VcWaitingRoom } from './waiting-room/waiting-room.js';
import type { VcTagName } from './internal/tag-names.js';

export const TAGS = {
  'vc-clinic': VcClinic,
  'vc-provider-list': VcProviderList,
  'vc-decline-notices': VcDeclineNotices,
  'vc-request-queue': VcRequestQueue,
  'vc-availability-toggle': VcAvailabilityToggle,
  'vc-alerts': VcAlerts,
  'vc-session-list': VcSessionList,
  'vc-waiting-room': VcWaitingRoom,
  'vc-connection-status': VcConnectionStatus,
  'vc-requester-dashboard': VcRequesterDashboard,
  'vc-provider-dashboard': VcProviderDashboard,
  'vc-idle-guard': VcIdleGuard,
} as const satisfies Record<VcTagName, CustomElementConstructor>;

export type { VcTagName };

declare global {
  interface HTMLElementTagNameMap {
    'vc-clinic': VcClinic;
    'vc-provider-list': VcProviderList;
    'vc-decline-notices': VcDeclineNotices;
    'vc-request-queue': VcRequestQueue;
    'vc-availability-toggle': VcAvailabilityToggle;
    'vc-alerts': VcAlerts;
    'vc-session-list': VcSessionList;
    'vc-waiting-room': VcWaitingRoom;
    'vc-connection-status': VcConnectionStatus;
    'vc-requester-dashboard': VcRequesterDashboard;
    'vc-provider-dashboard': VcProviderDashboard;
    'vc-idle-guard': VcIdleGuard;
  }
}
