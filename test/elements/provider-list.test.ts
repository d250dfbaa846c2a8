import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced, announcerOf, text } from '../support/harness.js';
import type { VcProviderList } from '../../src/elements/provider-list/provider-list.js';

describe('<vc-provider-list>', () => {
  let backend: Backend;
  /** Shifts the server's clock, so that a request can be made "two minutes ago". */
  let serverShiftMs = 0;
  beforeEach(() => {
    serverShiftMs = 0;
    backend = createBackend({ now: () => Date.now() + serverShiftMs });
  });
  afterEach(closeAll);

  const mount = (token: string = TOKENS.frontDesk, content = html`<vc-provider-list></vc-provider-list>`) =>
    mountInClinic<VcProviderList>(backend, token, content);

  const item = (el: Element, providerId: string) => shadow(el).querySelector<HTMLLIElement>(`li[data-provider-id="${providerId}"]`)!;
  const part = <T extends HTMLElement = HTMLElement>(el: Element, providerId: string, name: string) =>
    item(el, providerId).querySelector<T>(`[part~="${name}"]`);
  const requestButton = (el: Element, providerId: string) => part<HTMLButtonElement>(el, providerId, 'request-button');
  const cancelButton = (el: Element, providerId: string) => part<HTMLButtonElement>(el, providerId, 'cancel-button');
  const serviceSelect = (el: Element, providerId: string) => part<HTMLSelectElement>(el, providerId, 'service-select');
  const liveRegion = (el: Element) => announcerOf(el)!;
  const requestsOnServer = () => backend.state().requests;
  const choose = async (el: Element, providerId: string, serviceId: string) => {
    const select = serviceSelect(el, providerId)!;
    select.value = serviceId;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
  };

  it('lists every provider under a heading, with name, specialty and availability as words and a dot', async () => {
    const { el } = await mount();
    await settled(el);
    const heading = shadow(el).querySelector('[part="heading"]')!;
    expect(text(heading)).to.equal('Providers');
    const list = shadow(el).querySelector('ul[part="list"]')!;
    expect(list.getAttribute('aria-labelledby')).to.equal(heading.id);
    const names = [...shadow(el).querySelectorAll('[part="name"]')].map(text);
    expect(names).to.deep.equal(['Dr. Amara Okafor', 'Dr. Erik Lindqvist', 'Dr. Sofia Reyes']);
    expect(text(part(el, 'prov-okafor', 'specialty'))).to.equal('Family Medicine');
    expect(text(part(el, 'prov-okafor', 'availability'))).to.equal('Available');
    expect(text(part(el, 'prov-reyes', 'availability'))).to.equal('Unavailable');
    expect(part(el, 'prov-reyes', 'availability')!.querySelector('.dot')).to.exist;
    expect(text(requestButton(el, 'prov-okafor'))).to.equal('Request Session Now');
    expect(liveRegion(el).textContent?.trim()).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('takes its heading from the heading attribute', async () => {
    const { el } = await mount(TOKENS.frontDesk, html`<vc-provider-list heading="Our clinicians"></vc-provider-list>`);
    await settled(el);
    expect(text(shadow(el).querySelector('[part="heading"]'))).to.equal('Our clinicians');
  });

  it('shows a change of availability live', async () => {
    const { el } = await mount();
    const okafor = await open(backend, TOKENS.okafor);
    await okafor.setAvailability(false);
    await waitUntil(() => text(part(el, 'prov-okafor', 'availability')) === 'Unavailable');
    await okafor.setAvailability(true);
    await waitUntil(() => text(part(el, 'prov-okafor', 'availability')) === 'Available');
  });

  it('with several services, asks for a service: labelled "Service", empty at first', async () => {
    const { el } = await mount();
    await settled(el);
    const select = serviceSelect(el, 'prov-okafor')!;
    expect(select.labels?.[0] && text(select.labels[0])).to.equal('Service');
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal(['Choose a service', 'Urgent Care', 'Behavioral Health']);
    expect(select.value).to.equal('');
    expect(select.required).to.equal(true);
  });

  it('refuses to request without a service: says so next to the provider and moves focus to the choice', async () => {
    const { el, root } = await mount();
    const errors = recordEvents(root, 'vc-error');
    await settled(el);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => errors.length === 1);
    await settled(el);
    expect(text(part(el, 'prov-okafor', 'error'))).to.equal('Choose a service before requesting a session.');
    await waitUntil(() => announced(el, 'assertive') === 'Choose a service before requesting a session.', 'the failure was not said');
    expect(part(el, 'prov-lindqvist', 'error')!.hidden).to.equal(true);
    expect(shadow(el).activeElement).to.equal(serviceSelect(el, 'prov-okafor'));
    expect(serviceSelect(el, 'prov-okafor')!.getAttribute('aria-invalid')).to.equal('true');
    expect(errors[0]!.detail).to.deep.equal({ action: 'request-session', targetId: 'prov-okafor', code: 'service-required' });
    expect(requestsOnServer()).to.have.length(0);
    await expect(el).to.be.accessible();

    await choose(el, 'prov-okafor', 'svc-urgent');
    expect(part(el, 'prov-okafor', 'error')!.hidden).to.equal(true);
  });

  it('Request Session Now sends the request with the chosen service, then shows it pending with Cancel Request', async () => {
    const { el, root } = await mount();
    const intents = recordEvents(root, 'vc-request-session');
    const sent = recordEvents(root, 'vc-request-sent');
    await settled(el);
    await choose(el, 'prov-okafor', 'svc-behavioral');
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => sent.length === 1);
    await settled(el);

    const onServer = requestsOnServer();
    expect(onServer).to.have.length(1);
    expect(onServer[0]).to.include({ providerId: 'prov-okafor', serviceId: 'svc-behavioral', status: 'pending', requesterId: 'req-frontdesk' });
    expect(intents.map((e) => e.detail)).to.deep.equal([{ providerId: 'prov-okafor', serviceId: 'svc-behavioral' }]);
    expect(sent.map((e) => e.detail)).to.deep.equal([
      { requestId: onServer[0]!.id, providerId: 'prov-okafor', serviceId: 'svc-behavioral', status: 'pending' },
    ]);

    const pending = part(el, 'prov-okafor', 'pending')!;
    expect(text(pending)).to.match(/^Request pending Waiting for \d+ seconds? You are next in line.$/);
    expect(requestButton(el, 'prov-okafor')).to.equal(null);
    expect(text(cancelButton(el, 'prov-okafor'))).to.equal('Cancel Request');
    expect(shadow(el).activeElement).to.equal(cancelButton(el, 'prov-okafor'));
    await waitUntil(() => liveRegion(el).textContent?.trim() === 'Request sent to Dr. Amara Okafor.');
    // The other providers can still be asked.
    expect(text(requestButton(el, 'prov-lindqvist'))).to.equal('Request Session Now');
    await expect(el).to.be.accessible();
  });

  it('shows "Requesting…" while the request is under way', async () => {
    const { el } = await mount(TOKENS.kiosk);
    await settled(el);
    backend.faults.delayMs = 200;
    requestButton(el, 'prov-okafor')!.click();
    await settled(el);
    const button = requestButton(el, 'prov-okafor')!;
    expect(text(button)).to.equal('Requesting…');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(() => cancelButton(el, 'prov-okafor') !== null);
    backend.faults.delayMs = 0;
    expect(requestsOnServer()).to.have.length(1);
  });

  it('shows how long a pending request has waited, and counts on', async () => {
    const { el } = await mount(TOKENS.kiosk);
    await settled(el);
    // The request is made "125 s ago" on the server's clock; the client learned that clock at the
    // snapshot (issue 16.7), so shifting it now makes the request old rather than the clock wrong.
    serverShiftMs = -125_000;
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => part(el, 'prov-okafor', 'pending') !== null);
    expect(text(part(el, 'prov-okafor', 'pending'))).to.equal('Request pending Waiting for 2 minutes You are next in line.');
  });

  it('with exactly one service, shows no choice and sends that service', async () => {
    const { el, root } = await mount(TOKENS.nurseCart);
    const sent = recordEvents(root, 'vc-request-sent');
    await settled(el);
    expect(serviceSelect(el, 'prov-okafor')).to.equal(null);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => sent.length === 1);
    expect(requestsOnServer()[0]).to.include({ providerId: 'prov-okafor', serviceId: 'svc-general', status: 'pending' });
    expect(sent[0]!.detail.serviceId).to.equal('svc-general');
  });

  it('with no service, shows no choice and sends none', async () => {
    const { el } = await mount(TOKENS.kiosk);
    await settled(el);
    expect(serviceSelect(el, 'prov-lindqvist')).to.equal(null);
    requestButton(el, 'prov-lindqvist')!.click();
    await waitUntil(() => requestsOnServer().length === 1);
    expect(requestsOnServer()[0]).to.include({ providerId: 'prov-lindqvist', serviceId: null, status: 'pending' });
  });

  it('lets the requester ask an unavailable provider: the server declines at once (R5)', async () => {
    const { el, root } = await mount(TOKENS.nurseCart);
    const sent = recordEvents(root, 'vc-request-sent');
    await settled(el);
    requestButton(el, 'prov-reyes')!.click();
    await waitUntil(() => sent.length === 1);
    await settled(el);
    expect(sent[0]!.detail).to.include({ providerId: 'prov-reyes', status: 'declined' });
    expect(requestsOnServer()[0]).to.include({ status: 'declined', declineReason: 'unavailable' });
    expect(part(el, 'prov-reyes', 'pending')).to.equal(null);
    expect(text(requestButton(el, 'prov-reyes'))).to.equal('Request Session Now');
  });

  it('Cancel Request withdraws the request and offers Request Session Now again', async () => {
    const { el, root } = await mount(TOKENS.kiosk);
    await settled(el);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => cancelButton(el, 'prov-okafor') !== null);
    const requestId = requestsOnServer()[0]!.id;
    const intents = recordEvents(root, 'vc-request-cancel');
    const cancelled = recordEvents(root, 'vc-request-cancelled');
    cancelButton(el, 'prov-okafor')!.click();
    await waitUntil(() => cancelled.length === 1);
    await settled(el);
    expect(requestsOnServer()[0]!.status).to.equal('cancelled');
    expect(intents.map((e) => e.detail)).to.deep.equal([{ requestId }]);
    expect(cancelled.map((e) => e.detail)).to.deep.equal([{ requestId }]);
    expect(part(el, 'prov-okafor', 'pending')).to.equal(null);
    expect(shadow(el).activeElement).to.equal(requestButton(el, 'prov-okafor'));
    await waitUntil(() => liveRegion(el).textContent?.trim() === 'Request to Dr. Amara Okafor cancelled.');
    await expect(el).to.be.accessible();
  });

  it('shows "Cancelling…" while the cancel is under way', async () => {
    const { el } = await mount(TOKENS.kiosk);
    await settled(el);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => cancelButton(el, 'prov-okafor') !== null);
    backend.faults.delayMs = 200;
    cancelButton(el, 'prov-okafor')!.click();
    await settled(el);
    expect(text(cancelButton(el, 'prov-okafor'))).to.equal('Cancelling…');
    expect(cancelButton(el, 'prov-okafor')!.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => requestButton(el, 'prov-okafor') !== null);
    backend.faults.delayMs = 0;
  });

  it('shows a request made on another device of the same requester as pending', async () => {
    const { el } = await mount();
    const otherTab = await open(backend, TOKENS.frontDesk);
    await otherTab.requestSession('prov-lindqvist', 'svc-urgent');
    await waitUntil(() => cancelButton(el, 'prov-lindqvist') !== null);
    expect(text(part(el, 'prov-lindqvist', 'pending'))).to.contain('Request pending');
  });

  it('works from the keyboard: choose a service, then Enter on Request Session Now', async () => {
    const { el } = await mount();
    await settled(el);
    serviceSelect(el, 'prov-okafor')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    expect(serviceSelect(el, 'prov-okafor')!.value).to.equal('svc-urgent');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(requestButton(el, 'prov-okafor'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => requestsOnServer().length === 1);
    expect(requestsOnServer()[0]).to.include({ providerId: 'prov-okafor', serviceId: 'svc-urgent' });
    await waitUntil(() => shadow(el).activeElement === cancelButton(el, 'prov-okafor'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => requestsOnServer()[0]!.status === 'cancelled');
  });

  it('a host can veto a request or a cancel', async () => {
    const { el, root } = await mount(TOKENS.kiosk);
    await settled(el);
    const veto = (event: Event) => event.preventDefault();
    root.addEventListener('vc-request-session', veto);
    requestButton(el, 'prov-okafor')!.click();
    await settled(el);
    expect(requestsOnServer()).to.have.length(0);
    root.removeEventListener('vc-request-session', veto);

    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => cancelButton(el, 'prov-okafor') !== null);
    root.addEventListener('vc-request-cancel', veto);
    cancelButton(el, 'prov-okafor')!.click();
    await settled(el);
    expect(requestsOnServer()[0]!.status).to.equal('pending');
    expect(cancelButton(el, 'prov-okafor')).to.exist;
  });

  it('a refused request shows the message next to the provider and keeps the chosen service', async () => {
    const { el, root } = await mount();
    const errors = recordEvents(root, 'vc-error');
    await settled(el);
    await choose(el, 'prov-okafor', 'svc-behavioral');
    backend.faults.failNext(403, 1);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => errors.length === 1);
    await settled(el);
    expect(text(part(el, 'prov-okafor', 'error'))).to.equal('You are not allowed to do that.');
    expect(errors[0]!.detail).to.deep.equal({ action: 'request-session', targetId: 'prov-okafor', code: 'forbidden' });
    expect(serviceSelect(el, 'prov-okafor')!.value).to.equal('svc-behavioral');
    expect(text(requestButton(el, 'prov-okafor'))).to.equal('Request Session Now');
    await expect(el).to.be.accessible();
  });

  it('a refused cancel shows the message and keeps the request pending', async () => {
    const { el, root } = await mount(TOKENS.kiosk);
    await settled(el);
    requestButton(el, 'prov-okafor')!.click();
    await waitUntil(() => cancelButton(el, 'prov-okafor') !== null);
    const errors = recordEvents(root, 'vc-error');
    backend.faults.failNext(403, 1);
    cancelButton(el, 'prov-okafor')!.click();
    await waitUntil(() => errors.length === 1);
    await settled(el);
    expect(errors[0]!.detail).to.deep.equal({ action: 'cancel-request', targetId: requestsOnServer()[0]!.id, code: 'forbidden' });
    expect(text(part(el, 'prov-okafor', 'error'))).to.equal('You are not allowed to do that.');
    expect(text(cancelButton(el, 'prov-okafor'))).to.equal('Cancel Request');
    expect(requestsOnServer()[0]!.status).to.equal('pending');
    await expect(el).to.be.accessible();
  });
});
