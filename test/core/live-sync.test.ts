/**
 * X1 and issue 5: push, then resync; duplicates, gaps and reordering; reconnect with backoff; the
 * heartbeat watchdog; polling when push is blocked; wake signals. Time is a ManualClock shared by
 * the client and the mock backend, so nothing waits on the wall clock.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import { converged } from '../support/convergence.js';
import { connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { ManualClock } from '../support/manual-clock.js';

describe('live sync', () => {
  let clock: ManualClock;
  let backend: Backend;
  let clinics: Clinic[];
  let sent: Request[];

  function client(token: string, live: Record<string, unknown> = {}): Clinic {
    const clinic = connect(backend, token, { sent, clinic: { clock, live: { random: () => 0.5, ...live }, commands: { retryBackoff: { baseMs: 1, capMs: 1 } } } });
    clinics.push(clinic);
    return clinic;
  }
  const streamsOpened = () => sent.filter((r) => r.url.endsWith('/events')).length;
  const snapshotsTaken = () => sent.filter((r) => r.url.endsWith('/snapshot')).length;

  beforeEach(() => {
    clock = new ManualClock();
    backend = createBackend({ now: clock.now, timers: clock.timers });
    clinics = [];
    sent = [];
  });
  afterEach(() => {
    for (const clinic of clinics) clinic.destroy();
    backend.close();
  });

  it('takes one snapshot on connect, then applies pushed events without polling', async () => {
    const okafor = client(TOKENS.okafor);
    const desk = client(TOKENS.frontDesk);
    await Promise.all([okafor.start(), desk.start()]);
    const before = snapshotsTaken();
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    expect(snapshotsTaken()).to.equal(before, 'the change arrived by push, not by a new snapshot');
    await converged(backend, okafor, TOKENS.okafor);
  });

  it('ignores duplicated events', async () => {
    const okafor = client(TOKENS.okafor);
    const desk = client(TOKENS.frontDesk);
    await Promise.all([okafor.start(), desk.start()]);
    backend.faults.duplicateEvents = true;
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await desk.requestSession('prov-lindqvist', 'svc-urgent');
    await converged(backend, okafor, TOKENS.okafor);
    await converged(backend, desk, TOKENS.frontDesk);
    expect(okafor.$incomingRequests.get()).to.have.length(1);
  });

  it('resyncs after reordered events and ends equal to the server', async () => {
    const okafor = client(TOKENS.okafor);
    const desk = client(TOKENS.frontDesk);
    await Promise.all([okafor.start(), desk.start()]);
    backend.faults.reorderEvents = true;
    const before = snapshotsTaken();
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await desk.cancelRequest(desk.$outgoingRequests.get()[0]!.id);
    await desk.requestSession('prov-okafor', 'svc-behavioral');
    await clock.advance(10_000); // a held-back event goes out with the next heartbeat
    await converged(backend, okafor, TOKENS.okafor);
    expect(snapshotsTaken()).to.be.greaterThan(before, 'a gap in the sequence made it resync');
    expect(okafor.$incomingRequests.get().map((r) => r.serviceName)).to.deep.equal(['Behavioral Health']);
  });

  it('after the stream drops, reconnects with backoff, resumes from Last-Event-ID and catches up', async () => {
    const okafor = client(TOKENS.okafor);
    const desk = client(TOKENS.frontDesk);
    await Promise.all([okafor.start(), desk.start()]);
    backend.faults.dropStreams();
    await waitUntil(() => okafor.$connection.get() === 'reconnecting');
    // Changes made while the provider was disconnected.
    await desk.requestSession('prov-okafor', 'svc-urgent');
    expect(okafor.$incomingRequests.get()).to.have.length(0);
    await clock.advance(250); // full jitter with random 0.5: the first retry waits 250 ms
    await waitUntil(() => okafor.$connection.get() === 'connected');
    await converged(backend, okafor, TOKENS.okafor);
    const resumed = sent.filter((r) => r.url.endsWith('/events') && r.headers.get('Authorization') === `Bearer ${TOKENS.okafor}`).at(-1);
    expect(resumed?.headers.get('Last-Event-ID')).to.match(/^\d+$/);
  });

  it('backs off exponentially with jitter while the server stays away, and resets after success', async () => {
    const okafor = client(TOKENS.okafor, { random: () => 0.999, pollAfterFailures: 100 });
    await okafor.start();
    backend.faults.blockStream = true;
    backend.faults.dropStreams();
    await waitUntil(() => okafor.$connection.get() === 'reconnecting');
    const opened: number[] = [];
    const base = streamsOpened();
    for (let ms = 0; ms < 20_000; ms += 100) {
      await clock.advance(100);
      if (streamsOpened() > base + opened.length) opened.push(ms + 100);
    }
    // Ceilings 500, 1000, 2000, 4000, 8000 … (×0.999): attempts at about 0.5 s, 1.5 s, 3.5 s, 7.5 s, 15.5 s.
    expect(opened.slice(0, 5)).to.deep.equal([500, 1500, 3500, 7500, 15500]);
    backend.faults.blockStream = false;
    await clock.advance(40_000);
    await waitUntil(() => okafor.$connection.get() === 'connected');
  });

  it('notices a silent dead connection through the missing heartbeat and reconnects', async () => {
    backend = createBackend({ now: clock.now, timers: clock.timers, heartbeatMs: 3_600_000 });
    const okafor = client(TOKENS.okafor, { heartbeatTimeoutMs: 25_000 });
    await okafor.start();
    const before = streamsOpened();
    await clock.advance(24_000);
    expect(streamsOpened()).to.equal(before, 'still trusted before the timeout');
    await clock.advance(1_500);
    await waitUntil(() => streamsOpened() > before, 'the silent stream was never replaced');
    await waitUntil(() => okafor.$connection.get() === 'connected');
  });

  it('keeps a live stream open as long as heartbeats arrive', async () => {
    const okafor = client(TOKENS.okafor, { heartbeatTimeoutMs: 25_000 });
    await okafor.start();
    const before = streamsOpened();
    await clock.advance(120_000);
    expect(streamsOpened()).to.equal(before);
    expect(okafor.$connection.get()).to.equal('connected');
  });

  it('falls back to polling where push is blocked, and the state still converges', async () => {
    backend.faults.blockStream = true;
    const okafor = client(TOKENS.okafor, { pollIntervalMs: 10_000, pollAfterFailures: 3 });
    const desk = client(TOKENS.frontDesk, { pollIntervalMs: 10_000, pollAfterFailures: 3 });
    void okafor.start();
    void desk.start();
    await clock.advance(5_000);
    await waitUntil(() => okafor.$connection.get() === 'polling', 'never fell back to polling');
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await clock.advance(10_000);
    await converged(backend, okafor, TOKENS.okafor);
    expect(okafor.$incomingRequests.get()).to.have.length(1);
    backend.faults.blockStream = false;
    await clock.advance(60_000);
    await waitUntil(() => okafor.$connection.get() === 'connected', 'never went back to push');
  });

  it('reconnects at once when the browser comes back online, without waiting out the backoff', async () => {
    const okafor = connect(backend, TOKENS.okafor, { sent, clinic: { clock, watchWakeSignals: true, live: { backoff: { baseMs: 600_000, capMs: 600_000 }, random: () => 0.9 } } });
    clinics.push(okafor);
    await okafor.start();
    backend.faults.dropStreams();
    await waitUntil(() => okafor.$connection.get() === 'reconnecting');
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => okafor.$connection.get() === 'connected', 'online did not reconnect');
  });

  it('takes a fresh snapshot when the machine wakes from sleep', async () => {
    const okafor = connect(backend, TOKENS.okafor, { sent, clinic: { clock, watchWakeSignals: true, live: { heartbeatTimeoutMs: 10 ** 9 } } });
    clinics.push(okafor);
    await okafor.start();
    const before = snapshotsTaken();
    await clock.advance(5_000); // a normal tick
    expect(snapshotsTaken()).to.equal(before);
    clock.sleep(60_000); // suspended: the next tick comes a minute late
    await clock.advance(0);
    await waitUntil(() => snapshotsTaken() > before, 'waking did not resync');
  });
});
