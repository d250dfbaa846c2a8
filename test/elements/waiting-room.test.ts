import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<vc-waiting-room>', () => {
  let backend: Backend;
  const realNow = Date.now;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    Date.now = realNow;
    backend.faults.clear();
    closeAll();
  });

  const mountAs = (token: string, content: TemplateResult = html`<vc-waiting-room></vc-waiting-room>`) =>
    mountInClinic<VcWaitingRoom>(backend, token, content);
  const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part="${name}"]`);
  const sessionOnServer = (id: string) => backend.state().sessions.find((s) => s.id === id)!;

  /** The requester's clinic asks Dr. Okafor for Urgent Care; Dr. Okafor's clinic accepts. */
  async function acceptedSession(): Promise<{ desk: Clinic; okafor: Clinic; sessionId: string }> {
    const desk = await open(backend, TOKENS.frontDesk);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const okafor = await open(backend, TOKENS.okafor);
    const accepted = await okafor.acceptRequest(requested.changes.requests[0]!.id);
    if (!accepted.ok) throw accepted.error;
    return { desk, okafor, sessionId: accepted.changes.sessions[0]!.id };
  }

  it('says that no session is open when the user has entered none', async () => {
    await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await settled(el);
    expect(text(part(el, 'status'))).to.equal('No session is open.');
    expect(part(el, 'enter-button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the requester enters from here with session-id and is told that the provider knows', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    expect(text(part(el, 'title'))).to.equal('Session with Dr. Amara Okafor');
    expect(text(part(el, 'participant-status'))).to.equal('Not Arrived');
    expect(text(part(el, 'enter-button'))).to.equal('Enter Waiting Room');
    await expect(el).to.be.accessible();
    const intents = recordEvents(root, 'vc-session-enter');
    const entered = recordEvents(root, 'vc-session-entered');

    part(el, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(el);

    expect(sessionOnServer(sessionId).requester.status).to.equal('in-waiting-room');
    expect(intents.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(entered.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(text(part(el, 'status'))).to.equal('You are in the waiting room. Dr. Amara Okafor will start the meeting.');
    expect(text(part(el, 'told'))).to.equal('Your provider has been told that you are here.');
    expect(text(part(el, 'waited'))).to.match(/^Waiting for \d+ seconds?$/);
    expect(part(el, 'enter-button')).to.equal(null);
    expect(text(part(el, 'leave-button'))).to.equal('Leave Session');
    expect(shadow(el).querySelector('slot[name="device-check"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('without session-id, shows the session the requester entered elsewhere, live', async () => {
    const { desk, sessionId } = await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await settled(el);
    expect(text(part(el, 'status'))).to.equal('No session is open.');
    await desk.enterSession(sessionId);
    await waitUntil(() => text(part(el, 'status')) === 'You are in the waiting room. Dr. Amara Okafor will start the meeting.');
  });

  it('tells the requester how long they have waited', async () => {
    let now = realNow();
    Date.now = () => now;
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => part(el, 'waited'));
    expect(text(part(el, 'waited'))).to.equal('Waiting for 0 seconds');
    now += 2 * 60_000 + 5_000;
    await waitUntil(() => text(part(el, 'waited')) === 'Waiting for 2 minutes', 'the waited time', { timeout: 3000 });
  });

  it('the provider sees the requester arrive, enters the meeting, and both sides switch to the meeting once', async () => {
    const { sessionId } = await acceptedSession();
    const provider = await mountAs(
      TOKENS.okafor,
      html`<vc-waiting-room session-id=${sessionId}><div slot="meeting" id="host-meeting">Video</div></vc-waiting-room>`,
    );
    const requester = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    const providerReady = recordEvents(provider.root, 'vc-meeting-ready');
    const requesterReady = recordEvents(requester.root, 'vc-meeting-ready');
    await waitUntil(() => part(provider.el, 'participant-status') && part(requester.el, 'enter-button'));
    expect(text(part(provider.el, 'title'))).to.equal('Session with Riverside Front Desk');
    expect(text(part(provider.el, 'participant'))).to.equal('Riverside Front Desk');
    expect(text(part(provider.el, 'participant-status'))).to.equal('Not Arrived');
    expect(text(part(provider.el, 'enter-button'))).to.equal('Enter Meeting');
    await expect(provider.el).to.be.accessible();

    // The requester arrives: the provider sees it live and hears it once.
    part(requester.el, 'enter-button')!.click();
    await waitUntil(() => text(part(provider.el, 'participant-status')) === 'In Waiting Room');
    await waitUntil(() => text(part(provider.el, 'announcer')) === 'Riverside Front Desk is in the waiting room.');
    expect(text(part(provider.el, 'waited'))).to.match(/^Waiting for/);
    await expect(provider.el).to.be.accessible();

    // The provider starts the meeting.
    const entered = recordEvents(provider.root, 'vc-session-entered');
    part(provider.el, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(provider.el);
    expect(sessionOnServer(sessionId).provider.status).to.equal('in-meeting');
    expect(entered[0]!.detail).to.deep.equal({ sessionId, role: 'provider' });
    expect(text(part(provider.el, 'status'))).to.equal('In the meeting with Riverside Front Desk.');
    const slot = part(provider.el, 'meeting')!.querySelector('slot')!;
    expect(slot.assignedElements()).to.deep.equal([provider.el.querySelector('#host-meeting')]);
    await expect(provider.el).to.be.accessible();

    await waitUntil(() => text(part(requester.el, 'status')) === 'In the meeting with Dr. Amara Okafor.');
    await waitUntil(() => text(part(requester.el, 'announcer')) === 'Dr. Amara Okafor has started the meeting.');
    expect(part(requester.el, 'meeting')).to.not.equal(null);
    await expect(requester.el).to.be.accessible();

    await settled(provider.el);
    await settled(requester.el);
    expect(providerReady.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'provider' }]);
    expect(requesterReady.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
  });

  it('Leave Session ends the session for both', async () => {
    const { desk, okafor, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    await okafor.enterSession(sessionId);
    const requester = await mountAs(TOKENS.frontDesk);
    const provider = await mountAs(TOKENS.okafor);
    await waitUntil(() => part(requester.el, 'meeting') && part(provider.el, 'meeting'));
    const left = recordEvents(provider.root, 'vc-session-left');

    part(provider.el, 'leave-button')!.click();
    await waitUntil(() => left.length === 1);
    await settled(provider.el);

    expect(sessionOnServer(sessionId).status).to.equal('ended');
    expect(left[0]!.detail).to.deep.equal({ sessionId, role: 'provider' });
    expect(text(part(provider.el, 'status'))).to.equal('No session is open.');
    expect(text(part(provider.el, 'announcer'))).to.equal('');
    await expect(provider.el).to.be.accessible();
    await waitUntil(() => text(part(requester.el, 'status')) === 'No session is open.');
    await waitUntil(() => text(part(requester.el, 'announcer')) === 'The session with Dr. Amara Okafor has ended.');
    await expect(requester.el).to.be.accessible();
  });

  it('a host can veto entering', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    root.addEventListener('vc-session-enter', (event) => event.preventDefault());
    const entered = recordEvents(root, 'vc-session-entered');
    part(el, 'enter-button')!.click();
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionOnServer(sessionId).provider.status).to.equal('not-arrived');
    expect(entered).to.have.length(0);
    expect(text(part(el, 'enter-button'))).to.equal('Enter Meeting');
  });

  it('shows the message when leaving fails, and keeps the session', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el, root } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => part(el, 'leave-button'));
    const errors = recordEvents(root, 'vc-error');
    const left = recordEvents(root, 'vc-session-left');
    backend.faults.failNext(500, 3);
    part(el, 'leave-button')!.click();
    await waitUntil(() => errors.length === 1, 'vc-error', { timeout: 8000 });
    await settled(el);
    expect(errors[0]!.detail).to.deep.equal({ action: 'leave-session', targetId: sessionId, code: 'server-error' });
    expect(left).to.have.length(0);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(part(el, 'error'))).to.equal('The clinic service had a problem. Please try again.');
    expect(text(part(el, 'leave-button'))).to.equal('Leave Session');
    expect(sessionOnServer(sessionId).status).to.equal('open');
    await expect(el).to.be.accessible();
  });

  it('works from the keyboard', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el } = await mountAs(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    part(el, 'enter-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sessionOnServer(sessionId).provider.status === 'in-meeting');
    await waitUntil(() => shadow(el).activeElement === part(el, 'title'));
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(part(el, 'leave-button'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => sessionOnServer(sessionId).status === 'ended');
    await waitUntil(() => shadow(el).activeElement === part(el, 'status'));
  });
});
