/**
 * "What is new", once for every tag (issue 13): the requests that reach the provider's queue, the
 * decline or expiry notices that reach the requester, and the outcomes of the user's requests
 * (issue 19.8), since the clinic first loaded. What is
 * there when the clinic loads, or when a user signs in, is not news: a reload never rings, shows
 * a highlight or announces again (X2). A request seen once stays known: one that leaves and comes
 * back (an accept that failed and was rolled back) is not new again.
 *
 * Each arrival has a sequence number. A reader (a tag, the provider alerts) keeps a cursor: on its
 * first look `latest()`, then `since(cursor, kind)` for what came after, and `latest()` again.
 * Reads compare the stores with what is known first, so a reader never depends on which store's
 * listener ran before its own.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { Me, SessionRequest } from './model.js';

export const ARRIVAL_KINDS = ['request', 'notice', 'outcome'] as const;
/**
 * `request`: reached the provider's queue; `notice`: a decline or expiry notice reached the
 * requester; `outcome`: one of the user's requests (as requester or provider) was accepted,
 * declined, expired or cancelled.
 */
export type ArrivalKind = (typeof ARRIVAL_KINDS)[number];

export interface Arrival {
  /** Increases by one per arrival, across kinds. */
  seq: number;
  kind: ArrivalKind;
  request: SessionRequest;
}

export interface Arrivals {
  /** The latest arrivals, oldest first (at most `ARRIVALS_KEPT`); watch it to hear of new ones. */
  readonly $arrivals: ReadableAtom<readonly Arrival[]>;
  /** The sequence number of the latest arrival (0 before any): a new reader's cursor. */
  latest(): number;
  /** What arrived after `cursor`, oldest first, of one kind. */
  since(cursor: number, kind: ArrivalKind): SessionRequest[];
}

/** How many arrivals are kept for readers that look late; a reader looks at least once per render. */
export const ARRIVALS_KEPT = 200;

export interface ArrivalSources {
  $me: ReadableAtom<Me | null>;
  $incomingRequests: ReadableAtom<readonly SessionRequest[]>;
  $declineNotices: ReadableAtom<readonly SessionRequest[]>;
  /** The user's requests that reached an outcome (clinic-state.ts). */
  $requestOutcomes: ReadableAtom<readonly SessionRequest[]>;
}

/**
 * One reader's cursor: `next(arrivals, present)` is what arrived since its last look and is still
 * in `present`; the first look after `reset()` (a new clinic, a sign-out) returns nothing.
 */
export class ArrivalReader {
  readonly #kind: ArrivalKind;
  #cursor: number | null = null;

  constructor(kind: ArrivalKind) {
    this.#kind = kind;
  }

  reset(): void {
    this.#cursor = null;
  }

  next(arrivals: Arrivals, present: readonly SessionRequest[]): SessionRequest[] {
    const cursor = this.#cursor;
    this.#cursor = arrivals.latest();
    if (cursor === null) return [];
    const ids = new Set(present.map((r) => r.id));
    return arrivals.since(cursor, this.#kind).filter((r) => ids.has(r.id));
  }
}

export function createArrivals({ $me, $incomingRequests, $declineNotices, $requestOutcomes }: ArrivalSources): Arrivals {
  const $arrivals = atom<readonly Arrival[]>([]);
  const lists: Record<ArrivalKind, ReadableAtom<readonly SessionRequest[]>> = { request: $incomingRequests, notice: $declineNotices, outcome: $requestOutcomes };
  /** Ids seen since the first load, by kind; null while no one is signed in. */
  let known: Record<ArrivalKind, Set<string>> | null = null;
  let seq = 0;

  /** Brings the log in line with the stores. */
  function record(): void {
    if (!$me.get()) {
      known = null; // signed out: the next user's first load is not news either
      return;
    }
    if (!known) {
      const ids = (kind: ArrivalKind) => new Set(lists[kind].get().map((r) => r.id));
      known = { request: ids('request'), notice: ids('notice'), outcome: ids('outcome') };
      return;
    }
    const added: Arrival[] = [];
    for (const kind of ARRIVAL_KINDS) {
      const seen = known[kind];
      for (const request of lists[kind].get()) {
        if (seen.has(request.id)) continue;
        seen.add(request.id);
        added.push({ seq: ++seq, kind, request });
      }
    }
    if (added.length) $arrivals.set([...$arrivals.get(), ...added].slice(-ARRIVALS_KEPT));
  }

  onMount($arrivals, () => {
    record();
    const stops = [$me.listen(record), ...ARRIVAL_KINDS.map((kind) => lists[kind].listen(record))];
    return () => {
      for (const stop of stops) stop();
      known = null;
    };
  });

  return {
    $arrivals,
    latest() {
      record();
      return seq;
    },
    since(cursor, kind) {
      record();
      return $arrivals
        .get()
        .filter((arrival) => arrival.seq > cursor && arrival.kind === kind)
        .map((arrival) => arrival.request);
    },
  };
}
