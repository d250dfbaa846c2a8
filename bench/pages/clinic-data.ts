/**
 * A clinic at scale, made in the page: thousands of providers or waiting requests, served by a
 * host-made `Transport` (the interface a host's own backend implements) that the benchmark can
 * push live events through. The benchmark pages and the long-list tests both use it.
 */
import type { Changes, LiveEvent, Me, Provider, SessionRequest, Snapshot } from '../../src/core/model.js';
import type { LiveStreamHandlers, Transport } from '../../src/core/transport.js';

const FIRST = ['Amara', 'Erik', 'Sofia', 'Noor', 'Kenji', 'Lucía', 'Tomasz', 'Aisha', 'Mateo', 'Ingrid', 'Ravi', 'Zoë', 'Chidi', 'Hana', 'Oskar', 'Priya'];
const LAST = ['Okafor', 'Lindqvist', 'Reyes', 'Haddad', 'Tanaka', 'Moreno', 'Nowak', 'Bello', 'Rossi', 'Berg', 'Iyer', 'Dubois', 'Eze', 'Kim', 'Novak', 'Shah', 'Walsh'];
const SPECIALTIES = ['Family Medicine', 'Psychiatry', 'Pediatrics', 'Cardiology', 'Dermatology', 'Neurology', 'Internal Medicine', 'Obstetrics'];
const REQUESTERS = ['Riverside Front Desk', 'Lakeside Nurse Cart 3', 'Hillcrest Lobby Kiosk', 'North Wing Station', 'Harbor Clinic Desk'];

const ACCOUNT = {
  id: 'acct-bench',
  name: 'Bench Health System',
  services: [
    { id: 'svc-urgent', name: 'Urgent Care' },
    { id: 'svc-behavioral', name: 'Behavioral Health' },
  ],
  notesEnabled: true,
  requestTimeoutSeconds: 3600,
};

export const REQUESTER_ME: Me = { user: { id: 'req-bench', name: 'Bench Front Desk', role: 'requester', accountId: ACCOUNT.id }, account: ACCOUNT };
export const PROVIDER_ME: Me = { user: { id: 'prov-00000', name: 'Dr. Amara Okafor', role: 'provider', accountId: ACCOUNT.id }, account: ACCOUNT };

/** `count` providers with distinct names, sorted as the list shows them; a third are unavailable. */
export function makeProviders(count: number): Provider[] {
  const providers: Provider[] = [];
  for (let i = 0; i < count; i++) {
    const number = String(i).padStart(5, '0');
    providers.push({
      id: `prov-${number}`,
      name: `Dr. ${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${number}`,
      specialty: SPECIALTIES[i % SPECIALTIES.length]!,
      available: i % 3 !== 2,
      notesEnabled: true,
      version: 1,
    });
  }
  return providers;
}

/** `count` pending requests for `providerId`, one a second apart, the newest at `now`. */
export function makeRequests(count: number, providerId = PROVIDER_ME.user.id, now = Date.now()): SessionRequest[] {
  const requests: SessionRequest[] = [];
  for (let i = 0; i < count; i++) {
    const created = new Date(now - i * 1000).toISOString();
    const service = ACCOUNT.services[i % 2]!;
    requests.push({
      id: `req-${String(i).padStart(5, '0')}`,
      requesterId: `requester-${i}`,
      requesterName: `${REQUESTERS[i % REQUESTERS.length]} ${i}`,
      providerId,
      providerName: PROVIDER_ME.user.name,
      serviceId: service.id,
      serviceName: service.name,
      status: 'pending',
      createdAt: created,
      updatedAt: created,
      expiresAt: new Date(now + 3_600_000).toISOString(),
      declineReason: null,
      declineNote: null,
      sessionId: null,
      dismissed: false,
      queuePosition: null,
      version: 1,
    });
  }
  return requests;
}

const NO_CHANGES: Changes = { providers: [], requests: [], sessions: [] };

/**
 * A host's own transport over data it already holds: the snapshot is what it was given, commands
 * change nothing, and `push` delivers a live event as a server would.
 */
export class StaticTransport implements Transport {
  #seq = 0;
  #handlers: LiveStreamHandlers | null = null;
  readonly #data: Omit<Snapshot, 'seq'>;
  /** Providers changed by `push`, applied to the next snapshot (not at push time: that is on the clock). */
  readonly #changed = new Map<string, Provider>();

  constructor(data: { me: Me; providers?: Provider[]; requests?: SessionRequest[] }) {
    this.#data = { me: data.me, providers: data.providers ?? [], requests: data.requests ?? [], sessions: [] };
  }

  /** Whether a live stream is open (the clinic opens it while a tag watches). */
  get streaming(): boolean {
    return this.#handlers !== null;
  }

  snapshot(): Promise<Snapshot> {
    const providers = this.#changed.size ? this.#data.providers.map((p) => this.#changed.get(p.id) ?? p) : this.#data.providers;
    return Promise.resolve({ ...this.#data, providers, seq: this.#seq });
  }

  send(): Promise<Changes> {
    return Promise.resolve(NO_CHANGES);
  }

  openLiveStream(handlers: LiveStreamHandlers): () => void {
    this.#handlers = handlers;
    queueMicrotask(() => {
      if (this.#handlers === handlers) handlers.onOpen();
    });
    return () => {
      if (this.#handlers === handlers) this.#handlers = null;
    };
  }

  /** Delivers a live event now, as the server's stream would. */
  push(event: { type: 'provider'; provider: Provider } | { type: 'request'; request: SessionRequest }): void {
    this.#seq++;
    if (event.type === 'provider') this.#changed.set(event.provider.id, event.provider);
    this.#handlers?.onEvent({ ...event, seq: this.#seq } as LiveEvent);
  }
}
