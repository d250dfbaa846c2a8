/**
 * The public DOM events. One naming scheme: `vc-` and kebab-case; one class per event (this
 * folder), each setting `bubbles`, `composed` and `cancelable` in its constructor, so a host
 * hears every event from outside any shadow root and can test `event instanceof
 * VcRequestAcceptedEvent`. Intents (a user asked for something) are cancelable: `preventDefault()`
 * vetoes the action before anything is sent. Outcomes say what happened. `detail` carries ids and
 * states, and free text only where the user typed it. The map and the names derive from the
 * classes: a new event is a new class file plus one line in `VC_EVENTS`.
 */
import { VcAuditEvent } from './audit.js';
import { VcAvailabilityChangeEvent } from './availability-change.js';
import { VcAvailabilityChangedEvent } from './availability-changed.js';
import { VcCallCameraChangeEvent } from './call-camera-change.js';
import { VcCallDeviceChangeEvent } from './call-device-change.js';
import { VcCallMicrophoneChangeEvent } from './call-microphone-change.js';
import { VcCallQualityEvent } from './call-quality.js';
import { VcCallStateChangeEvent } from './call-state-change.js';
import { VcConnectionChangeEvent } from './connection-change.js';
import { VcContractViolationEvent } from './contract-violation.js';
import { VcErrorEvent } from './error.js';
import { VcIdleWarningEvent } from './idle-warning.js';
import { VcMediaBlockedByPageEvent } from './media-blocked-by-page.js';
import { VcMeetingReadyEvent } from './meeting-ready.js';
import { VcNoticeDismissedEvent } from './notice-dismissed.js';
import { VcNotificationClickEvent } from './notification-click.js';
import { VcRequestAcceptEvent } from './request-accept.js';
import { VcRequestAcceptedEvent } from './request-accepted.js';
import { VcRequestCancelEvent } from './request-cancel.js';
import { VcRequestCancelledEvent } from './request-cancelled.js';
import { VcRequestChangedEvent } from './request-changed.js';
import { VcRequestDeclineEvent } from './request-decline.js';
import { VcRequestDeclinedEvent } from './request-declined.js';
import { VcRequestExpiredEvent } from './request-expired.js';
import { VcRequestReceivedEvent } from './request-received.js';
import { VcRequestSentEvent } from './request-sent.js';
import { VcRequestSessionEvent } from './request-session.js';
import { VcSessionChangedEvent } from './session-changed.js';
import { VcSessionEnterEvent } from './session-enter.js';
import { VcSessionEnteredEvent } from './session-entered.js';
import { VcSessionLeftEvent } from './session-left.js';
import { VcSignedOutEvent } from './signed-out.js';
import { VcSoundBlockedEvent } from './sound-blocked.js';

/** Every public event class by its name. */
export const VC_EVENTS = {
  'vc-request-session': VcRequestSessionEvent,
  'vc-request-sent': VcRequestSentEvent,
  'vc-request-cancel': VcRequestCancelEvent,
  'vc-request-cancelled': VcRequestCancelledEvent,
  'vc-request-received': VcRequestReceivedEvent,
  'vc-request-accept': VcRequestAcceptEvent,
  'vc-request-accepted': VcRequestAcceptedEvent,
  'vc-request-decline': VcRequestDeclineEvent,
  'vc-request-declined': VcRequestDeclinedEvent,
  'vc-request-expired': VcRequestExpiredEvent,
  'vc-notice-dismissed': VcNoticeDismissedEvent,
  'vc-availability-change': VcAvailabilityChangeEvent,
  'vc-availability-changed': VcAvailabilityChangedEvent,
  'vc-session-enter': VcSessionEnterEvent,
  'vc-session-entered': VcSessionEnteredEvent,
  'vc-session-left': VcSessionLeftEvent,
  'vc-meeting-ready': VcMeetingReadyEvent,
  'vc-media-blocked-by-page': VcMediaBlockedByPageEvent,
  'vc-request-changed': VcRequestChangedEvent,
  'vc-session-changed': VcSessionChangedEvent,
  'vc-connection-change': VcConnectionChangeEvent,
  'vc-contract-violation': VcContractViolationEvent,
  'vc-signed-out': VcSignedOutEvent,
  'vc-idle-warning': VcIdleWarningEvent,
  'vc-audit': VcAuditEvent,
  'vc-notification-click': VcNotificationClickEvent,
  'vc-sound-blocked': VcSoundBlockedEvent,
  'vc-call-microphone-change': VcCallMicrophoneChangeEvent,
  'vc-call-camera-change': VcCallCameraChangeEvent,
  'vc-call-device-change': VcCallDeviceChangeEvent,
  'vc-call-state-change': VcCallStateChangeEvent,
  'vc-call-quality': VcCallQualityEvent,
  'vc-error': VcErrorEvent,} as const;

