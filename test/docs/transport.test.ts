/**
 * docs/transport.md: the two example transports of docs/examples/transport, run as a host runs
 * them — `createClinic({ transport })` under `<vc-clinic>` — through the whole flow (a request
 * reaches the provider's queue, Accept, the requester's session list shows the session), and the
 * rules the guide gives: the order of calls, the heartbeat watchdog, a retried command applied
 * once, a refused token refreshed once or the user signed out, and the validators.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define.js';
import { createClinic, type Clinic } from '../../src/core/clinic.js';
import type { Transport } from '../../src/core/transport.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import { createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { requestQueue, sessionList } from '../support/harness.js';
import { ManualClock } from '../support/manual-clock.js';
import { recordEvents } from '../support/mount.js';
import { clinicServerOver, type Answer, type InMemoryClinicServer, type StreamMessage } from '../support/transport-servers.js';

// The examples are type-checked against the built package (docs/examples/tsconfig.json, by
// test/package); here they are run, so tsc does not follow these imports.
type Tokens = { getToken: () => string | null; refreshToken: () => Promise<string | null> };
const { InMemoryTransport } = (await import('/docs/examples/transport/in-memory-transport.ts' as string)) as {
  InMemoryTransport: new (server: InMemoryClinicServer, tokens: Tokens) => Transport;
};
const { WebSocketTransport } = (await import('/docs/examples/transport/websocket-transport.ts' as string)) as {
  WebSocketTransport: new (options: Tokens & { url: string }) => Transport;
};

const clinics: Clinic[] = [];
function clinicOf(transport: Transport, options: Partial<Parameters<typeof createClinic>[0]> = {}): Clinic {
  const clinic = createClinic({ transport, watchWakeSignals: false, tabs: { namespace: `transport-${crypto.randomUUID()}` }, ...options });
  clinics.push(clinic);
  return clinic;
}
afterEach(() => {
  for (const clinic of clinics.splice(0)) clinic.destroy();
});

const fixedToken = (token: string): Tokens => ({ getToken: () => token, refreshToken: async () => null });

/** The front desk asks Dr. Okafor; Dr. Okafor accepts in the queue; the desk's list shows the session. */
async function requestAcceptSession(transportFor: (token: string) => Transport): Promise<void> {
  const desk = clinicOf(transportFor(TOKENS.frontDesk));
  const okafor = clinicOf(transportFor(TOKENS.okafor));
  const page = await fixture<HTMLElement>(html`<div>
    <vc-clinic .clinic=${okafor}><vc-request-queue></vc-request-queue></vc-clinic>
    <vc-clinic .clinic=${desk}><vc-session-list></vc-session-list></vc-clinic>
  </div>`);
  await Promise.all([okafor.start(), desk.start()]);
  const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
  if (!requested.ok) throw requested.error;
  const requestId = requested.changes.requests[0]!.id;
  const queue = requestQueue(page.querySelector('vc-request-queue')!);
  await waitUntil(() => queue.item(requestId), "the request never reached the provider's queue", { timeout: 10_000 });
  expect(queue.requests()[0]).to.contain('Riverside Front Desk');
  queue.accept(requestId);
  const sessions = sessionList(page.querySelector('vc-session-list')!);
  await waitUntil(() => sessions.sessions().length === 1, "the session never reached the requester's list", { timeout: 10_000 });
  expect(sessions.sessions()[0]).to.contain('Dr. Amara Okafor');
}

