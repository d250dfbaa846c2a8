/**
 * Compares what a client shows with what the server holds for that user, and checks the clinic's
 * invariants: nothing lost, nothing duplicated.
 */
import { waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import type { Snapshot } from '../../src/core/model.js';
import { BASE_URL, type Backend } from './fixtures.js';

export interface View {
  providers: string[];
  requests: string[];
  sessions: string[];
}

function describeSnapshot(snapshot: Pick<Snapshot, 'providers' | 'requests' | 'sessions'>): View {
  return {
    providers: snapshot.providers.map((p) => `${p.id}:${p.available}:v${p.version}`).sort(),
    requests: snapshot.requests.map((r) => `${r.id}:${r.status}:${r.dismissed}:v${r.version}`).sort(),
    sessions: snapshot.sessions.map((s) => `${s.id}:${s.status}:${s.requester.status}:${s.provider.status}:v${s.version}`).sort(),
  };
}

export function clientView(clinic: Clinic): View {
  return describeSnapshot({
    providers: clinic.$providers.get(),
    requests: Object.values(clinic.$requestById.get()),
    sessions: Object.values(clinic.$sessionById.get()),
  });
}

export async function serverView(backend: Backend, token: string): Promise<View> {
  const response = await backend.handle(new Request(`${BASE_URL}/snapshot`, { headers: { Authorization: `Bearer ${token}` } }));
  return describeSnapshot((await response.json()) as Snapshot);
}

/** Waits until the client shows exactly what the server holds for its user. */
export async function converged(backend: Backend, clinic: Clinic, token: string, timeout = 3000): Promise<void> {
  let last: { client: View; server: View } | null = null;
  try {
    await waitUntil(
      async () => {
        const [client, server] = [clientView(clinic), await serverView(backend, token)];
        last = { client, server };
        return JSON.stringify(client) === JSON.stringify(server);
      },
      undefined,
      { interval: 5, timeout },
    );
  } catch {
    throw new Error(`client and server disagree for ${token}: ${JSON.stringify(last)}`);
  }
}

/** The server's invariants: one session per accepted request, one pending request per pair. */
export function checkInvariants(backend: Backend): void {
  const { requests, sessions } = backend.state();
  const pendingPairs = new Set<string>();
  for (const request of requests) {
    if (request.status !== 'pending') continue;
    const pair = `${request.requesterId}>${request.providerId}`;
    if (pendingPairs.has(pair)) throw new Error(`two pending requests for ${pair}`);
    pendingPairs.add(pair);
  }
  for (const request of requests) {
    const made = sessions.filter((s) => s.requestId === request.id);
    if (request.status === 'accepted' && made.length !== 1) throw new Error(`${request.id} accepted with ${made.length} sessions`);
    if (request.status !== 'accepted' && made.length !== 0) throw new Error(`${request.id} ${request.status} with a session`);
  }
}
