/**
 * Issues 16 and 17: the live layer against a backend that misbehaves on purpose (a scripted
 * backend over the mock clinic, time on a ManualClock). Each case failed before its fix.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import type { ConnectionState } from '../../src/core/connection.js';
import { isClinicError } from '../../src/core/errors/clinic-error.js';
import { converged } from '../support/convergence.js';
import { TOKENS } from '../support/fixtures.js';
import { flush, ManualClock } from '../support/manual-clock.js';
import { editStream, errorAnswer, ScriptedBackend } from '../support/scripted-backend.js';

describe('a misbehaving backend', () => {
  let clock: ManualClock;
  let backend: ScriptedBackend;
  let clinics: Clinic[];
  let cleanups: Array<() => void>;

  function client(token: string, live: Record<string, unknown> = {}, transport: Record<string, unknown> = {}): Clinic {
    const clinic = backend.connect(token, { transport, clinic: { clock, live: { random: () => 0.5, ...live }, commands: { retryBackoff: { baseMs: 1, capMs: 1 } } } });
    clinics.push(clinic);
    return clinic;
  }
  function states(clinic: Clinic): ConnectionState[] {
    const seen: ConnectionState[] = [];
    cleanups.push(clinic.$connection.listen((state) => seen.push(state)));
    return seen;
  }
  /** Advances time in steps, so that answers and streams run between timers. */
  async function elapse(ms: number, step = 500): Promise<void> {
    for (let t = 0; t < ms; t += step) await clock.advance(Math.min(step, ms - t));
  }

  beforeEach(() => {
    clock = new ManualClock();
    backend = new ScriptedBackend(clock);
    clinics = [];
    cleanups = [];
  });
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    for (const clinic of clinics) clinic.destroy();
    backend.close();
  });

  describe('17.1 convergence', () => {
    it('a gap that a lagging snapshot did not close is retried until it closes, and the state says so meanwhile', async () => {
      const okafor = client(TOKENS.okafor);
      const desk = backend.connect(TOKENS.frontDesk, { clinic: { clock } });
      clinics.push(desk);
      // The provider's stream loses the next change; the snapshots come from a replica that lags.
      let loseNextChange = false;
      backend.on('GET events', async (request, passOn) =>
        editStream(await passOn(), (text) => {
          const okaforsStream = request.headers.get('Authorization') === `Bearer ${TOKENS.okafor}`;
          if (okaforsStream && loseNextChange && text.includes('event: change')) {
            loseNextChange = false;
            return null;
          }
          return text;
        }),
      );
      await Promise.all([okafor.start(), desk.start()]);
      const stale = await (await backend.mock.handle(new Request('http://clinic.test/api/snapshot', { headers: { Authorization: `Bearer ${TOKENS.okafor}` } }))).text();
      let lagging = 3;
      backend.on('GET snapshot', (request, passOn) => {
        if (request.headers.get('Authorization') === `Bearer ${TOKENS.okafor}` && lagging-- > 0) return new Response(stale, { headers: { 'Content-Type': 'application/json' } });
        return passOn();
      });
      const seen = states(okafor);

      loseNextChange = true;
      await desk.requestSession('prov-okafor', 'svc-urgent'); // lost on the way to the provider
      await desk.cancelRequest(desk.$outgoingRequests.get()[0]!.id); // arrives, beyond the gap
      await waitUntil(() => okafor.$connection.get() === 'catching-up', 'the state never said it was behind');
      await elapse(20_000);
      await converged(backend.mock, okafor, TOKENS.okafor);
      expect(okafor.$connection.get()).to.equal('connected');
      expect(seen).to.include('catching-up');
      expect(lagging).to.be.below(0, 'every stale snapshot was used up by retries');
    });
  });

  describe('16.1 a gateway that holds the stream', () => {
    it('the snapshot does not wait for the stream: data shows while the stream is held', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      backend.on('GET events', async (_request, passOn) => {
        await held;
        return passOn();
      });
      const desk = client(TOKENS.frontDesk);
      void desk.start();
      await waitUntil(() => desk.$providers.get().length > 0, 'the providers waited for the stream');
      expect(desk.$connection.get()).to.equal('connecting', 'not live before the stream is');
      release();
      await waitUntil(() => desk.$connection.get() === 'connected');
    });
  });

  describe('16.2 a proxy that buffers the stream', () => {
    it('a stream that opens but delivers nothing counts as blocked push: it polls, and says updates may be delayed', async () => {
      backend.on('GET events', async (request, passOn) => editStream(await passOn(), () => null));
      const okafor = client(TOKENS.okafor, { pollIntervalMs: 10_000 });
      const desk = backend.connect(TOKENS.frontDesk, { clinic: { clock } });
      clinics.push(desk);
      await Promise.all([okafor.start(), desk.start()]);
      await elapse(13_000);
      expect(okafor.$connection.get()).to.equal('polling');
      await desk.requestSession('prov-okafor', 'svc-urgent');
      await elapse(10_000);
      await converged(backend.mock, okafor, TOKENS.okafor);
      expect(okafor.$incomingRequests.get()).to.have.length(1);
      // The proxy lets events through again: push is back.
      backend.on('GET events', null);
      await elapse(90_000, 2_000);
      await waitUntil(() => okafor.$connection.get() === 'connected', 'never went back to push');
    });
  });

  describe('17.3 bounded work', () => {
    it('a stream that never sends a newline is cut at the size limit, and the client reconnects', async () => {
      let produced = 0;
      let cancelled = false;
      backend.on('GET events', () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            produced += 64 * 1024;
            controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
          },
          cancel() {
            cancelled = true;
          },
        });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      });
      const desk = client(TOKENS.frontDesk);
      void desk.start();
      await waitUntil(() => cancelled, 'the endless line was read on and on');
      expect(produced).to.be.at.most(512 * 1024, 'read no further than the limit and a chunk or two');
      await waitUntil(() => desk.$connection.get() === 'reconnecting');
    });

    it('an event larger than the limit is refused, never applied', async () => {
      backend.on('GET events', (request) => backend.openScriptedStream(request));
      const desk = client(TOKENS.frontDesk);
      await desk.start();
      const before = desk.$providers.get().map((p) => p.name);
      const provider = { ...desk.$providers.get()[0]!, name: 'x'.repeat(300_000), version: 99 };
      backend.streams[0]!.write(`id: 1\nevent: change\ndata: ${JSON.stringify({ seq: 1, type: 'provider', provider })}\n\n`);
      await waitUntil(() => desk.$connection.get() === 'reconnecting');
      expect(desk.$providers.get().map((p) => p.name)).to.deep.equal(before);
    });

    it('a stream that closes just after each good snapshot: the backoff grows, and the host hears once that it is unstable', async () => {
      // One good chunk and a good snapshot, then the proxy cuts the stream.
      let snapshotAnswered = () => {};
      backend.on('GET snapshot', async (_request, passOn) => {
        const response = await passOn();
        setTimeout(() => snapshotAnswered(), 0);
        return response;
      });
      backend.on('GET events', async (_request, passOn) => {
        const response = await passOn();
        const reader = response.body!.getReader();
        const snapshotDone = new Promise<void>((resolve) => (snapshotAnswered = resolve));
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue((await reader.read()).value!);
              return;
            }
            await snapshotDone;
            void reader.cancel();
            controller.close();
          },
        });
        return new Response(body, { headers: response.headers });
      });
      const desk = client(TOKENS.frontDesk);
      const seen = states(desk);
      void desk.start();
      await elapse(60_000);
      // Before: the backoff reset at every good snapshot — a stream every 250 ms, 240 a minute.
      expect(backend.count('GET events')).to.be.at.most(12);
      expect(seen.filter((state) => state === 'unstable')).to.have.length(1);
      expect(seen.length).to.be.at.most(8, `told the host ${seen.length} times: ${seen.join(', ')}`);
    });

    it('heartbeats that always claim more than the snapshot cost a few snapshots a minute, not one each', async () => {
      backend.on('GET events', (request) => backend.openScriptedStream(request));
      const desk = client(TOKENS.frontDesk);
      void desk.start();
      await waitUntil(() => backend.streams.length === 1 && desk.$providers.get().length > 0);
      const before = backend.count('GET snapshot');
      for (let i = 0; i < 120; i++) {
        backend.streams[0]!.heartbeat(1_000_000 + i); // two a second, for a minute
        await clock.advance(500);
      }
      const taken = backend.count('GET snapshot') - before;
      expect(taken).to.be.at.least(2, 'it did try to catch up');
      expect(taken).to.be.at.most(12);
      expect(desk.$connection.get()).to.equal('catching-up');
    });

    it('Retry-After on /events and /snapshot is honoured', async () => {
      let refuse = true;
      backend.on('GET events', (request, passOn) => (refuse ? errorAnswer(503, 'server-error', { 'Retry-After': '120' }) : passOn()));
      const desk = client(TOKENS.frontDesk, { pollAfterFailures: 100 });
      void desk.start();
      await waitUntil(() => backend.count('GET events') === 1);
      await elapse(110_000, 5_000);
      expect(backend.count('GET events')).to.equal(1, 'asked again before the 120 s the server asked for');
      refuse = false;
      await elapse(20_000, 5_000);
      await waitUntil(() => desk.$connection.get() === 'connected');

      backend.on('GET snapshot', () => errorAnswer(429, 'rate-limited', { 'Retry-After': '60' }));
      const snapshots = backend.count('GET snapshot');
      void desk.resync();
      await flush();
      await elapse(50_000, 5_000);
      expect(backend.count('GET snapshot')).to.equal(snapshots + 1, 'asked for a snapshot again before the 60 s');
      backend.on('GET snapshot', null);
      await elapse(40_000, 5_000);
      await waitUntil(() => desk.$connection.get() === 'connected');
    });
  });

  describe('17.7 authentication by status', () => {
    it('a 401 with any body refreshes once, then signs out', async () => {
      let refreshes = 0;
      const desk = client(TOKENS.frontDesk, {}, { refreshToken: async () => (refreshes++, 'another-token') });
      await desk.start();
      backend.on('POST requests', () => errorAnswer(401, 'server-error'));
      const result = await desk.requestSession('prov-okafor', 'svc-urgent');
      expect(result.ok ? null : result.error.code).to.equal('unauthorized');
      expect(refreshes).to.equal(1);
      await waitUntil(() => desk.$connection.get() === 'signed-out');
    });

    it('a 500 whose body says unauthorized does not sign out', async () => {
      const desk = client(TOKENS.frontDesk);
      await desk.start();
      const signedOut: unknown[] = [];
      desk.on('signed-out', (event) => signedOut.push(event));
      backend.on('POST requests', () => errorAnswer(500, 'unauthorized'));
      const answer = desk.requestSession('prov-okafor', 'svc-urgent');
      await elapse(100, 1); // the retries' waits
      const result = await answer;
      expect(result.ok ? null : result.error.code).to.equal('server-error');
      expect(signedOut).to.have.length(0);
      expect(desk.$connection.get()).to.equal('connected');
    });

    it('a getToken that throws gives a typed error with a code, and none of the host\'s internals', async () => {
      const hostError = new Error('secret host detail');
      const desk = client(TOKENS.frontDesk, {}, {
        getToken: () => {
          throw hostError;
        },
      });
      const problems: unknown[] = [];
      desk.on('connection-problem', ({ error }) => problems.push(error));
      void desk.start();
      await waitUntil(() => problems.length === 1, 'the host was not told');
      const error = problems[0];
      expect(isClinicError(error) && error.code).to.equal('token-unavailable');
      expect((error as Error).cause).to.equal(undefined);
      expect(JSON.stringify(error) + String((error as Error).stack)).not.to.contain('secret host detail');
      await elapse(60_000, 5_000);
      expect(problems).to.have.length(1, 'told once, not at every retry');
      const result = await desk.requestSession('prov-okafor', 'svc-urgent');
      expect(result.ok ? null : result.error.code).to.equal('token-unavailable');
    });
  });

  describe('16.10 a wrong base URL', () => {
    for (const [kind, answer] of [
      ['404 on the contract\'s own endpoints', () => new Response('<h1>Not Found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } })],
      ['an HTML page instead of JSON', () => new Response('<!doctype html><title>App</title>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
    ] as const) {
      it(`${kind} is a configuration error: shown as such, told once, written once to the console`, async () => {
        backend.on('GET snapshot', answer).on('GET events', answer);
        const logged: unknown[][] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => logged.push(args);
        try {
          const desk = client(TOKENS.frontDesk, {}, { baseUrl: `http://clinic.test/wrong-${kind.length}` });
          const problems: string[] = [];
          desk.on('connection-problem', ({ error }) => problems.push(error.code));
          await desk.start();
          expect(desk.$connection.get()).to.equal('misconfigured');
          await elapse(120_000, 5_000);
          expect(desk.$connection.get()).to.equal('misconfigured');
          expect(problems).to.deep.equal(['misconfigured']);
          expect(logged.filter((args) => String(args[0]).includes('[virtual-clinic]'))).to.have.length(1);
        } finally {
          console.error = original;
        }
      });
    }

    it('a CORS refusal is a configuration error, not a network drop', async () => {
      const refusingFetch: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        // The browser refuses to hand over a cross-origin answer without CORS headers; a no-cors
        // request reaches the server and comes back opaque.
        if (request.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      };
      const original = console.error;
      const logged: unknown[][] = [];
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        const desk = client(TOKENS.frontDesk, {}, { fetch: refusingFetch, baseUrl: 'http://cors.clinic.test/api' });
        await desk.start();
        expect(desk.$connection.get()).to.equal('misconfigured');
        expect(logged.some((args) => String(args[0]).includes('CORS'))).to.equal(true);
      } finally {
        console.error = original;
      }
    });

    it('a network drop stays a network drop', async () => {
      const droppingFetch: typeof fetch = async () => {
        throw new TypeError('Failed to fetch');
      };
      const desk = client(TOKENS.frontDesk, {}, { fetch: droppingFetch, baseUrl: 'http://down.clinic.test/api' });
      void desk.start();
      await waitUntil(() => desk.$connection.get() === 'reconnecting');
      await elapse(5_000);
      expect(desk.$connection.get()).not.to.equal('misconfigured');
    });
  });
});
