/**
 * The clinic's rules, once, as pure functions (issue 13; README.md beside this file): the mock
 * and the reference server are shells around them.
 */
export * from './types.js';
export { requestSession, cancelRequest, acceptRequest, declineRequest, dismissRequest, expireRequests } from './requests.js';
export type { RequestSessionView, RequestView, DeclineView, ExpiryView } from './requests.js';
export { setAvailability, type AvailabilityView } from './availability.js';
export { setPresence, isConnected, type PresenceView } from './presence.js';
export { enterSession, leaveSession, sendSignal, type SessionView } from './sessions.js';
export {
  mayReachProvider,
  maySeeProvider,
  maySeeRequest,
  maySeeSession,
  meOf,
  providerAudience,
  snapshotOf,
  type Reach,
  type SnapshotView,
} from './visibility.js';
export { toWireProvider, toWireRequest } from './wire.js';
export { turnCredentials, type TurnConfig } from './turn-credentials.js';
