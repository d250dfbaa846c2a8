import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced, announcerOf, text } from '../support/harness.js';
import type { VcSessionList } from '../../src/elements/session-list/session-list.js';


describe('<vc-session-list>', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    backend.faults.clear();
    closeAll();
  });

  const mountAs = (token: string) => mountInClinic<VcSessionList>(backend, token, html`<vc-session-list></vc-session-list>`);
  const item = (el: Element, sessionId: string) => shadow(el).querySelector<HTMLElement>(`[part="item"][data-session-id="${sessionId}"]`);
  const part = (el: Element, sessionId: string, name: string) => item(el, sessionId)?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
  const sessionOnServer = (id: string) => backend.state().sessions.find((s) => s.id === id)!;

  /** The requester's clinic asks Dr. Okafor for Urgent Care; Dr. Okafor's clinic accepts. */
  async function acceptedSession(options: { enter?: boolean } = {}): Promise<{ desk: Clinic; okafor: Clinic; sessionId: string }> {
    const desk = await open(backend, TOKENS.frontDesk);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const okafor = await open(backend, TOKENS.okafor);
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id, options);
    if (!accepted.ok) throw accepted.error;
    return { desk, okafor, sessionId: accepted.changes.sessions[0]!.id };
  }

  it('says when there are no sessions yet', async () => {
    const { el } = await mountAs(TOKENS.frontDesk);
    await settled(el);
    expect(text(shadow(el).querySelector('[part="empty"]'))).to.equal('No sessions yet.');
    expect(shadow(el).querySelector('[part="list"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the requester their new session with the provider, the service, the time and Enter Waiting Room', async () => {
    const { sessionId } = await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => item(el, sessionId));
    expect(text(part(el, sessionId, 'title'))).to.equal('Session with Dr. Amara Okafor');
    expect(text(part(el, sessionId, 'service'))).to.equal('Urgent Care');
    expect(text(part(el, sessionId, 'created'))).to.match(/^Created at \d/);
    expect(part(el, sessionId, 'created')!.getAttribute('datetime')).to.equal(sessionOnServer(sessionId).createdAt);
    expect(text(part(el, sessionId, 'participant'))).to.equal('Dr. Amara Okafor');
    expect(text(part(el, sessionId, 'participant-status'))).to.equal('Not Arrived');
    expect(text(part(el, sessionId, 'enter-button'))).to.equal('Enter Waiting Room');
    expect(part(el, sessionId, 'leave-button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('lists the newest session first', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    const first = await desk.requestSession('prov-okafor', 'svc-urgent');
    const second = await desk.requestSession('prov-lindqvist', 'svc-urgent');
    if (!first.ok || !second.ok) throw new Error('request failed');
    const okafor = await open(backend, TOKENS.okafor);
    const lindqvist = await open(backend, TOKENS.lindqvist);
    await okafor.acceptRequest(first.changes.requests[0]!.id);
    await lindqvist.acceptRequest(second.changes.requests[0]!.id);
    const { el } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => shadow(el).querySelectorAll('[part="item"]').length === 2);
    const titles = [...shadow(el).querySelectorAll('[part="title"]')].map(text);
    expect(titles[0]).to.not.equal('Session with Dr. Amara Okafor');
    expect(titles[1]).to.equal('Session with Dr. Amara Okafor');
  });

  it('Enter Waiting Room puts the requester in the waiting room, and the provider sees In Waiting Room live', async () => {
    const { sessionId } = await acceptedSession();
    const requester = await mountAs(TOKENS.frontDesk);
    const provider = await mountAs(TOKENS.okafor);
    await waitUntil(() => item(requester.el, sessionId) && item(provider.el, sessionId));
    expect(text(part(provider.el, sessionId, 'participant'))).to.equal('Riverside Front Desk');
    expect(text(part(provider.el, sessionId, 'participant-status'))).to.equal('Not Arrived');
    const intents = recordEvents(requester.root, 'vc-session-enter');
    const entered = recordEvents(requester.root, 'vc-session-entered');

    part(requester.el, sessionId, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(requester.el);

    expect(sessionOnServer(sessionId).requester.status).to.equal('in-waiting-room');
    expect(intents.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(entered.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(text(part(requester.el, sessionId, 'self-status'))).to.equal('In Waiting Room');
    expect(part(requester.el, sessionId, 'enter-button')).to.equal(null);
    expect(text(part(requester.el, sessionId, 'leave-button'))).to.equal('Leave Session');
    await expect(requester.el).to.be.accessible();

    await waitUntil(() => text(part(provider.el, sessionId, 'participant-status')) === 'In Waiting Room');
    const announcer = announcerOf(provider.el);
    await waitUntil(() => text(announcer) === 'Riverside Front Desk is in the waiting room.');
    expect(text(part(provider.el, sessionId, 'enter-button'))).to.equal('Enter Meeting');
    await expect(provider.el).to.be.accessible();
  });

  it('Enter Meeting puts the provider in the meeting, and the requester sees it live', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const provider = await mountAs(TOKENS.okafor);
    const requester = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => text(part(provider.el, sessionId, 'participant-status')) === 'In Waiting Room' && item(requester.el, sessionId));
    const entered = recordEvents(provider.root, 'vc-session-entered');

    part(provider.el, sessionId, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(provider.el);

    expect(sessionOnServer(sessionId).provider.status).to.equal('in-meeting');
    expect(entered[0]!.detail).to.deep.equal({ sessionId, role: 'provider' });
    expect(part(provider.el, sessionId, 'enter-button')).to.equal(null);
    expect(text(part(provider.el, sessionId, 'participant-status'))).to.equal('In Meeting');
    expect(text(part(provider.el, sessionId, 'self-status'))).to.equal('In Meeting');
    await expect(provider.el).to.be.accessible();

    await waitUntil(() => text(part(requester.el, sessionId, 'participant-status')) === 'In Meeting');
    const announcer = announcerOf(requester.el);
    await waitUntil(() => text(announcer) === 'Dr. Amara Okafor has started the meeting.');
    await expect(requester.el).to.be.accessible();
  });

  it('Leave Session ends the session on the server and removes it from both lists', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const requester = await mountAs(TOKENS.frontDesk);
    const provider = await mountAs(TOKENS.okafor);
    await waitUntil(() => part(requester.el, sessionId, 'leave-button') && item(provider.el, sessionId));
    const left = recordEvents(requester.root, 'vc-session-left');

    part(requester.el, sessionId, 'leave-button')!.click();
    await waitUntil(() => left.length === 1);
    await settled(requester.el);

    expect(sessionOnServer(sessionId).status).to.equal('ended');
    expect(left[0]!.detail).to.deep.equal({ sessionId, role: 'requester' });
    expect(item(requester.el, sessionId)).to.equal(null);
    expect(text(shadow(requester.el).querySelector('[part="empty"]'))).to.equal('No sessions yet.');
    // The user left by their own hand: nothing to announce to them.
    expect(text(announcerOf(requester.el))).to.equal('');
    await waitUntil(() => item(provider.el, sessionId) === null);
    await waitUntil(() => text(announcerOf(provider.el)) === 'The session with Riverside Front Desk has ended.');
    await expect(provider.el).to.be.accessible();
  });

  it('shows a loading label while entering', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => item(el, sessionId));
    const entered = recordEvents(root, 'vc-session-entered');
    backend.faults.delayMs = 200;
    part(el, sessionId, 'enter-button')!.click();
    await (el as VcSessionList).updateComplete;
    // The server applies the entry before its (delayed) answer, so the live event may end the busy state early: look at once.
    expect(part(el, sessionId, 'enter-button')?.getAttribute('aria-busy')).to.equal('true');
    expect(text(part(el, sessionId, 'enter-button'))).to.equal('Entering…');
    await waitUntil(() => entered.length === 1);
    await expect(el).to.be.accessible();
  });

  it('a host can veto entering', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => item(el, sessionId));
    root.addEventListener('vc-session-enter', (event) => event.preventDefault());
    const entered = recordEvents(root, 'vc-session-entered');
    part(el, sessionId, 'enter-button')!.click();
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionOnServer(sessionId).requester.status).to.equal('not-arrived');
    expect(entered).to.have.length(0);
    expect(text(part(el, sessionId, 'enter-button'))).to.equal('Enter Waiting Room');
  });

  it('shows the message next to the session when entering fails, and the button again', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => item(el, sessionId));
    const errors = recordEvents(root, 'vc-error');
    backend.faults.failNext(500, 3);
    part(el, sessionId, 'enter-button')!.click();
    await waitUntil(() => errors.length === 1, 'vc-error', { timeout: 8000 });
    await settled(el);
    expect(errors[0]!.detail).to.deep.equal({ action: 'enter-session', targetId: sessionId, code: 'server-error' });
    const error = part(el, sessionId, 'error')!;
    // Said at once through the clinic's assertive region, not a region beside the control (issue 20).
    await waitUntil(() => announced(el, 'assertive') === 'The clinic service had a problem. Please try again.', 'the failure was not said');
    expect(text(error)).to.equal('The clinic service had a problem. Please try again.');
    expect(text(part(el, sessionId, 'enter-button'))).to.equal('Enter Waiting Room');
    expect(sessionOnServer(sessionId).requester.status).to.equal('not-arrived');
    await expect(el).to.be.accessible();

    // A second try that works clears the message.
    part(el, sessionId, 'enter-button')!.click();
    await waitUntil(() => sessionOnServer(sessionId).requester.status === 'in-waiting-room');
    await settled(el);
    expect(part(el, sessionId, 'error')!.hidden).to.equal(true);
  });

  it('works from the keyboard, and keeps focus in the list as buttons come and go', async () => {
    const { sessionId } = await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => item(el, sessionId));
    part(el, sessionId, 'enter-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sessionOnServer(sessionId).requester.status === 'in-waiting-room');
    await waitUntil(() => shadow(el).activeElement === part(el, sessionId, 'title'));

    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(part(el, sessionId, 'leave-button'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => sessionOnServer(sessionId).status === 'ended');
    await waitUntil(() => shadow(el).activeElement === shadow(el).querySelector('[part="heading"]'));
  });
});
