/**
 * Which `vc-*` events each React wrapper turns into `onVc…` props. A single tag takes the events
 * of its JSDoc header (test/package checks them against custom-elements.json); <vc-clinic> and
 * the dashboards take every event, since the events bubble from the tags inside them.
 */
import { VC_EVENT_NAMES, type VcEventName } from '../events/events.js';
import type { VcTagName } from '../elements/tags.js';

const SESSION_EVENTS = ['vc-session-enter', 'vc-session-entered', 'vc-session-left', 'vc-error'] as const;

export const EVENTS_OF_TAG = {
  'vc-clinic': VC_EVENT_NAMES,
  'vc-requester-dashboard': VC_EVENT_NAMES,
  'vc-provider-dashboard': VC_EVENT_NAMES,
  'vc-provider-list': [
    'vc-request-session',
    'vc-request-sent',
    'vc-request-cancel',
    'vc-request-cancelled',
    'vc-request-accepted',
    'vc-request-declined',
    'vc-request-expired',
    'vc-error',
  ],
  'vc-decline-notices': ['vc-notice-dismissed', 'vc-request-session', 'vc-request-sent', 'vc-error'],
  'vc-request-queue': [
    'vc-request-received',
    'vc-request-accept',
    'vc-request-accepted',
    'vc-request-decline',
    'vc-request-declined',
    'vc-request-cancelled',
    'vc-request-expired',
    'vc-error',
  ],
  'vc-availability-toggle': ['vc-availability-change', 'vc-availability-changed', 'vc-error'],
  'vc-alerts': ['vc-notification-click', 'vc-sound-blocked'],
  'vc-session-list': SESSION_EVENTS,
  'vc-waiting-room': [
    ...SESSION_EVENTS,
    'vc-meeting-ready',
    'vc-media-blocked-by-page',
    'vc-call-microphone-change',
    'vc-call-camera-change',
    'vc-call-device-change',
    'vc-call-state-change',
    'vc-call-quality',
  ],
  'vc-connection-status': [],
  'vc-idle-guard': ['vc-idle-warning'],
} as const satisfies Record<VcTagName, readonly VcEventName[]>;
