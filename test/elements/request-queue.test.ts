import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import type { VcRequestQueue } from '../../src/elements/request-queue/request-queue.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced, announcerOf, text } from '../support/harness.js';


describe('<vc-request-queue>', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  const mount = (token: string = TOKENS.okafor) => mountInClinic<VcRequestQueue>(backend, token, html`<vc-request-queue></vc-request-queue>`);
  const items = (el: Element) => [...shadow(el).querySelectorAll<HTMLLIElement>('li[part~="item"]')];
  const titleOf = (item: Element) => `${text(item.querySelector('[part="requester"]'))} ${text(item.querySelector('[part="service"]'))}`.trim();
  const button = (scope: Element | ShadowRoot, part: string) => scope.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;
  const liveRegion = (el: Element) => announcerOf(el)!;
  const errorsShown = (el: Element) => [...shadow(el).querySelectorAll('[part="error"]')].map(text).filter(Boolean);
  const focused = (el: Element) => shadow(el).activeElement as HTMLElement | null;

  /** A requester's clinic sends a real request to a provider; resolves to its id. */
  async function requestFrom(token: string, providerId = 'prov-okafor', serviceId?: string): Promise<{ clinic: Clinic; requestId: string }> {
    const clinic = await open(backend, token);
    const result = await clinic.requestSession(providerId, serviceId);
    if (!result.ok) throw new Error(`request failed: ${result.error.code}`);
    return { clinic, requestId: result.changes.requests[0]!.id };
  }

  async function openDeclineForm(el: Element, item: Element): Promise<HTMLFormElement> {
    button(item, 'decline-button').click();
    await settled(el);
    return item.querySelector<HTMLFormElement>('[part="decline-form"]')!;
  }

  describe('states', () => {
    it('shows a loading state until the clinic has loaded, with the live region already present', async () => {
      const clinic = connect(backend, TOKENS.okafor);
      const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}><vc-request-queue></vc-request-queue></vc-clinic>`);
      const el = root.firstElementChild as VcRequestQueue;
      await el.updateComplete;
      try {
        expect(text(shadow(el).querySelector('[part="loading"]'))).to.equal('Loading…');
        expect(liveRegion(el).getAttribute('aria-live')).to.equal('polite');
        expect(text(liveRegion(el))).to.equal('');
        await expect(el).to.be.accessible();
        await clinic.start();
        await settled(el);
        expect(shadow(el).querySelector('[part="loading"]')).to.equal(null);
      } finally {
        clinic.destroy();
      }
    });

    it('says that no one is waiting when the queue is empty', async () => {
      const { el } = await mount();
      await settled(el);
      expect(text(shadow(el).querySelector('[part="heading"]'))).to.equal('Session requests');
      expect(text(shadow(el).querySelector('[part="empty"]'))).to.equal('No one is waiting.');
      expect(items(el)).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('lists the requests newest first, with the service in parentheses and how long each has waited (R7)', async () => {
      let serverNow = Date.now() - 3 * 60_000;
      backend = createBackend({ now: () => serverNow });
      await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      serverNow += 60_000;
      await requestFrom(TOKENS.nurseCart);
      serverNow = Date.now();
      const { el } = await mount();
      await settled(el);
      const list = shadow(el).querySelector('ul[part="list"]')!;
      expect(list.getAttribute('aria-labelledby')).to.equal('heading');
      const [first, second] = items(el);
      expect(items(el)).to.have.length(2);
      expect(titleOf(first!)).to.equal('Lakeside Nurse Cart 3 (General Consult)');
      expect(titleOf(second!)).to.equal('Riverside Front Desk (Urgent Care)');
      expect(text(first!.querySelector('[part="waited"]'))).to.equal('Waiting for 2 minutes');
      expect(text(second!.querySelector('[part="waited"]'))).to.equal('Waiting for 3 minutes');
      expect(text(first!.querySelector('[part="requested-at"]'))).to.match(/^Requested at /);
      expect(text(button(first!, 'accept-button'))).to.equal('Accept');
      expect(text(button(first!, 'accept-enter-button'))).to.equal('Accept and Enter');
      expect(text(button(first!, 'decline-button'))).to.equal('Decline');
      await expect(el).to.be.accessible();
    });

    it('does not announce or highlight the requests already waiting when it first renders', async () => {
      await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el } = await mount();
      await settled(el);
      expect(items(el)).to.have.length(1);
      expect(items(el)[0]!.getAttribute('part')).to.equal('item');
      expect(text(liveRegion(el))).to.equal('');
    });
  });

  describe('Accept (R8)', () => {
    it('15.5: the Accept is sent before the queue re-renders the click (the button shows busy only after the request left)', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      let el: VcRequestQueue | null = null;
      const busyWhenSent: Array<string | null | undefined> = [];
      const clinic = connect(backend, TOKENS.okafor, {
        transport: {
          fetch: async (input, init) => {
            const request = new Request(input, init);
            if (request.method === 'POST' && request.url.endsWith('/accept')) {
              const accept = el && shadow(el).querySelector(`#item-${CSS.escape(requestId)} [part~="accept-button"]`);
              busyWhenSent.push(accept?.getAttribute('aria-busy'));
            }
            return backend.handle(request);
          },
        },
      });
      try {
        const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}><vc-request-queue></vc-request-queue></vc-clinic>`);
        await clinic.start();
        el = root.firstElementChild as VcRequestQueue;
        await waitUntil(() => items(el!).length === 1, 'the request never showed');
        button(items(el)[0]!, 'accept-button').click();
        await waitUntil(() => items(el!).length === 0, 'the accepted request never left the queue');
        expect(busyWhenSent, 'the button as it was when the request was sent').to.deep.equal(['false']);
      } finally {
        clinic.destroy();
      }
    });

    it('Accept creates a session on the server and on the requester\'s dashboard', async () => {
      const { clinic: desk, requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const intents = recordEvents(root, 'vc-request-accept');
      const accepted = recordEvents(root, 'vc-request-accepted');
      await settled(el);
      button(items(el)[0]!, 'accept-button').click();
      await waitUntil(() => accepted.length === 1);
      const session = backend.state().sessions.find((s) => s.requestId === requestId)!;
      expect(session.provider.status).to.equal('not-arrived');
      expect(intents.map((e) => e.detail)).to.deep.equal([{ requestId, enter: false }]);
      expect(accepted[0]!.detail).to.deep.equal({ requestId, sessionId: session.id, enter: false });
      await waitUntil(() => desk.$sessions.get().some((s) => s.id === session.id));
      await settled(el);
      expect(items(el)).to.have.length(0);
      expect(text(shadow(el).querySelector('[part="empty"]'))).to.equal('No one is waiting.');
      await waitUntil(() => text(liveRegion(el)) === 'Accepted the request from Riverside Front Desk.', `said: "${text(liveRegion(el))}"`);
    });

    it('Accept and Enter puts the provider in the meeting at once', async () => {
      const { clinic: desk, requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const accepted = recordEvents(root, 'vc-request-accepted');
      await settled(el);
      button(items(el)[0]!, 'accept-enter-button').click();
      await waitUntil(() => accepted.length === 1);
      const session = backend.state().sessions.find((s) => s.requestId === requestId)!;
      expect(session.provider.status).to.equal('in-meeting');
      expect(accepted[0]!.detail).to.deep.equal({ requestId, sessionId: session.id, enter: true });
      await waitUntil(() => desk.$sessions.get().some((s) => s.id === session.id));
    });

    it('shows a loading state while accepting, and further clicks send nothing', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const intents = recordEvents(root, 'vc-request-accept');
      const accepted = recordEvents(root, 'vc-request-accepted');
      await settled(el);
      backend.faults.delayMs = 150;
      const item = items(el)[0]!;
      button(item, 'accept-button').click();
      button(item, 'accept-button').click();
      button(item, 'accept-enter-button').click();
      await settled(el);
      expect(text(button(item, 'accept-button'))).to.equal('Accepting…');
      expect(button(item, 'accept-button').getAttribute('aria-busy')).to.equal('true');
      expect(button(item, 'accept-enter-button').getAttribute('aria-disabled')).to.equal('true');
      expect(button(item, 'decline-button').getAttribute('aria-disabled')).to.equal('true');
      // Issue 19.5: the states are parts, so a host styles them from outside.
      expect(button(item, 'accept-button').getAttribute('part')).to.equal('accept-button busy disabled');
      expect(button(item, 'accept-enter-button').getAttribute('part')).to.equal('accept-enter-button disabled');
      expect(button(item, 'decline-button').getAttribute('part')).to.equal('decline-button disabled');
      const hostStyles = document.createElement('style');
      hostStyles.textContent = 'vc-request-queue::part(accept-button busy) { outline: 3px solid rgb(1, 2, 3); } vc-request-queue::part(decline-button disabled) { opacity: 0.25; }';
      document.head.append(hostStyles);
      try {
        expect(getComputedStyle(button(item, 'accept-button')).outlineColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(button(item, 'decline-button')).opacity).to.equal('0.25');
        expect(getComputedStyle(button(item, 'accept-enter-button')).outlineColor).not.to.equal('rgb(1, 2, 3)');
      } finally {
        hostStyles.remove();
      }
      await waitUntil(() => accepted.length === 1);
      backend.faults.delayMs = 0;
      expect(intents).to.have.length(1);
      expect(backend.state().sessions.filter((s) => s.requestId === requestId)).to.have.length(1);
    });

    it('a host can veto accepting', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      root.addEventListener('vc-request-accept', (event) => event.preventDefault());
      await settled(el);
      button(items(el)[0]!, 'accept-button').click();
      await settled(el);
      expect(backend.state().sessions).to.have.length(0);
      expect(backend.state().requests.find((r) => r.id === requestId)!.status).to.equal('pending');
      expect(items(el)).to.have.length(1);
    });

    it('works from the keyboard: Tab to Accept, then Enter or Space', async () => {
      await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      await requestFrom(TOKENS.nurseCart);
      const { el } = await mount();
      await settled(el);
      shadow(el).querySelector<HTMLElement>('[part="heading"]')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('accept-button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => backend.state().sessions.length === 1);
      await waitUntil(() => items(el).length === 1);
      await settled(el);
      // Focus does not fall out of the queue when the accepted request leaves it.
      expect(focused(el)?.getAttribute('part')).to.equal('list');
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.getAttribute('part')).to.equal('accept-button');
      await sendKeys({ press: 'Space' });
      await waitUntil(() => backend.state().sessions.length === 2);
    });

    it('a request the requester cancelled meanwhile shows why, then leaves the queue (X4)', async () => {
      const { clinic: desk, requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const errors = recordEvents(root, 'vc-error');
      await settled(el);
      // The provider's dashboard has not heard of the cancellation yet when they click.
      backend.faults.reorderEvents = true;
      expect((await desk.cancelRequest(requestId)).ok).to.equal(true);
      await settled(el);
      expect(items(el)).to.have.length(1);
      button(items(el)[0]!, 'accept-button').click();
      await waitUntil(() => errorsShown(el).includes('This request was cancelled by the requester.'));
      expect(errors.map((e) => e.detail)).to.deep.equal([{ action: 'accept-request', targetId: requestId, code: 'request-cancelled' }]);
      await waitUntil(() => items(el).length === 0);
      await settled(el);
      expect(errorsShown(el)).to.deep.equal(['This request was cancelled by the requester.']);
      await waitUntil(() => announced(el, 'assertive') === 'This request was cancelled by the requester.', 'the failure was not said');
      expect(backend.state().sessions).to.have.length(0);
      backend.faults.reorderEvents = false;
      await expect(el).to.be.accessible();
    });

    it('a failed accept shows the message on that request', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const errors = recordEvents(root, 'vc-error');
      await settled(el);
      backend.faults.failNext(403, 1);
      button(items(el)[0]!, 'accept-button').click();
      await waitUntil(() => errors.length === 1);
      await settled(el);
      const item = items(el)[0]!;
      expect(text(item.querySelector('[part="error"]'))).to.equal('You are not allowed to do that.');
      expect(text(button(item, 'accept-button'))).to.equal('Accept');
      expect(errors[0]!.detail).to.deep.equal({ action: 'accept-request', targetId: requestId, code: 'forbidden' });
      await expect(el).to.be.accessible();
    });
  });

  describe('Decline (R9)', () => {
    it('sends the note the provider typed to the requester', async () => {
      const { clinic: desk, requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const intents = recordEvents(root, 'vc-request-decline');
      const declined = recordEvents(root, 'vc-request-declined');
      await settled(el);
      const form = await openDeclineForm(el, items(el)[0]!);
      const note = form.querySelector<HTMLTextAreaElement>('textarea[part="note"]')!;
      expect(text(form.querySelector('[part="note-label"]'))).to.equal('Note to the requester (optional)');
      expect(note.maxLength).to.equal(500);
      expect(focused(el)).to.equal(note);
      expect(text(form.querySelector('[part="note-count"]'))).to.equal('0 of 500 characters');
      await expect(el).to.be.accessible();
      await sendKeys({ type: 'Please call the nurse line.' });
      await settled(el);
      expect(text(form.querySelector('[part="note-count"]'))).to.equal('27 of 500 characters');
      expect(text(button(form, 'send-decline-button'))).to.equal('Send Decline');
      button(form, 'send-decline-button').click();
      await waitUntil(() => declined.length === 1);
      expect(intents.map((e) => e.detail)).to.deep.equal([{ requestId }]);
      expect(declined[0]!.detail).to.deep.equal({ requestId, note: 'Please call the nurse line.' });
      await waitUntil(() => desk.$declineNotices.get().length === 1);
      expect(desk.$declineNotices.get()[0]!.declineNote).to.equal('Please call the nurse line.');
      await settled(el);
      expect(items(el)).to.have.length(0);
      expect(focused(el)?.getAttribute('part')).to.equal('heading');
    });

    it('keeps what the provider typed when the decline fails, and sends it on the retry', async () => {
      const { clinic: desk, requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      const errors = recordEvents(root, 'vc-error');
      const declined = recordEvents(root, 'vc-request-declined');
      await settled(el);
      const form = await openDeclineForm(el, items(el)[0]!);
      await sendKeys({ type: 'Back at two.' });
      backend.faults.failNext(403, 1);
      button(form, 'send-decline-button').click();
      await waitUntil(() => errors.length === 1);
      await settled(el);
      const item = items(el)[0]!;
      expect(errors[0]!.detail).to.deep.equal({ action: 'decline-request', targetId: requestId, code: 'forbidden' });
      expect(text(item.querySelector('[part="error"]'))).to.equal('You are not allowed to do that.');
      expect(item.querySelector<HTMLTextAreaElement>('[part="note"]')!.value).to.equal('Back at two.');
      await expect(el).to.be.accessible();
      button(item, 'send-decline-button').click();
      await waitUntil(() => declined.length === 1);
      await waitUntil(() => desk.$declineNotices.get()[0]?.declineNote === 'Back at two.');
    });

    it('without notes enabled, asks for confirmation only (provider Reyes)', async () => {
      const reyes = await open(backend, TOKENS.reyes);
      expect((await reyes.setAvailability(true)).ok).to.equal(true);
      const { clinic: cart, requestId } = await requestFrom(TOKENS.nurseCart, 'prov-reyes');
      const { el, root } = await mount(TOKENS.reyes);
      const declined = recordEvents(root, 'vc-request-declined');
      await settled(el);
      const form = await openDeclineForm(el, items(el)[0]!);
      expect(form.querySelector('textarea')).to.equal(null);
      expect(text(form.querySelector('[part="confirm"]'))).to.equal('Decline this request?');
      expect(text(button(form, 'send-decline-button'))).to.equal('Send Decline');
      expect(text(button(form, 'keep-button'))).to.equal('Keep Request');
      expect(focused(el)).to.equal(button(form, 'keep-button'));
      await expect(el).to.be.accessible();
      button(form, 'send-decline-button').click();
      await waitUntil(() => declined.length === 1);
      expect(declined[0]!.detail).to.deep.equal({ requestId, note: null });
      await waitUntil(() => cart.$declineNotices.get().length === 1);
      expect(cart.$declineNotices.get()[0]!.declineNote).to.equal(null);
    });

    it('Escape and Keep Request close the form, return focus to Decline and keep the draft', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el } = await mount();
      await settled(el);
      const decline = () => button(items(el)[0]!, 'decline-button');
      decline().focus();
      await sendKeys({ press: 'Enter' });
      await settled(el);
      expect(decline().getAttribute('aria-expanded')).to.equal('true');
      expect(focused(el)?.getAttribute('part')).to.equal('note');
      await sendKeys({ type: 'Draft' });
      await sendKeys({ press: 'Escape' });
      await settled(el);
      expect(shadow(el).querySelector('[part="decline-form"]')).to.equal(null);
      expect(focused(el)).to.equal(decline());
      await sendKeys({ press: 'Enter' });
      await settled(el);
      expect(shadow(el).querySelector<HTMLTextAreaElement>('[part="note"]')!.value).to.equal('Draft');
      button(shadow(el), 'keep-button').click();
      await settled(el);
      expect(shadow(el).querySelector('[part="decline-form"]')).to.equal(null);
      expect(focused(el)).to.equal(decline());
      expect(backend.state().requests.find((r) => r.id === requestId)!.status).to.equal('pending');
    });

    it('a host can veto declining; the form stays open', async () => {
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      const { el, root } = await mount();
      root.addEventListener('vc-request-decline', (event) => event.preventDefault());
      await settled(el);
      const form = await openDeclineForm(el, items(el)[0]!);
      button(form, 'send-decline-button').click();
      await settled(el);
      expect(backend.state().requests.find((r) => r.id === requestId)!.status).to.equal('pending');
      expect(shadow(el).querySelector('[part="decline-form"]')).to.not.equal(null);
    });
  });

  describe('alerts for new requests (X2, R6)', () => {
    it('announces a new request once, highlights it and tells the host', async () => {
      const { el, root } = await mount();
      const received = recordEvents(root, 'vc-request-received');
      await settled(el);
      expect(text(liveRegion(el))).to.equal('');
      const { requestId } = await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      await waitUntil(() => items(el).length === 1);
      await settled(el);
      await waitUntil(() => text(liveRegion(el)) === 'New session request from Riverside Front Desk (Urgent Care).', `said: "${text(liveRegion(el))}"`);
      expect(received.map((e) => e.detail)).to.deep.equal([{ requestId, serviceId: 'svc-urgent' }]);
      expect(received[0]!.cancelable).to.equal(false);
      const item = items(el)[0]!;
      expect(item.getAttribute('part')).to.equal('item new');
      expect(text(item.querySelector('[part="new-badge"]'))).to.equal('New');
      await expect(el).to.be.accessible();
      // Later renders (the waited time ticks every second) announce nothing more.
      el.requestUpdate();
      await settled(el);
      expect(liveRegion(el).querySelectorAll('span')).to.have.length(1);
      expect(received).to.have.length(1);
      // Interacting with the request ends the highlight.
      button(item, 'accept-button').focus();
      await settled(el);
      expect(items(el)[0]!.getAttribute('part')).to.equal('item');
    });

    it('the highlight ends by itself after a while', async () => {
      const { el } = await mountInClinic<VcRequestQueue>(backend, TOKENS.okafor, html`<vc-request-queue highlight-duration="50"></vc-request-queue>`);
      await settled(el);
      await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      await waitUntil(() => items(el)[0]?.getAttribute('part') === 'item new');
      await waitUntil(() => items(el)[0]?.getAttribute('part') === 'item');
    });

    it('an unavailable provider gets no alert', async () => {
      const { el, root, clinic } = await mount();
      const received = recordEvents(root, 'vc-request-received');
      expect((await clinic.setAvailability(false)).ok).to.equal(true);
      await settled(el);
      await requestFrom(TOKENS.frontDesk, 'prov-okafor', 'svc-urgent');
      await settled(el);
      expect(items(el)).to.have.length(0);
      expect(text(liveRegion(el))).to.equal('');
      expect(received).to.have.length(0);
    });
  });
});
