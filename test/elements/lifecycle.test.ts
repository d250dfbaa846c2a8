/**
 * Issue 6 §2–§4: after a decline, one click requests again or requests another available
 * provider; a requester can ask to be told when an unavailable provider becomes available (a
 * notice, never an automatic request); and a reload keeps the pending request and the queue,
 * from the server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { closeAll, createBackend, open, signIn, TOKENS, type Backend } from '../support/fixtures.js';
import { findButton } from '../support/deep-query.js';
import { announced } from '../support/harness.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';
import type { VcDeclineNotices } from '../../src/elements/decline-notices/decline-notices.js';
import type { VcProviderList } from '../../src/elements/provider-list/provider-list.js';

describe('request lifecycle for the requester', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  async function declinedByOkafor() {
    const mounted = await mountInClinic<VcDeclineNotices>(backend, TOKENS.frontDesk, html`<vc-decline-notices></vc-decline-notices>`);
    const okafor = await open(backend, TOKENS.okafor);
    await mounted.clinic.requestSession('prov-okafor', 'svc-behavioral');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.declineRequest(okafor.$incomingRequests.get()[0]!.id, 'Busy right now');
    await waitUntil(() => findButton(shadow(mounted.el), 'Request Again'), 'no Request Again');
    return { ...mounted, okafor };
  }

  it('Request Again sends the same request once more, with the same service, and clears the notice', async () => {
    const { el } = await declinedByOkafor();
    findButton(shadow(el), 'Request Again')!.click();
    await waitUntil(() => backend.state().requests.filter((r) => r.status === 'pending').length === 1);
    const pending = backend.state().requests.find((r) => r.status === 'pending')!;
    expect([pending.providerId, pending.serviceId]).to.deep.equal(['prov-okafor', 'svc-behavioral']);
    await waitUntil(() => !findButton(shadow(el), 'Dismiss'), 'the notice stayed');
  });

  it('offers the other available providers, one click each', async () => {
    const { el } = await declinedByOkafor();
    await settled(el);
    const offered = [...shadow(el).querySelectorAll('[part~="request-other-button"]')].map((b) => b.textContent?.trim());
    expect(offered).to.deep.equal(['Request Dr. Erik Lindqvist'], 'Dr. Sofia Reyes is unavailable, so she is not offered');
    findButton(shadow(el), 'Request Dr. Erik Lindqvist')!.click();
    await waitUntil(() => backend.state().requests.some((r) => r.providerId === 'prov-lindqvist' && r.status === 'pending'));
    await expect(el).to.be.accessible();
  });

  it('a decline because the provider is unavailable offers Notify Me When Available instead of Request Again', async () => {
    const { el, clinic } = await mountInClinic<VcDeclineNotices>(backend, TOKENS.frontDesk, html`<vc-decline-notices></vc-decline-notices>`);
    await clinic.requestSession('prov-reyes', 'svc-urgent');
    await waitUntil(() => findButton(shadow(el), 'Notify Me When Available'));
    expect(findButton(shadow(el), 'Request Again')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('Notify Me When Available: a notice when the provider becomes available, and no request is made', async () => {
    const { el, clinic } = await mountInClinic<VcProviderList>(backend, TOKENS.frontDesk, html`<vc-provider-list></vc-provider-list>`);
    const reyesItem = () => shadow(el).querySelector('li[data-provider-id="prov-reyes"]')!;
    await waitUntil(() => findButton(reyesItem(), 'Notify Me When Available'));
    findButton(reyesItem(), 'Notify Me When Available')!.click();
    await settled(el);
    expect(findButton(reyesItem(), 'Notify Me When Available')!.getAttribute('aria-pressed')).to.equal('true');
    expect(clinic.$availabilityWatches.get()).to.deep.equal({ 'prov-reyes': true });
    await expect(el).to.be.accessible();

    const reyes = await open(backend, TOKENS.reyes);
    await reyes.setAvailability(true);
    await waitUntil(() => reyesItem().querySelector('[part="available-notice"]'), 'no notice');
    expect(reyesItem().querySelector('[part="available-notice"]')!.textContent?.trim()).to.equal('Dr. Sofia Reyes is now available.');
    await waitUntil(() => announced(el) === 'Dr. Sofia Reyes is now available.', `said: "${announced(el)}"`);
    expect(backend.state().requests).to.deep.equal([], 'a notice, not an automatic request');
    expect(clinic.$availabilityWatches.get()).to.deep.equal({}, 'told once');
    await expect(el).to.be.accessible();
  });

  it('a reload keeps the requester\'s pending request and the provider\'s queue (from the server, not storage)', async () => {
    const desk = await signIn(backend, TOKENS.frontDesk);
    const okafor = await signIn(backend, TOKENS.okafor);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    desk.destroy();
    okafor.destroy();
    const storageBefore = [localStorage.length, sessionStorage.length];
    const deskAgain = await open(backend, TOKENS.frontDesk);
    const okaforAgain = await open(backend, TOKENS.okafor);
    expect(deskAgain.$outgoingRequests.get().map((r) => [r.providerName, r.serviceName, r.status])).to.deep.equal([['Dr. Amara Okafor', 'Urgent Care', 'pending']]);
    expect(okaforAgain.$incomingRequests.get().map((r) => r.requesterName)).to.deep.equal(['Riverside Front Desk']);
    expect([localStorage.length, sessionStorage.length]).to.deep.equal(storageBefore);
  });
});

describe('double clicks on the next steps of a notice', () => {
  afterEach(closeAll);

  it('a double click on Request Again sends one request and fires one vc-request-sent', async () => {
    const backend = createBackend();
    const { el, root, clinic } = await mountInClinic<VcDeclineNotices>(backend, TOKENS.frontDesk, html`<vc-decline-notices></vc-decline-notices>`);
    const okafor = await open(backend, TOKENS.okafor);
    await clinic.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.declineRequest(okafor.$incomingRequests.get()[0]!.id);
    await waitUntil(() => findButton(shadow(el), 'Request Again'));
    const sent: Event[] = [];
    root.addEventListener('vc-request-sent', (event) => sent.push(event));
    const button = findButton(shadow(el), 'Request Again')!;
    button.click();
    button.click();
    await waitUntil(() => sent.length >= 1);
    await settled(el);
    expect(sent).to.have.length(1);
    expect(backend.state().requests.filter((r) => r.status === 'pending')).to.have.length(1);
  });
});
