/**
 * X4: races with exactly one winner, shown the same on every screen; the loser gets a clear message.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { checkInvariants, converged } from '../support/convergence.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';

describe('races (X4)', () => {
  let backend: Backend;
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-11-25T09:00:00Z');
    backend = createBackend({ now: () => now });
  });
  afterEach(closeAll);

  async function pendingRequest() {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    return { desk, okafor, id: okafor.$incomingRequests.get()[0]!.id };
  }

  it('cancel vs accept: one wins, and both dashboards show that outcome', async () => {
    const { desk, okafor, id } = await pendingRequest();
    const [cancelled, accepted] = await Promise.all([desk.cancelRequest(id), okafor.acceptRequest(id)]);
    expect([cancelled.ok, accepted.ok].filter(Boolean)).to.have.length(1, 'exactly one wins');
    const status = backend.state().requests[0]!.status;
    if (accepted.ok) {
      expect(status).to.equal('accepted');
      expect(cancelled.ok ? null : cancelled.error.message).to.equal('This request has already been answered.');
    } else {
      expect(status).to.equal('cancelled');
      expect(accepted.error.message).to.equal('This request was cancelled by the requester.');
    }
    await converged(backend, desk, TOKENS.frontDesk);
    await converged(backend, okafor, TOKENS.okafor);
    checkInvariants(backend);
  });

  it('the provider accepts a request the requester has just cancelled: the provider is told why', async () => {
    const { desk, okafor, id } = await pendingRequest();
    await desk.cancelRequest(id);
    const accepted = await okafor.acceptRequest(id);
    expect(accepted.ok ? null : accepted.error.message).to.equal('This request was cancelled by the requester.');
    await converged(backend, okafor, TOKENS.okafor);
    expect(okafor.$sessions.get()).to.deep.equal([]);
  });

  it('accept from two tabs of the same provider: one session, and the other tab says it was answered', async () => {
    const { desk, okafor, id } = await pendingRequest();
    const secondTab = await open(backend, TOKENS.okafor);
    const results = await Promise.all([okafor.acceptRequest(id), secondTab.acceptRequest(id, { enter: true })]);
    expect(results.filter((r) => r.ok)).to.have.length(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok ? loser.error.message : null).to.equal('This request has already been answered.');
    expect(backend.state().sessions).to.have.length(1);
    for (const [clinic, token] of [[okafor, TOKENS.okafor], [secondTab, TOKENS.okafor], [desk, TOKENS.frontDesk]] as const) {
      await converged(backend, clinic, token);
      expect(clinic.$sessions.get()).to.have.length(1);
    }
    checkInvariants(backend);
  });

  it('expiry vs accept: an expired request cannot be accepted, and the requester sees it expired', async () => {
    const { desk, okafor, id } = await pendingRequest();
    now += 300_000 + 1; // the account's request timeout (300 s) has passed
    const accepted = await okafor.acceptRequest(id);
    expect(accepted.ok ? null : accepted.error.message).to.equal('This request expired before it was answered.');
    await converged(backend, desk, TOKENS.frontDesk);
    expect(desk.$declineNotices.get().map((r) => r.status)).to.deep.equal(['expired']);
    await converged(backend, okafor, TOKENS.okafor);
    expect(okafor.$incomingRequests.get()).to.deep.equal([]);
  });

  it('availability switched off while a request arrives: the request ends declined on every screen', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    const [requested, switched] = await Promise.all([desk.requestSession('prov-okafor', 'svc-urgent'), okafor.setAvailability(false)]);
    expect(requested.ok && switched.ok).to.equal(true);
    const [request] = backend.state().requests;
    expect([request?.status, request?.declineReason]).to.deep.equal(['declined', 'unavailable']);
    await converged(backend, desk, TOKENS.frontDesk);
    await converged(backend, okafor, TOKENS.okafor);
    expect(okafor.$incomingRequests.get()).to.deep.equal([]);
    expect(desk.$declineNotices.get()).to.have.length(1);
  });
});