/** Each class's `eventName` is the key it is listed under (tsc fails otherwise). */
type NamesAgree = { [K in keyof typeof VC_EVENTS]: (typeof VC_EVENTS)[K]['eventName'] extends K ? true : never };
const namesAgree: NamesAgree[keyof NamesAgree] = true;
void namesAgree;

/** Every public event by name, typed: what `addEventListener('vc-…')` hands a listener. */
export type VcEventMap = { [K in keyof typeof VC_EVENTS]: InstanceType<(typeof VC_EVENTS)[K]> };
export type VcEventName = keyof VcEventMap;
/** The `detail` of each public event, by name. */
export type VcEventDetails = { [K in VcEventName]: VcEventMap[K]['detail'] };
/** The public event named `K` (`VcEvent<'vc-request-accepted'>` is a `VcRequestAcceptedEvent`). */
export type VcEvent<K extends VcEventName = VcEventName> = VcEventMap[K];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends VcEventMap {}
  // The events bubble and are composed, so a host also listens on document or window.
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface DocumentEventMap extends VcEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface WindowEventMap extends VcEventMap {}
}

/** Every public event name at run time (the React wrappers turn them into `onVc…` props). */
export const VC_EVENT_NAMES = Object.keys(VC_EVENTS) as VcEventName[];

export { VcAuditEvent, type VcAuditDetail } from './audit.js';
export { VcAvailabilityChangeEvent, type VcAvailabilityChangeDetail } from './availability-change.js';
export { VcAvailabilityChangedEvent, type VcAvailabilityChangedDetail } from './availability-changed.js';
export { VcCallCameraChangeEvent, type VcCallCameraChangeDetail } from './call-camera-change.js';
export { VcCallDeviceChangeEvent, type VcCallDeviceChangeDetail } from './call-device-change.js';
export { VcCallMicrophoneChangeEvent, type VcCallMicrophoneChangeDetail } from './call-microphone-change.js';
export { VcCallQualityEvent, type VcCallQualityDetail } from './call-quality.js';
export { VcCallStateChangeEvent, type VcCallStateChangeDetail } from './call-state-change.js';
export { VcConnectionChangeEvent, type VcConnectionChangeDetail } from './connection-change.js';
export { VcContractViolationEvent, type VcContractViolationDetail } from './contract-violation.js';
export { VcErrorEvent, type VcErrorDetail } from './error.js';
export { VcIdleWarningEvent, type VcIdleWarningDetail } from './idle-warning.js';
export { VcMediaBlockedByPageEvent, type VcMediaBlockedByPageDetail } from './media-blocked-by-page.js';
export { VcMeetingReadyEvent, type VcMeetingReadyDetail } from './meeting-ready.js';
export { VcNoticeDismissedEvent, type VcNoticeDismissedDetail } from './notice-dismissed.js';
export { VcNotificationClickEvent, type VcNotificationClickDetail } from './notification-click.js';
export { VcRequestAcceptEvent, type VcRequestAcceptDetail } from './request-accept.js';
export { VcRequestAcceptedEvent, type VcRequestAcceptedDetail } from './request-accepted.js';
export { VcRequestCancelEvent, type VcRequestCancelDetail } from './request-cancel.js';
export { VcRequestCancelledEvent, type VcRequestCancelledDetail } from './request-cancelled.js';
export { VcRequestChangedEvent, type VcRequestChangedDetail } from './request-changed.js';
export { VcRequestDeclineEvent, type VcRequestDeclineDetail } from './request-decline.js';
export { VcRequestDeclinedEvent, type VcRequestDeclinedDetail } from './request-declined.js';
export { VcRequestExpiredEvent, type VcRequestExpiredDetail } from './request-expired.js';
export { VcRequestReceivedEvent, type VcRequestReceivedDetail } from './request-received.js';
export { VcRequestSentEvent, type VcRequestSentDetail } from './request-sent.js';
export { VcRequestSessionEvent, type VcRequestSessionDetail } from './request-session.js';
export { VcSessionChangedEvent, type VcSessionChangedDetail } from './session-changed.js';
export { VcSessionEnterEvent, type VcSessionEnterDetail } from './session-enter.js';
export { VcSessionEnteredEvent, type VcSessionEnteredDetail } from './session-entered.js';
export { VcSessionLeftEvent, type VcSessionLeftDetail } from './session-left.js';
export { VcSignedOutEvent, type VcSignedOutDetail } from './signed-out.js';
export { VcSoundBlockedEvent, type VcSoundBlockedDetail } from './sound-blocked.js';
