/**
 * X5: meeting signals through the clinic core. `sendSignal` relays to the other participant, who
 * hears it on `on('signal')`: once, in order, also across a dropped connection, and never in a
 * store. Time is a ManualClock shared by the clients and the mock backend.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Clinic } from '../../src/core/clinic.js';
import type { Signal } from '../../src/core/model.js';
import { converged } from '../support/convergence.js';
import { connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { ManualClock } from '../support/manual-clock.js';

describe('meeting signals', () => {
  let clock: ManualClock;
  let backend: Backend;
  let clinics: Clinic[];
  let sent: Request[];

  function client(token: string): Clinic {
    const clinic = connect(backend, token, { sent, clinic: { clock, live: { random: () => 0.5 }, commands: { retryBackoff: { baseMs: 1, capMs: 1 } } } });
    clinics.push(clinic);
    return clinic;
  }
  const snapshotsTaken = () => sent.filter((r) => r.url.endsWith('/snapshot')).length;
  const heard = (clinic: Clinic) => {
    const signals: Signal[] = [];
    clinic.on('signal', (signal) => signals.push(signal));
    return signals;
  };

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

  async function openSession(): Promise<{ desk: Clinic; okafor: Clinic; sessionId: string }> {
    const desk = client(TOKENS.frontDesk);
    const okafor = client(TOKENS.okafor);
    await Promise.all([desk.start(), okafor.start()]);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id, { enter: true });
    if (!accepted.ok) throw accepted.error;
    const sessionId = accepted.changes.sessions[0]!.id;
    await waitUntil(() => desk.$sessionById.get()[sessionId]);
    return { desk, okafor, sessionId };
  }

  it('reach the other participant in order, by push, and stay out of every store', async () => {
    const { desk, okafor, sessionId } = await openSession();
    const atProvider = heard(okafor);
    const atRequester = heard(desk);
    const snapshots = snapshotsTaken();
    const sessionsBefore = okafor.$sessionById.get();

    const results = await Promise.all([
      desk.sendSignal(sessionId, 'offer', { sdp: 'v=0 offer' }),
      desk.sendSignal(sessionId, 'candidate', { candidate: 'c1' }),
    ]);
    expect(results.map((r) => r.ok)).to.deep.equal([true, true]);
    await waitUntil(() => atProvider.length === 2);
    expect(atProvider).to.deep.equal([
      { sessionId, fromUserId: 'req-frontdesk', type: 'offer', payload: { sdp: 'v=0 offer' } },
      { sessionId, fromUserId: 'req-frontdesk', type: 'candidate', payload: { candidate: 'c1' } },
    ]);
    expect(atRequester, 'the sender does not hear itself').to.deep.equal([]);
    expect(okafor.$sessionById.get()).to.equal(sessionsBefore, 'no store changed');
    expect(snapshotsTaken()).to.equal(snapshots, 'the signal seqs were applied without a resync');
    await converged(backend, okafor, TOKENS.okafor);

    // The stream position moved past the signals: the next change is applied as usual.
    await desk.enterSession(sessionId);
    await waitUntil(() => okafor.$sessionById.get()[sessionId]?.requester.status === 'in-waiting-room');
    expect(snapshotsTaken()).to.equal(snapshots);
  });

  it('a signal sent while the connection was down arrives once, from the replay', async () => {
    const { desk, okafor, sessionId } = await openSession();
    const atProvider = heard(okafor);
    backend.faults.dropStreams();
    await waitUntil(() => okafor.$connection.get() === 'reconnecting');
    await desk.sendSignal(sessionId, 'hello', { from: 'a', to: null });
    expect(atProvider).to.have.length(0);
    backend.faults.duplicateEvents = true;
    await clock.advance(250);
    await waitUntil(() => okafor.$connection.get() === 'connected');
    await waitUntil(() => atProvider.length > 0);
    await desk.sendSignal(sessionId, 'bye', null);
    await waitUntil(() => atProvider.length > 1);
    expect(atProvider.map((s) => s.type)).to.deep.equal(['hello', 'bye']);
  });

  it('only an open session of the user can be signalled; a refusal is returned, not recorded as a failure', async () => {
    const { desk, okafor, sessionId } = await openSession();
    const lindqvist = client(TOKENS.lindqvist);
    await lindqvist.start();
    const outsider = await lindqvist.sendSignal(sessionId, 'hello', null);
    expect(outsider.ok).to.equal(false);
    expect(!outsider.ok && outsider.error.code).to.equal('forbidden');

    await okafor.leaveSession(sessionId);
    const ended = await desk.sendSignal(sessionId, 'bye', null);
    expect(!ended.ok && ended.error.code).to.equal('session-ended');
    expect(desk.$lastFailure.get()).to.equal(null);
    expect(desk.$busy.get()).to.deep.equal({});
  });
});
