/** The derived views the tags read: each one list, sorted the way the dashboard shows it. */
import { computed } from 'nanostores';
import type { EntityState } from './entity-state.js';
import type { Provider, Session, SessionRequest } from './model.js';
import { applyOverlay, type createOverlay } from './overlay.js';

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function createSelectors(state: EntityState, overlay: ReturnType<typeof createOverlay>) {
  const { $me, $providerMap, $requestMap, $sessionMap } = state;

  const $providerById = computed([$providerMap, overlay.$overlay], (providers, patches) => applyOverlay('provider', providers, patches));
  const $requestById = computed([$requestMap, overlay.$overlay], (requests, patches) => applyOverlay('request', requests, patches));

  /** Providers the requester may reach, by name (R1). */
  const $providers = computed($providerById, (providers): Provider[] =>
    Object.values(providers).sort((a, b) => a.name.localeCompare(b.name)),
  );

  /** The signed-in provider's own entry (their availability, R6). */
  const $myProvider = computed([$me, $providerById], (me, providers): Provider | null =>
    me?.user.role === 'provider' ? (providers[me.user.id] ?? null) : null,
  );

  /** Requests waiting for the signed-in provider, newest first (R7). */
  const $incomingRequests = computed([$me, $requestById], (me, requests): SessionRequest[] =>
    me?.user.role === 'provider'
      ? Object.values(requests).filter((r) => r.providerId === me.user.id && r.status === 'pending').sort(newestFirst)
      : [],
  );

  /** The signed-in requester's requests that are still pending (X3). */
  const $outgoingRequests = computed([$me, $requestById], (me, requests): SessionRequest[] =>
    me?.user.role === 'requester'
      ? Object.values(requests).filter((r) => r.requesterId === me.user.id && r.status === 'pending').sort(newestFirst)
      : [],
  );

  /** Declined or expired requests the requester has not dismissed yet (R4, R5, X3). */
  const $declineNotices = computed([$me, $requestById], (me, requests): SessionRequest[] =>
    me?.user.role === 'requester'
      ? Object.values(requests)
          .filter((r) => r.requesterId === me.user.id && (r.status === 'declined' || r.status === 'expired') && !r.dismissed)
          .sort(newestFirst)
      : [],
  );

  /** Open sessions the signed-in user takes part in, newest first (R3, R8, R10). */
  const $sessions = computed([$me, $sessionMap], (me, sessions): Session[] =>
    me
      ? Object.values(sessions)
          .filter((s) => s.status === 'open' && (s.requester.userId === me.user.id || s.provider.userId === me.user.id))
          .sort(newestFirst)
      : [],
  );

  return { $providerById, $requestById, $providers, $myProvider, $incomingRequests, $outgoingRequests, $declineNotices, $sessions };
}
