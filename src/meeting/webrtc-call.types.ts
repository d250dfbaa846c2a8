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
  /** `relay` sends everything through TURN (no direct path is tried): for networks that must not reveal addresses. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** How long a dropped call tries to come back on its own before it says so and offers Try Again, in ms (default 30000). */
  reconnectTimeoutMs?: number;
  /** How often the offering side restarts ICE while the connection is down, in ms (default 4000). */
  restartIntervalMs?: number;
  /** How long a `disconnected` connection may come back by itself before ICE restarts, in ms (default 2000). */
  disconnectGraceMs?: number;
  /** How often the quality is measured, in ms (default 2000). */
  statsIntervalMs?: number;
}

export const CALL_STATES = ['connecting', 'connected', 'reconnecting', 'failed', 'peer-left'] as const;
export type CallState = (typeof CALL_STATES)[number];
