/**
 * Events that tell both sides (issue 19.8): what one side decides reaches the other side's tag
 * over the live stream, and that tag fires the same outcome event with the same `detail`.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { requestQueue } from '../support/harness.js';
import type { VcProviderList } from '../../src/elements/provider-list/provider-list.js';
import type { VcRequestQueue } from '../../src/elements/request-queue/request-queue.js';
import { VcRequestAcceptedEvent, VcRequestExpiredEvent, type VcEventName } from '../../src/events/events.js';

describe('outcome events on both sides (issue 19.8)', () => {
  const clock = { shiftMs: 0 };
  let backend: Backend;
  beforeEach(() => {
    clock.shiftMs = 0;
    backend = createBackend({ now: () => Date.now() + clock.shiftMs });
  });
  afterEach(closeAll);

  /**
   * The kiosk's provider list and Dr. Okafor's queue, each in its own <vc-clinic> on the page, each
   * recording `event`; the kiosk has asked Dr. Okafor, and the request shows in her queue.
   */
  async function kioskAsksOkafor<K extends VcEventName>(event: K) {
    const requester = await mountInClinic<VcProviderList>(backend, TOKENS.kiosk, html`<vc-provider-list></vc-provider-list>`);
    const provider = await mountInClinic<VcRequestQueue>(backend, TOKENS.okafor, html`<vc-request-queue></vc-request-queue>`);
    const heard = { byRequester: recordEvents(requester.root, event), byProvider: recordEvents(provider.root, event) };
    const result = await requester.clinic.requestSession('prov-okafor');
    const requestId = result.ok ? result.request!.id : '';
    const queue = requestQueue(provider.el);
    await waitUntil(() => queue.item(requestId), 'the request reaches the queue');
    /** Resolves once each side heard the event once, and nothing more came after a render. */
    const bothHeard = async () => {
      await waitUntil(() => heard.byRequester.length === 1 && heard.byProvider.length === 1, `both sides hear ${event}`);
      await Promise.all([settled(requester.el), settled(provider.el)]);
      expect([heard.byRequester.length, heard.byProvider.length]).to.deep.equal([1, 1]);
      return { requester: heard.byRequester[0]!, provider: heard.byProvider[0]! };
    };
    return { requester, queue, requestId, bothHeard };
  }

  it('the requester hears vc-request-accepted with the provider side’s detail', async () => {
    const { queue, requestId, bothHeard } = await kioskAsksOkafor('vc-request-accepted');
    queue.accept(requestId);
    const heard = await bothHeard();
    expect(heard.requester).to.be.instanceOf(VcRequestAcceptedEvent);
    expect(heard.requester.detail).to.deep.equal(heard.provider.detail);
    expect(heard.requester.detail.sessionId).to.match(/.+/);
  });

  it('the requester hears vc-request-declined with the note the provider typed', async () => {
    const { queue, requestId, bothHeard } = await kioskAsksOkafor('vc-request-declined');
    queue.openDecline(requestId);
    await waitUntil(() => queue.item(requestId)?.querySelector('[part~="note"]'), 'the decline form opens');
    queue.typeNote(requestId, 'Please call the front desk.');
    queue.sendDecline(requestId);
    const heard = await bothHeard();
    expect(heard.requester.detail).to.deep.equal({ requestId, note: 'Please call the front desk.' });
    expect(heard.requester.detail).to.deep.equal(heard.provider.detail);
  });

  it('the provider hears vc-request-cancelled when the requester withdraws; the requester hears it once', async () => {
    const { requester, requestId, bothHeard } = await kioskAsksOkafor('vc-request-cancelled');
    const cancel = () => shadow(requester.el).querySelector<HTMLButtonElement>('li[data-provider-id="prov-okafor"] [part~="cancel-button"]');
    await waitUntil(cancel, 'Cancel Request shows');
    cancel()!.click();
    const heard = await bothHeard();
    expect(heard.provider.detail).to.deep.equal({ requestId });
    expect(heard.requester.detail).to.deep.equal({ requestId });
  });

  it('both sides hear vc-request-expired when no one answered in time (R4)', async () => {
    const { requestId, bothHeard } = await kioskAsksOkafor('vc-request-expired');
    clock.shiftMs = 121_000; // the kiosk account's requests wait 120 s
    const other = await open(backend, TOKENS.lindqvist); // any call lets the server expire what is due
    await other.resync();
    const heard = await bothHeard();
    expect(heard.requester).to.be.instanceOf(VcRequestExpiredEvent);
    expect(heard.requester.detail).to.deep.equal({ requestId });
    expect(heard.provider.detail).to.deep.equal({ requestId });
  });

  it('an outcome already there when the page loads is not news: no event on load', async () => {
    const kiosk = await open(backend, TOKENS.kiosk);
    const okafor = await open(backend, TOKENS.okafor);
    const result = await kiosk.requestSession('prov-okafor');
    await waitUntil(() => okafor.$incomingRequests.get().length === 1);
    await okafor.declineRequest(result.ok ? result.request!.id : '', null);
    const heard: Event[] = [];
    const hear = (event: Event) => heard.push(event);
    document.addEventListener('vc-request-declined', hear);
    try {
      const { el } = await mountInClinic<VcProviderList>(backend, TOKENS.kiosk, html`<vc-provider-list></vc-provider-list>`);
      await settled(el);
      await el.clinic!.resync();
      await settled(el);
      expect(heard).to.deep.equal([]);
    } finally {
      document.removeEventListener('vc-request-declined', hear);
    }
  });
});