describe('docs/transport.md — the in-memory transport', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => backend.close());

  it('runs the flow: a request reaches the provider, Accept, and the requester sees the session', async () => {
    const server = clinicServerOver(backend);
    await requestAcceptSession((token) => new InMemoryTransport(server, fixedToken(token)));
  });

  it('asks for the live stream and the snapshot at once, and is connected once the server accepted the user', async () => {
    const server = clinicServerOver(backend);
    const asked: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding: InMemoryClinicServer = {
      ...server,
      snapshot: async (token) => (asked.push('snapshot'), await held, server.snapshot(token)),
      subscribe: async (...args) => (asked.push('subscribe'), await held, server.subscribe(...args)),
    };
    const clinic = clinicOf(new InMemoryTransport(holding, fixedToken(TOKENS.okafor)));
    const started = clinic.start();
    await waitUntil(() => asked.length === 2, 'the core did not ask for both');
    expect([...asked].sort()).to.deep.equal(['snapshot', 'subscribe']);
    expect(clinic.$connection.get()).to.equal('connecting');
    release();
    await started;
    await waitUntil(() => clinic.$connection.get() === 'connected', `still ${clinic.$connection.get()}`);
  });

  it('a silent server is found out by the core: it ends the subscription and subscribes again', async () => {
    const server = clinicServerOver(backend);
    const subscriptions: { ended: boolean }[] = [];
    const counting: InMemoryClinicServer = {
      ...server,
      async subscribe(...args) {
        const subscription = await server.subscribe(...args);
        const record = { ended: false };
        subscriptions.push(record);
        return { ...subscription, unsubscribe: () => ((record.ended = true), subscription.unsubscribe()) };
      },
    };
    const clock = new ManualClock();
    const clinic = clinicOf(new InMemoryTransport(counting, fixedToken(TOKENS.okafor)), { clock, live: { heartbeatTimeoutMs: 25_000 } });
    await clinic.start();
    await waitUntil(() => subscriptions.length === 1);
    // No heartbeat for 25 s (the backend beats every 10 s of real time, far off): the watchdog acts.
    await waitUntil(async () => (await clock.advance(1_000), subscriptions.length === 2), 'the core never subscribed again', { timeout: 10_000 });
    expect(subscriptions[0]!.ended).to.equal(true);
  });

  it('a command whose answer was lost is sent again with the same key and applied once', async () => {
    const sent: string[] = [];
    const server = clinicServerOver(backend);
    const recording: InMemoryClinicServer = { ...server, send: (token, command, key) => (sent.push(key), server.send(token, command, key)) };
    const desk = clinicOf(new InMemoryTransport(recording, fixedToken(TOKENS.frontDesk)));
    await desk.start();
    backend.faults.loseResponseNext();
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    expect(requested.ok).to.equal(true);
    expect(sent.length).to.equal(2);
    expect(sent[1]).to.equal(sent[0]);
    expect(backend.state().requests.length).to.equal(1);
  });

  it('a refused token is refreshed once for every call refused with it, and the calls repeated', async () => {
    let token = 'expired-token';
    let refreshes = 0;
    const tokens: Tokens = { getToken: () => token, refreshToken: async () => ((refreshes += 1), (token = TOKENS.okafor)) };
    const clinic = clinicOf(new InMemoryTransport(clinicServerOver(backend), tokens));
    await clinic.start();
    await waitUntil(() => clinic.$connection.get() === 'connected', `still ${clinic.$connection.get()}`);
    expect(clinic.$me.get()?.user.name).to.equal('Dr. Amara Okafor');
    expect(refreshes).to.equal(1);
  });

  it('with no fresh token, <vc-clinic> signs the user out (vc-signed-out, unauthorized)', async () => {
    const tokens: Tokens = { getToken: () => 'expired-token', refreshToken: async () => null };
    const clinic = clinicOf(new InMemoryTransport(clinicServerOver(backend), tokens));
    const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}></vc-clinic>`);
    const signedOut = recordEvents(root, 'vc-signed-out');
    await clinic.start().catch(() => {});
    await waitUntil(() => signedOut.length === 1, 'no vc-signed-out');
    expect(signedOut[0]!.detail.reason).to.equal('unauthorized');
    expect(clinic.$connection.get()).to.equal('signed-out');
  });

  it('a live event that breaks the contract never reaches the stores', async () => {
    const server = clinicServerOver(backend);
    let push: (message: StreamMessage) => void = () => {};
    let seq = 0;
    const spying: InMemoryClinicServer = {
      ...server,
      snapshot: async (token): Promise<Answer> => {
        const answer = await server.snapshot(token);
        seq = (answer.body as { seq: number }).seq;
        return answer;
      },
      subscribe: (token, lastSeq, listener, onEnd) => ((push = listener), server.subscribe(token, lastSeq, listener, onEnd)),
    };
    const desk = clinicOf(new InMemoryTransport(spying, fixedToken(TOKENS.frontDesk)));
    await desk.start();
    await waitUntil(() => desk.$connection.get() === 'connected');
    const okafor = { ...desk.$providerById.get()['prov-okafor']! };
    push({ type: 'event', event: { seq: seq + 1, type: 'provider', provider: { ...okafor, name: 42, version: okafor.version + 1 } } });
    expect(desk.$providerById.get()['prov-okafor']!.name).to.equal('Dr. Amara Okafor');
  });
});

describe('docs/transport.md — the WebSocket transport, against a WebSocket server', () => {
  let url: string;
  beforeEach(async () => {
    const { url: base } = (await (await fetch('/__vc/ws-clinic')).json()) as { url: string };
    url = `${base}/clinic/${crypto.randomUUID()}`; // a clinic of its own
  });

  it('runs the flow: a request reaches the provider, Accept, and the requester sees the session', async () => {
    await requestAcceptSession((token) => new WebSocketTransport({ url, ...fixedToken(token) }));
  });

  it('a refused token (close 4401) is refreshed once and the calls repeated', async () => {
    let token = 'expired-token';
    let refreshes = 0;
    const clinic = clinicOf(new WebSocketTransport({ url, getToken: () => token, refreshToken: async () => ((refreshes += 1), (token = TOKENS.okafor)) }));
    await clinic.start();
    await waitUntil(() => clinic.$connection.get() === 'connected', `still ${clinic.$connection.get()}`, { timeout: 10_000 });
    expect(clinic.$me.get()?.user.name).to.equal('Dr. Amara Okafor');
    expect(refreshes).to.equal(1);
  });

  it('with no fresh token, the user is signed out', async () => {
    const clinic = clinicOf(new WebSocketTransport({ url, getToken: () => 'expired-token', refreshToken: async () => null }));
    const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}></vc-clinic>`);
    const signedOut = recordEvents(root, 'vc-signed-out');
    await clinic.start().catch(() => {});
    await waitUntil(() => signedOut.length === 1, 'no vc-signed-out', { timeout: 10_000 });
    expect(signedOut[0]!.detail.reason).to.equal('unauthorized');
  });
});
