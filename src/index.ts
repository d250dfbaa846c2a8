/**
 * The side-effect-free entry: classes, `createClinic`, the transport contract, types and events.
 * Importing it registers nothing; import `@virtual-clinic/sdk/define` (or call `defineVirtualClinic`)
 * to register the tags.
 */
export { createClinic, MAX_NOTE_LENGTH, type Clinic, type ClinicActivity, type ClinicOptions, type SignOutReason } from './core/clinic.js';
export { type ActionFailure, type ActionResult } from './core/actions.js';
export { CONNECTION_STATES, type ConnectionState } from './core/connection.js';
export { systemClock, type Clock } from './core/clock.js';
export * from './core/model.js';
export * from './core/errors/index.js';
export { parseChanges, parseLiveEvent, parseSnapshot } from './core/contract/parse.js';
export type { Transport, CommandOptions, LiveStreamHandlers, LiveStreamOptions } from './core/transport.js';
export * from './events/events.js';
export { registerTranslation } from './i18n/localize.js';
export type { MessageKey, Messages } from './i18n/en.js';
export { defineVirtualClinic, type DefineOptions, type DefineResult } from './define-virtual-clinic.js';
export { defineTags } from './tags/define-tags.js';
export { TAGS, type VcTagName } from './elements/tags.js';
export { VcClinic } from './elements/clinic/clinic.js';
export { VcAvailabilityToggle } from './elements/availability-toggle/availability-toggle.js';
export { VcProviderList } from './elements/provider-list/provider-list.js';
export { VcDeclineNotices } from './elements/decline-notices/decline-notices.js';
export { VcRequestQueue } from './elements/request-queue/request-queue.js';
export { VcSessionList } from './elements/session-list/session-list.js';
export { VcWaitingRoom } from './elements/waiting-room/waiting-room.js';
export { VcConnectionStatus } from './elements/connection-status/connection-status.js';
export { VcRequesterDashboard } from './elements/requester-dashboard/requester-dashboard.js';
export { VcProviderDashboard } from './elements/provider-dashboard/provider-dashboard.js';
export { VcIdleGuard } from './elements/idle-guard/idle-guard.js';
export { IdleTimer, IDLE_PHASES, MIN_IDLE_TIMEOUT_MS, MIN_IDLE_WARNING_MS, type IdlePhase, type IdleTimerOptions } from './core/idle-timer.js';
export { AUDITED_ACTIONS, watchAuditTrail, type AuditRecord, type AuditedAction } from './core/audit.js';
export { VcAlerts } from './elements/alerts/alerts.js';
export { ProviderAlerts, type AlertSwitches, type ProviderAlertsOptions } from './alerts/provider-alerts.js';
export { WebAudioChime, type Chime } from './alerts/chime.js';
export { browserNotifier, type Notifier, type NotificationPermissionState } from './alerts/notifier.js';
export type { MeetingAdapter, MeetingContext, MeetingHandle, MeetingIds, SignalChannel } from './meeting/meeting-adapter.js';
export { WebRtcMeetingAdapter, CALL_STATES, type CallState, type WebRtcMeetingAdapterOptions } from './meeting/webrtc-meeting-adapter.js';
export { UrlMeetingAdapter, type UrlMeetingAdapterOptions } from './meeting/url-meeting-adapter.js';
export { browserMediaLayer, type DeviceInfo, type MediaLayer } from './media/media-layer.js';
export { MEDIA_PROBLEMS, mediaProblemOf, type MediaProblem } from './media/media-problem.js';
export { watchLevel, type LevelMeter, type LevelMeterOptions } from './media/level-meter.js';
