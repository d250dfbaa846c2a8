/** SPEC R6–R10 from the provider's side, through the real HTTP transport against the mock backend. */
import { expect, waitUntil } from '@open-wc/testing';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';

describe('provider flow (R6–R10)', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it('R6: going unavailable declines what is pending and the requester learns why', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);

    const result = await okafor.setAvailability(false);
    expect(result.ok).to.equal(true);
    expect(okafor.$myProvider.get()?.available).to.equal(false);
    expect(okafor.$incomingRequests.get()).to.deep.equal([]);
    await waitUntil(() => desk.$declineNotices.get().length === 1, 'the requester never learned of the decline');
    expect(desk.$declineNotices.get()[0]?.declineReason).to.equal('unavailable');
    await waitUntil(() => desk.$providers.get().find((p) => p.id === 'prov-okafor')?.available === false, 'the directory never showed the provider unavailable');
  });

  it('R6: an unavailable provider receives no request; available again, they do', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await okafor.setAvailability(false);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await okafor.resync();
    expect(okafor.$incomingRequests.get()).to.deep.equal([]);

    await okafor.setAvailability(true);
    await desk.dismissNotice(desk.$declineNotices.get()[0]!.id);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
  });

  it('R7: new requests come first, with the requester\'s name and the service', async () => {
    let clock = Date.parse('2026-11-25T09:00:00Z');
    backend = createBackend({ now: () => clock });
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    const cart = await open(backend, TOKENS.nurseCart);
    await desk.requestSession('prov-okafor', 'svc-behavioral');
    clock += 1000;
    await cart.requestSession('prov-okafor');
    await waitUntil(() => okafor.$incomingRequests.get().length === 2);
    expect(okafor.$incomingRequests.get().map((r) => [r.requesterName, r.serviceName])).to.deep.equal([
      ['Lakeside Nurse Cart 3', 'General Consult'],
      ['Riverside Front Desk', 'Behavioral Health'],
    ]);
  });

  it('R8: Accept creates the session on both dashboards; nobody has arrived yet', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    const result = await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id);
    expect(result.ok).to.equal(true);
    expect(okafor.$incomingRequests.get()).to.deep.equal([]);
    const [session] = okafor.$sessions.get();
    expect(session?.requester.name).to.equal('Riverside Front Desk');
    expect([session?.requester.status, session?.provider.status]).to.deep.equal(['not-arrived', 'not-arrived']);
    await waitUntil(() => desk.$sessions.get()[0]?.id === session?.id);
  });

  it('R8: Accept and Enter puts the provider in the meeting at once', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id, { enter: true });
    expect(okafor.$sessions.get()[0]?.provider.status).to.equal('in-meeting');
  });

  it('R9: a decline note is refused where the account has notes disabled', async () => {
    const reyes = await open(backend, TOKENS.reyes);
    await reyes.setAvailability(true);
    const cart = await open(backend, TOKENS.nurseCart);
    await cart.requestSession('prov-reyes');
    await waitUntil(() => reyes.$incomingRequests.get().length === 1);
    const id = reyes.$incomingRequests.get()[0]!.id;
    const withNote = await reyes.declineRequest(id, 'Not today');
    expect(withNote.ok ? null : withNote.error.message).to.equal('Notes are not enabled on this account.');
    expect(reyes.$incomingRequests.get()).to.have.length(1, 'a refused decline leaves the request pending');
    const plain = await reyes.declineRequest(id);
    expect(plain.ok).to.equal(true);
    await waitUntil(() => cart.$declineNotices.get()[0]?.declineNote === null && cart.$declineNotices.get()[0]?.declineReason === 'provider');
  });

  it('R9: a note longer than 500 characters is refused before it is sent', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    const result = await okafor.declineRequest(okafor.$incomingRequests.get()[0]!.id, 'x'.repeat(501));
    expect(result.ok ? null : result.error.code).to.equal('invalid-input');
    expect(backend.state().requests[0]?.status).to.equal('pending');
  });

  it('R10: after a plain Accept, the provider sees In Waiting Room when the requester arrives, then enters the meeting', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id);
    await waitUntil(() => desk.$sessions.get().length === 1);
    const sessionId = desk.$sessions.get()[0]!.id;
    await desk.enterSession(sessionId);
    await waitUntil(() => okafor.$sessions.get()[0]?.requester.status === 'in-waiting-room', 'the provider never saw the requester arrive');
    await okafor.enterSession(sessionId);
    expect(okafor.$sessions.get()[0]?.provider.status).to.equal('in-meeting');
    await waitUntil(() => desk.$sessions.get()[0]?.provider.status === 'in-meeting');
  });
});
