import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced, announcerOf, text } from '../support/harness.js';
import type { VcDeclineNotices } from '../../src/elements/decline-notices/decline-notices.js';

describe('<vc-decline-notices>', () => {
  let backend: Backend;
  /** Moves the server's clock forward, so that a request can expire without waiting. */
  let serverShiftMs = 0;
  beforeEach(() => {
    serverShiftMs = 0;
    backend = createBackend({ now: () => Date.now() + serverShiftMs });
  });
  afterEach(closeAll);

  const mount = (token: string = TOKENS.frontDesk) =>
    mountInClinic<VcDeclineNotices>(backend, token, html`<vc-decline-notices></vc-decline-notices>`);

  const notices = (el: Element) => [...shadow(el).querySelectorAll<HTMLLIElement>('[part="notice"]')];
  const noticeFor = (el: Element, requestId: string) => shadow(el).querySelector<HTMLLIElement>(`[part="notice"][data-request-id="${requestId}"]`);
  const dismissOf = (notice: Element) => notice.querySelector<HTMLButtonElement>('[part~="dismiss-button"]')!;
  const liveRegion = (el: Element) => announcerOf(el)!;
  const onServer = (requestId: string) => backend.state().requests.find((r) => r.id === requestId)!;

  /** The front desk asks Dr. Okafor; she declines for real from her own clinic. */
  async function declinedByOkafor(requester: Clinic, note: string | null, providerId = 'prov-okafor'): Promise<string> {
    const result = await requester.requestSession(providerId, 'svc-urgent');
    if (!result.ok) throw new Error(result.error.code);
    const requestId = result.changes.requests[0]!.id;
    const provider = await open(backend, providerId === 'prov-okafor' ? TOKENS.okafor : TOKENS.lindqvist);
    await waitUntil(() => provider.$incomingRequests.get().some((r) => r.id === requestId));
    const declined = await provider.declineRequest(requestId, note);
    if (!declined.ok) throw new Error(declined.error.code);
    return requestId;
  }

  it('shows nothing with no notices, but keeps an empty polite live region', async () => {
    const { el } = await mount();
    await settled(el);
    expect(notices(el)).to.have.length(0);
    expect(shadow(el).querySelector('ul')).to.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(0);
    const region = liveRegion(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(text(region)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('shows a decline by the provider with the service and the note, and announces it once', async () => {
    const { el, clinic } = await mount();
    await settled(el);
    const requestId = await declinedByOkafor(clinic, 'Please call the front desk.\nI am in surgery.');
    await waitUntil(() => notices(el).length === 1);
    await settled(el);
    const notice = noticeFor(el, requestId)!;
    expect(text(notice.querySelector('[part="message"]'))).to.equal('Dr. Amara Okafor declined your request. (Urgent Care)');
    expect(text(notice.querySelector('[part="note-label"]'))).to.equal('Note from the provider:');
    expect(notice.querySelector('[part="note"] .note-text')!.textContent).to.equal('Please call the front desk.\nI am in surgery.');
    expect(text(dismissOf(notice))).to.equal('Dismiss');
    expect(shadow(el).querySelector('ul')!.getAttribute('aria-label')).to.equal('Declined requests');
    await waitUntil(() => text(liveRegion(el)) === 'Dr. Amara Okafor declined your request. (Urgent Care) Note from the provider: Please call the front desk. I am in surgery.');
    await expect(el).to.be.accessible();
  });

  it('shows a provider\'s note with markup characters as typed, creating no element', async () => {
    const { el, clinic } = await mount();
    const note = '<img src=x onerror=alert(1)>';
    await declinedByOkafor(clinic, note);
    await waitUntil(() => notices(el).length === 1);
    await settled(el);
    const noteText = shadow(el).querySelector('[part="note"] .note-text')!;
    expect(noteText.textContent).to.equal(note);
    expect(noteText.children).to.have.length(0);
    expect(shadow(el).querySelector('img')).to.equal(null);
    await waitUntil(() => text(liveRegion(el)).includes(note), 'the note was not said');
    expect(liveRegion(el).querySelector('img')).to.equal(null);
  });

  it('shows no note part when the provider sent none', async () => {
    const { el, clinic } = await mount();
    await declinedByOkafor(clinic, null);
    await waitUntil(() => notices(el).length === 1);
    expect(shadow(el).querySelector('[part="note"]')).to.equal(null);
  });

  it('tells the requester at once that an unavailable provider declined (R5)', async () => {
    const { el, clinic } = await mount(TOKENS.nurseCart);
    await settled(el);
    const result = await clinic.requestSession('prov-reyes');
    expect(result.ok).to.equal(true);
    await waitUntil(() => notices(el).length === 1);
    expect(text(notices(el)[0]!.querySelector('[part="message"]'))).to.equal(
      'Dr. Sofia Reyes is unavailable for sessions, so your request was declined. (General Consult)',
    );
    await waitUntil(() => text(liveRegion(el)).startsWith('Dr. Sofia Reyes is unavailable'));
    await expect(el).to.be.accessible();
  });

  it('tells the requester that a request expired without an answer (X3)', async () => {
    const { el, clinic } = await mount(TOKENS.kiosk);
    await clinic.requestSession('prov-okafor');
    serverShiftMs = 121_000; // the kiosk account's requests wait 120 s
    await clinic.resync();
    await waitUntil(() => notices(el).length === 1);
    expect(text(notices(el)[0]!.querySelector('[part="message"]'))).to.equal('Your request to Dr. Amara Okafor expired without an answer.');
    expect(notices(el)[0]!.querySelector('[part="service"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('does not read out notices that were there before, nor read a notice again on re-render', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    await declinedByOkafor(desk, null);
    const { el, clinic } = await mount();
    await waitUntil(() => notices(el).length === 1);
    await settled(el);
    expect(text(liveRegion(el))).to.equal('');

    await declinedByOkafor(clinic, 'Busy', 'prov-lindqvist');
    await waitUntil(() => notices(el).length === 2);
    await waitUntil(() => text(liveRegion(el)) !== '');
    expect(text(liveRegion(el))).to.equal('Dr. Erik Lindqvist declined your request. (Urgent Care) Note from the provider: Busy');

    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(liveRegion(el), { childList: true, subtree: true, characterData: true });
    el.requestUpdate();
    await settled(el);
    const okafor = await open(backend, TOKENS.okafor);
    await okafor.setAvailability(false); // another change reaches the requester's stores
    await settled(el);
    observer.disconnect();
    expect(changes).to.have.length(0);
  });

  it('Dismiss clears the notice on the server and moves focus to the next notice, then to the element', async () => {
    const { el, root, clinic } = await mount();
    const first = await declinedByOkafor(clinic, null);
    const second = await declinedByOkafor(clinic, null, 'prov-lindqvist');
    await waitUntil(() => notices(el).length === 2);
    await settled(el);
    const dismissed = recordEvents(root, 'vc-notice-dismissed');

    dismissOf(noticeFor(el, second)!).focus();
    dismissOf(noticeFor(el, second)!).click();
    await waitUntil(() => dismissed.length === 1);
    await settled(el);
    expect(dismissed[0]!.detail).to.deep.equal({ requestId: second });
    expect(onServer(second).dismissed).to.equal(true);
    expect(noticeFor(el, second)).to.equal(null);
    expect(shadow(el).activeElement).to.equal(dismissOf(noticeFor(el, first)!));
    await expect(el).to.be.accessible();

    dismissOf(noticeFor(el, first)!).click();
    await waitUntil(() => dismissed.length === 2);
    await settled(el);
    expect(onServer(first).dismissed).to.equal(true);
    expect(notices(el)).to.have.length(0);
    // Alone on the page, with no heading beside it, the tag itself keeps focus: never <body>, and
    // never the zero-height wrapper that holds nothing but the hidden announcement (issue 20.2).
    expect(document.activeElement).to.equal(el);
    expect(shadow(el).activeElement).to.equal(null);
    await expect(el).to.be.accessible();

    // R4: then the requester may ask again.
    const again = await clinic.requestSession('prov-okafor', 'svc-urgent');
    expect(again.ok).to.equal(true);
  });

  it('Dismiss works from the keyboard', async () => {
    const { el, clinic } = await mount();
    const requestId = await declinedByOkafor(clinic, null);
    await waitUntil(() => notices(el).length === 1);
    await settled(el);
    dismissOf(noticeFor(el, requestId)!).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => onServer(requestId).dismissed);
    await waitUntil(() => notices(el).length === 0);
  });

  it('a refused dismissal brings the notice back with the message', async () => {
    const { el, root, clinic } = await mount();
    const requestId = await declinedByOkafor(clinic, 'Sorry');
    await waitUntil(() => notices(el).length === 1);
    await settled(el);
    const errors = recordEvents(root, 'vc-error');
    const dismissed = recordEvents(root, 'vc-notice-dismissed');
    backend.faults.failNext(403, 1);
    dismissOf(noticeFor(el, requestId)!).focus();
    dismissOf(noticeFor(el, requestId)!).click();
    await waitUntil(() => errors.length === 1);
    await settled(el);
    expect(errors[0]!.detail).to.deep.equal({ action: 'dismiss-request', targetId: requestId, code: 'forbidden' });
    expect(dismissed).to.have.length(0);
    const notice = noticeFor(el, requestId)!;
    const error = notice.querySelector('[part="error"]')!;
    expect(text(error)).to.equal('You are not allowed to do that.');
    // Said at once through the clinic's assertive region, not a region beside the control (issue 20).
    await waitUntil(() => announced(el, 'assertive') === text(error), 'the failure was not said');
    expect(shadow(el).activeElement).to.equal(dismissOf(notice));
    expect(onServer(requestId).dismissed).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
