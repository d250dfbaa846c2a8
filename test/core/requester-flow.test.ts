/**
 * SPEC R1–R5 and X3 from the requester's side, through the real HTTP transport against the mock
 * backend: each test asserts what the stores hold (what the tags show) and the error's message.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';

describe('requester flow (R1–R5)', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  it('R1: lists every provider the requester may reach, with availability', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const providers = desk.$providers.get().map((p) => [p.name, p.specialty, p.available]);
    expect(providers).to.deep.equal([
      ['Dr. Amara Okafor', 'Family Medicine', true],
      ['Dr. Erik Lindqvist', 'Psychiatry', true],
      ['Dr. Sofia Reyes', 'Pediatrics', false],
    ]);
    expect(desk.$me.get()?.user.name).to.equal('Riverside Front Desk');
  });

  it('R2: with several services, refuses a request without one and sends nothing', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const result = await desk.requestSession('prov-okafor');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('service-required');
    expect(result.error.message).to.equal('Choose a service before requesting a session.');
    expect(backend.state().requests).to.have.length(0);
    expect(desk.$outgoingRequests.get()).to.deep.equal([]);
  });

  it('R2: with several services, the chosen one travels with the request', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const result = await desk.requestSession('prov-okafor', 'svc-behavioral');
    expect(result.ok).to.equal(true);
    const [pending] = desk.$outgoingRequests.get();
    expect(pending?.status).to.equal('pending');
    expect(pending?.serviceName).to.equal('Behavioral Health');
    expect(backend.state().requests.map((r) => r.serviceId)).to.deep.equal(['svc-behavioral']);
  });

  it('R2: with exactly one service, it is implied', async () => {
    const cart = await open(backend, TOKENS.nurseCart);
    await cart.requestSession('prov-okafor');
    expect(cart.$outgoingRequests.get()[0]?.serviceName).to.equal('General Consult');
  });

  it('R2: with no service on the account, the request has none', async () => {
    const kiosk = await open(backend, TOKENS.kiosk);
    const result = await kiosk.requestSession('prov-lindqvist');
    expect(result.ok).to.equal(true);
    const [pending] = kiosk.$outgoingRequests.get();
    expect(pending?.serviceId).to.equal(null);
    expect(pending?.serviceName).to.equal(null);
  });

  it('R2: a service the account does not offer is refused', async () => {
    const cart = await open(backend, TOKENS.nurseCart);
    const result = await cart.requestSession('prov-okafor', 'svc-urgent');
    expect(result.ok ? null : result.error.message).to.equal('That service is not offered on your account.');
  });

  it('R3: an accepted request becomes a session with Enter Waiting Room, and entering puts the requester in the waiting room', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1, 'the provider never saw the request');
    await okafor.acceptRequest(okafor.$incomingRequests.get()[0]!.id);
    await waitUntil(() => desk.$sessions.get().length === 1, 'the session never reached the requester');
    const session = desk.$sessions.get()[0]!;
    expect(session.requester.status).to.equal('not-arrived');
    expect(session.provider.name).to.equal('Dr. Amara Okafor');
    expect(desk.$outgoingRequests.get()).to.deep.equal([]);

    const entered = await desk.enterSession(session.id);
    expect(entered.ok).to.equal(true);
    expect(desk.$sessions.get()[0]!.requester.status).to.equal('in-waiting-room');
  });

  it('R4: a decline shows the provider\'s note until Dismiss, and then the requester may request again', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.declineRequest(okafor.$incomingRequests.get()[0]!.id, '  Please call the front desk instead.  ');
    await waitUntil(() => desk.$declineNotices.get().length === 1, 'the decline never reached the requester');
    const notice = desk.$declineNotices.get()[0]!;
    expect(notice.declineReason).to.equal('provider');
    expect(notice.declineNote).to.equal('Please call the front desk instead.');

    const again = await desk.requestSession('prov-okafor', 'svc-urgent');
    expect(again.ok).to.equal(true, 'a declined request does not block a new one');
    await desk.dismissNotice(notice.id);
    expect(desk.$declineNotices.get()).to.deep.equal([]);
  });

  it('R5: a request to an unavailable provider is declined at once and the provider is not alerted', async () => {
    const reyes = await open(backend, TOKENS.reyes);
    const desk = await open(backend, TOKENS.frontDesk);
    const result = await desk.requestSession('prov-reyes', 'svc-urgent');
    expect(result.ok).to.equal(true);
    const [notice] = desk.$declineNotices.get();
    expect(notice?.status).to.equal('declined');
    expect(notice?.declineReason).to.equal('unavailable');
    expect(desk.$outgoingRequests.get()).to.deep.equal([]);
    await reyes.resync();
    expect(reyes.$incomingRequests.get()).to.deep.equal([]);
    expect(Object.keys(reyes.$requestById.get())).to.deep.equal([]);
  });

  it('X3: cancelling a pending request removes it from both dashboards', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const okafor = await open(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    const result = await desk.cancelRequest(desk.$outgoingRequests.get()[0]!.id);
    expect(result.ok).to.equal(true);
    expect(desk.$outgoingRequests.get()).to.deep.equal([]);
    await waitUntil(() => okafor.$incomingRequests.get().length === 0, 'the cancelled request stayed on the provider\'s dashboard');
  });

  it('X3: a second request to the same provider while one is pending is refused', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    const second = await desk.requestSession('prov-okafor', 'svc-behavioral');
    expect(second.ok ? null : second.error.message).to.equal('You already have a pending request with this provider.');
    expect(backend.state().requests).to.have.length(1);
  });
});
