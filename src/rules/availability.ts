/** A provider's availability (R5, R6). */
import type { AvailabilityBody } from '../core/contract/types.js';
import { accept, providerEvents, refuse, requestEvents } from './decision.js';
import { touched } from './queue.js';
import type { Actor, Decision, Now, ProviderRow, RequestRow } from './types.js';

/**
 * What `setAvailability` reads: the actor's provider row; their pending requests (`FOR UPDATE`);
 * and who sees this provider (`providerAudience`: in SQL, the users of the provider's account).
 */
export interface AvailabilityView {
  provider: ProviderRow | null;
  pending: RequestRow[];
  audience: string[];
}

/** R6: a provider sets their availability; going unavailable declines what is still pending. */
export function setAvailability(view: AvailabilityView, actor: Actor, body: AvailabilityBody, now: Now): Decision {
  if (actor.role !== 'provider' || !view.provider || view.provider.id !== actor.id) {
    return refuse('forbidden', 'Only a provider may do that.');
  }
  const provider = view.provider;
  if (provider.available === body.available) return accept(200, { providers: [provider] }, []);
  const changed: ProviderRow = { ...provider, available: body.available, version: provider.version + 1 };
  // Exactly as if each had arrived now (R5); the provider already saw them, so (unlike R5) their
  // other tabs learn of the decline too.
  const declined = body.available
    ? []
    : view.pending
        .filter((row) => row.status === 'pending' && row.providerId === provider.id)
        .map((row) => touched(row, { status: 'declined', declineReason: 'unavailable' }, now));
  return accept(200, { providers: [changed], requests: declined }, [
    ...providerEvents(changed, view.audience),
    ...declined.flatMap(requestEvents),
  ]);
}
