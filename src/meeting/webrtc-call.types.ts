/**
 * The types the built-in call and its adapter share: kept apart so that the adapter (loaded with
 * the page) and the call (loaded on demand, `webrtc-call.ts`) import each other in one direction only.
 */
import type { Role } from '../core/model.js';

export interface WebRtcMeetingAdapterOptions {
  /** STUN/TURN servers; none are needed on one machine or a network without NAT. */
  iceServers?: RTCIceServer[];
  /** The side that sends the offer (default `provider`); both sides must agree. */
  offerer?: Role;
  /** How often a call says hello again while it has heard nothing from the other side, in ms (default 5000). */
  helloIntervalMs?: number;
}

export const CALL_STATES = ['connecting', 'connected', 'reconnecting', 'peer-left'] as const;
export type CallState = (typeof CALL_STATES)[number];
