/**
 * The public DOM events. One naming scheme: `vc-` and kebab-case; every event bubbles and is
 * composed, so a host hears it from outside any shadow root. Intents (a user asked for something)
 * are cancelable: `preventDefault()` vetoes the action before anything is sent. Outcomes say what
 * happened. `detail` carries ids and states, and free text only where the user typed it.
 */
import type { AuditRecord } from '../core/audit.js';
import type { SignOutReason } from '../core/clinic.js';
import type { ConnectionState } from '../core/connection.js';
import type { ErrorCode } from '../core/errors/error-codes.js';
import type { CommandType, DeclineReason, RequestStatus, Role } from '../core/model.js';
import type { CallQualityLevel } from '../meeting/call-quality.js';
import type { CallState } from '../meeting/webrtc-call.types.js';

export interface VcEventDetails {
  /** Intent: the requester asked for a session (cancelable). */
  'vc-request-session': { providerId: string; serviceId: string | null };
  /** Outcome: the request reached the server. */
  'vc-request-sent': { requestId: string; providerId: string; serviceId: string | null; status: RequestStatus };
  /** Intent: the requester cancels a pending request (cancelable). */
  'vc-request-cancel': { requestId: string };
  'vc-request-cancelled': { requestId: string };
  /** A new request reached an available provider's queue (fired by <vc-request-queue>), for a host's own alerts. */
  'vc-request-received': { requestId: string; serviceId: string | null };
  /** Intent: the provider accepts, optionally entering at once (cancelable). */
  'vc-request-accept': { requestId: string; enter: boolean };
  'vc-request-accepted': { requestId: string; sessionId: string; enter: boolean };
  /** Intent: the provider declines (cancelable). */
  'vc-request-decline': { requestId: string };
  /** Outcome: the provider declined; `note` is what they typed. */
  'vc-request-declined': { requestId: string; note: string | null };
  /** The requester dismissed a decline or expiry notice. */
  'vc-notice-dismissed': { requestId: string };
  /** Intent: the provider switches availability (cancelable). */
  'vc-availability-change': { available: boolean };
  'vc-availability-changed': { available: boolean; declinedCount: number };
  /** Intent: enter the waiting room (requester) or the meeting (provider) (cancelable). */
  'vc-session-enter': { sessionId: string; role: Role };
  'vc-session-entered': { sessionId: string; role: Role };
  'vc-session-left': { sessionId: string; role: Role };
  /** Both participants have entered: the host mounts its meeting now (fired once per session by <vc-waiting-room>). */
  'vc-meeting-ready': { sessionId: string; role: Role };
  /** The built-in call: the user muted or unmuted their microphone (fired by <vc-waiting-room>, issue 18). */
  'vc-call-microphone-change': { sessionId: string; muted: boolean };
  /** The built-in call: the user turned their camera off or on. */
  'vc-call-camera-change': { sessionId: string; cameraOff: boolean };
  /**
   * The built-in call: another camera, microphone or speaker is in use, chosen by the user
   * (`chosen`), taken over after the one in use was disconnected (`replaced`), or none is left
   * (`lost`, `deviceId` null). Device ids only, never their labels.
   */
  'vc-call-device-change': { sessionId: string; kind: 'videoinput' | 'audioinput' | 'audiooutput'; deviceId: string | null; reason: 'chosen' | 'replaced' | 'lost' };
  /** The built-in call's connection changed: `reconnecting` (restarting on its own), `failed` (gave up; Try Again is offered), `connected` … */
  'vc-call-state-change': { sessionId: string; state: CallState };
  /**
   * The built-in call's quality, every few seconds while connected: figures for a host's logs,
   * never names. `roundTripMs` and `framesPerSecond` are null until measured; `packetLossPercent`
   * covers the last interval, audio and video together.
   */
  'vc-call-quality': { sessionId: string; level: CallQualityLevel; roundTripMs: number | null; packetLossPercent: number; framesPerSecond: number | null };
  /** A change made elsewhere reached this dashboard (fired by <vc-clinic>). */
  'vc-request-changed': { requestId: string; status: RequestStatus; declineReason: DeclineReason | null; providerId: string; requesterId: string };
  'vc-session-changed': { sessionId: string; requestId: string; status: 'open' | 'ended' };
  'vc-connection-change': { state: ConnectionState };
  /** The clinic signed out: the backend refused the token (`unauthorized`) or the user was idle too long (`idle`; the stores are empty and the live connection is closed). */
  'vc-signed-out': { reason: SignOutReason };
  /** The idle timeout is near: the warning is on screen and the session ends in `secondsLeft` unless the user acts (fired by <vc-idle-guard>). */
  'vc-idle-warning': { secondsLeft: number };
  /** A state change the user asked for ended: who, what, which ids, when, and the outcome — never free text (fired by <vc-clinic>). */
  'vc-audit': AuditRecord;
  /** The user clicked a desktop notification of a waiting request (fired by <vc-alerts>). */
  'vc-notification-click': { requestId: string };
  /**
   * An action failed; the tag shows the message, the host may log the code. `action` `connect`
   * (fired by <vc-clinic>, `targetId` empty): the connection cannot work as set up — `misconfigured`
   * or `token-unavailable` (issues 16.10, 17.7).
   */
  'vc-error': { action: CommandType | 'connect'; targetId: string; code: ErrorCode };
}

export type VcEventName = keyof VcEventDetails;
export type VcEvent<K extends VcEventName = VcEventName> = CustomEvent<VcEventDetails[K]>;

const CANCELABLE: ReadonlySet<VcEventName> = new Set([
  'vc-request-session',
  'vc-request-cancel',
  'vc-request-accept',
  'vc-request-decline',
  'vc-availability-change',
  'vc-session-enter',
]);

/** Fires a public event from `target`; returns false when the host vetoed an intent. */
export function fireVcEvent<K extends VcEventName>(target: EventTarget, name: K, detail: VcEventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(name) }));
}

/** Every public event by name, typed: what `addEventListener('vc-…')` hands a listener. */
export type VcEventMap = { [K in VcEventName]: VcEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends VcEventMap {}
  // The events bubble and are composed, so a host also listens on document or window.
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface DocumentEventMap extends VcEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface WindowEventMap extends VcEventMap {}
}

/**
 * Every public event name at run time (the React wrappers turn them into `onVc…` props). Listed as
 * an object so that tsc fails until a new event of VcEventDetails is added here too.
 */
const EVENT_NAME_SET = {
  'vc-request-session': true,
  'vc-request-sent': true,
  'vc-request-cancel': true,
  'vc-request-cancelled': true,
  'vc-request-received': true,
  'vc-request-accept': true,
  'vc-request-accepted': true,
  'vc-request-decline': true,
  'vc-request-declined': true,
  'vc-notice-dismissed': true,
  'vc-availability-change': true,
  'vc-availability-changed': true,
  'vc-session-enter': true,
  'vc-session-entered': true,
  'vc-session-left': true,
  'vc-meeting-ready': true,
  'vc-call-microphone-change': true,
  'vc-call-camera-change': true,
  'vc-call-device-change': true,
  'vc-call-state-change': true,
  'vc-call-quality': true,
  'vc-request-changed': true,
  'vc-session-changed': true,
  'vc-connection-change': true,
  'vc-signed-out': true,
  'vc-idle-warning': true,
  'vc-audit': true,
  'vc-notification-click': true,
  'vc-error': true,
} as const satisfies Record<VcEventName, true>;
export const VC_EVENT_NAMES = Object.keys(EVENT_NAME_SET) as VcEventName[];
