/**
 * Issue 6 §5: how long each requester has waited, the oldest marked once it waits too long, and
 * each requester's place in line, moving up as those ahead are answered.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';
import type { VcProviderList } from '../../src/elements/provider-list/provider-list.js';
import type { VcRequestQueue } from '../../src/elements/request-queue/request-queue.js';

describe('queue position and waiting time', () => {
  let backend: Backend;
  let now: number;
  const realNow = Date.now;
  beforeEach(() => {
    now = realNow();
    backend = createBackend({ now: () => now });
    Date.now = () => now; // what the tags measure waiting time against
  });
  afterEach(() => {
    Date.now = realNow;
    closeAll();
  });

  it('each requester sees their place in line, and moves up when the one ahead is answered', async () => {
    const okafor = await open(backend, TOKENS.okafor);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    now += 1000;
    const { el } = await mountInClinic<VcProviderList>(backend, TOKENS.nurseCart, html`<vc-provider-list></vc-provider-list>`);
    const cart = (el as unknown as { clinic: import('../../src/core/clinic.js').Clinic }).clinic;
    await cart.requestSession('prov-okafor');
    const position = () => shadow(el).querySelector('li[data-provider-id="prov-okafor"] [part="position"]')?.textContent?.trim();
    await waitUntil(() => position() === 'Number 2 in line.', 'no place in line shown');
    await waitUntil(() => okafor.$incomingRequests.get().length === 2);
    await okafor.acceptRequest(okafor.$incomingRequests.get().find((r) => r.requesterId === 'req-frontdesk')!.id);
    await waitUntil(() => position() === 'You are next in line.', 'the place in line did not move up');
  });

  it('the oldest request is marked "Waiting long" after the configured time, and only that one', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    now += 60_000;
    const cart = await open(backend, TOKENS.nurseCart);
    await cart.requestSession('prov-okafor');
    const { el } = await mountInClinic<VcRequestQueue>(backend, TOKENS.okafor, html`<vc-request-queue overdue-after="120"></vc-request-queue>`);
    const overdue = () => [...shadow(el).querySelectorAll('[part~="overdue"]')].map((item) => item.querySelector('[part="requester"]')?.textContent?.trim());
    await waitUntil(() => shadow(el).querySelectorAll('li').length === 2);
    expect(overdue()).to.deep.equal([]);
    now += 61_000;
    el.requestUpdate();
    await settled(el);
    expect(overdue()).to.deep.equal(['Riverside Front Desk']);
    expect(shadow(el).querySelector('[part="overdue-badge"]')?.textContent?.trim()).to.equal('Waiting long');
    expect(shadow(el).querySelector('[part~="overdue"] [part="waited"]')?.textContent?.trim()).to.equal('Waiting for 2 minutes');
    await expect(el).to.be.accessible();
  });
});
