/**
 * Test set-up: a fresh mock clinic per test, and clients that talk to it through the real HTTP
 * transport. The transport's `fetch` hands each Request straight to the backend's handler in this
 * page, so every test has its own clinic and nothing leaves the browser.
 */
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createClinic, type Clinic, type ClinicOptions } from '../../src/core/clinic.js';
import { HttpTransport, type HttpTransportOptions } from '../../src/transport/http-transport.js';

export type Backend = ReturnType<typeof createClinicBackend>;

export const TOKENS = {
  frontDesk: 'demo-frontdesk',
  nurseCart: 'demo-nursecart',
  kiosk: 'demo-kiosk',
  okafor: 'demo-okafor',
  lindqvist: 'demo-lindqvist',
  reyes: 'demo-reyes',
} as const;

export const BASE_URL = 'http://clinic.test/api';

const namespaces = new WeakMap<Backend, string>();
let backends = 0;

export function createBackend(options: Parameters<typeof createClinicBackend>[0] = {}): Backend {
  const backend = createClinicBackend({ heartbeatMs: 10_000, ...options });
  // Tabs of one user share changes and elect a leader; each test's clinic is its own "device".
  // Random too: test pages run side by side, and BroadcastChannel and Web Locks span them all.
  namespaces.set(backend, `test-backend-${++backends}-${crypto.randomUUID()}`);
  return backend;
}

/** A fetch that answers from the backend in this page; `requests` records what was sent. */
export function backendFetch(backend: Backend, requests: Request[] = []): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return backend.handle(request);
  };
}

export function connect(
  backend: Backend,
  token: string,
  options: { transport?: Partial<HttpTransportOptions>; clinic?: Partial<ClinicOptions>; sent?: Request[] } = {},
): Clinic {
  const transport = new HttpTransport({
    baseUrl: BASE_URL,
    getToken: () => token,
    fetch: backendFetch(backend, options.sent),
    ...options.transport,
  });
  return createClinic({ transport, watchWakeSignals: false, tabs: { namespace: namespaces.get(backend) ?? 'test' }, ...options.clinic });
}

/** Connects and waits until the client holds the server's state. */
export async function signIn(backend: Backend, token: string, options: Parameters<typeof connect>[2] = {}): Promise<Clinic> {
  const clinic = connect(backend, token, options);
  await clinic.start();
  return clinic;
}

const opened: Clinic[] = [];
/** Like signIn, and destroyed after the test by `closeAll()`. */
export async function open(backend: Backend, token: string, options: Parameters<typeof connect>[2] = {}): Promise<Clinic> {
  const clinic = await signIn(backend, token, options);
  opened.push(clinic);
  return clinic;
}

export function closeAll(): void {
  for (const clinic of opened.splice(0)) clinic.destroy();
}

/** Whether the server has the provider available right now. */
export function availableOnServer(backend: Backend, providerId: string): boolean | undefined {
  return backend.state().providers.find((p) => p.id === providerId)?.available;
}

/**
 * The front desk asks Dr. Okafor for Urgent Care and Dr. Okafor accepts: both clinics and the
 * session's id. `bothEntered`: Dr. Okafor accepts and enters, and the front desk enters too (the
 * meeting starts).
 */
export async function acceptedSession(backend: Backend, options: { bothEntered?: boolean } = {}): Promise<{ desk: Clinic; okafor: Clinic; sessionId: string }> {
  const desk = await open(backend, TOKENS.frontDesk);
  const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
  if (!requested.ok) throw requested.error;
  const okafor = await open(backend, TOKENS.okafor);
  const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id, { enter: options.bothEntered === true });
  if (!accepted.ok) throw accepted.error;
  const sessionId = accepted.changes.sessions[0]!.id;
  if (options.bothEntered) await desk.enterSession(sessionId);
  return { desk, okafor, sessionId };
}
