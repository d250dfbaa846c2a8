/**
 * Events that tell both sides (issue 19.8): a tag fires the outcome of a request that the other
 * side or the server decided — the requester hears `vc-request-accepted`, `vc-request-declined`
 * and `vc-request-expired`; the provider hears `vc-request-cancelled` and `vc-request-expired` —
 * with the same `detail` as the side that acted. What is new comes from the clinic's arrivals
 * (core/arrivals.ts, kind `outcome`): an outcome already there when the clinic loads is not news.
 */
import type { Clinic } from '../../core/clinic.js';
import { ArrivalReader } from '../../core/arrivals.js';
import type { RequestStatus, SessionRequest } from '../../core/model.js';
import { fireVcEvent } from '../../events/fire.js';

export class OutcomeEvents {
  readonly #reader = new ArrivalReader('outcome');
  readonly #statuses: ReadonlySet<RequestStatus>;
  /** Outcomes seen in `look` and not fired yet. */
  #due: SessionRequest[] = [];

  /** @param statuses the outcomes this side did not cause itself */
  constructor(statuses: readonly RequestStatus[]) {
    this.#statuses = new Set(statuses);
  }

  /** Forgets the cursor: the next look sees nothing (a new clinic, another user). */
  reset(): void {
    this.#reader.reset();
    this.#due = [];
  }

  /** Takes in what arrived since the last look (call in `willUpdate`); no clinic or no user: starts over. */
  look(clinic: Clinic | undefined): void {
    if (!clinic || !clinic.$me.get()) return this.reset();
    const arrived = this.#reader.next(clinic.arrivals, clinic.$requestOutcomes.get());
    this.#due.push(...arrived.filter((r) => this.#statuses.has(r.status)));
  }

  /** Fires what `look` took in, oldest first (call in `updated`). */
  fire(target: EventTarget): void {
    for (const request of this.#due.splice(0)) {
      const requestId = request.id;
      if (request.status === 'accepted') fireVcEvent(target, 'vc-request-accepted', { requestId, sessionId: request.sessionId ?? '', enter: false });
      else if (request.status === 'declined') fireVcEvent(target, 'vc-request-declined', { requestId, note: request.declineNote });
      else if (request.status === 'expired') fireVcEvent(target, 'vc-request-expired', { requestId });
      else if (request.status === 'cancelled') fireVcEvent(target, 'vc-request-cancelled', { requestId });
    }
  }
}
