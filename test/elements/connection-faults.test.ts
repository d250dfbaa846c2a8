/**
 * Issues 16 and 17, what the user sees: a skewed clock on either side (16.7), blocked push (16.2),
 * a server that says "wait an hour" (17.6) and a wrong base URL (16.10), in English and Spanish.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define.js';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import { closeAll, connect, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { editStream, ScriptedBackend } from '../support/scripted-backend.js';

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const TEN_MINUTES = 10 * 60_000;

describe('connection faults, as the user sees them', () => {
  let backend: Backend;
  let scripted: ScriptedBackend | null = null;
  const made: Clinic[] = [];
  afterEach(() => {
    closeAll();
    for (const clinic of made.splice(0)) clinic.destroy();
    scripted?.close();
    scripted = null;
  });

  describe('16.7 durations on the server\'s clock', () => {
    const queueItem = async (serverOffsetMs: number, requestAgeMs: number) => {
      // The server's clock is `serverOffsetMs` off this PC's; the request is `requestAgeMs` old on it.
      let madeAt: number | null = Date.now() + serverOffsetMs - requestAgeMs;
      backend = createBackend({ now: () => madeAt ?? Date.now() + serverOffsetMs });
      const desk = await open(backend, TOKENS.nurseCart);
      await desk.requestSession('prov-okafor');
      madeAt = null;
      const { el } = await mountInClinic(backend, TOKENS.okafor, html`<vc-request-queue overdue-after="180"></vc-request-queue>`);
      await settled(el);
      const item = shadow(el).querySelector('[part~="item"]')!;
      return { waited: text(item.querySelector('[part="waited"]')), overdue: item.getAttribute('part')!.includes('overdue') };
    };

    it('a provider PC ten minutes fast shows a new request as new, not "Waiting long"', async () => {
      const { waited, overdue } = await queueItem(-TEN_MINUTES, 5_000);
      expect(waited).to.match(/^Waiting for \d+ seconds?$/);
      expect(overdue).to.equal(false);
    });

    it('a provider PC ten minutes slow shows a four-minute-old request as four minutes old, and waiting long', async () => {
      const { waited, overdue } = await queueItem(TEN_MINUTES, 4 * 60_000);
      expect(waited).to.equal('Waiting for 4 minutes');
      expect(overdue).to.equal(true);
    });
  });

  describe('16.2 blocked push', () => {
    for (const [lang, words] of [
      ['en', 'Updates may be delayed'],
      ['es', 'Las actualizaciones pueden llegar con retraso'],
    ] as const) {
      it(`a stream held by a buffering proxy shows that updates may be delayed (${lang})`, async () => {
        scripted = new ScriptedBackend();
        scripted.on('GET events', async (_request, passOn) => editStream(await passOn(), () => null));
        const clinic = scripted.connect(TOKENS.frontDesk, { clinic: { live: { firstByteTimeoutMs: 20 } } });
        made.push(clinic);
        const root = await fixture<VcClinic>(html`<vc-clinic lang=${lang} .clinic=${clinic}><vc-connection-status></vc-connection-status></vc-clinic>`);
        const status = root.querySelector('vc-connection-status')!;
        await waitUntil(() => text(shadow(status).querySelector('[part="label"]')).startsWith(words), 'the status never said so');
      });
    }
  });

  describe('17.6 a server that says "wait an hour"', () => {
    it('the request does not hang on Requesting…: the user reads when to try again, and may try again', async () => {
      backend = createBackend();
      const { el } = await mountInClinic(backend, TOKENS.nurseCart, html`<vc-provider-list></vc-provider-list>`);
      await settled(el);
      backend.faults.failNext(429, 1, { retryAfterSeconds: 3600 });
      const button = () => shadow(el).querySelector<HTMLButtonElement>('li[data-provider-id="prov-okafor"] [part~="request-button"]')!;
      button().click();
      const error = () => text(shadow(el).querySelector('li[data-provider-id="prov-okafor"] [part="error"]'));
      await waitUntil(() => error() !== '', 'no message');
      expect(error()).to.equal('The clinic service is busy; try again in 60 minutes.');
      await settled(el);
      expect(text(button())).to.equal('Request Session Now');
      button().click();
      await waitUntil(() => backend.state().requests.length === 1, 'trying again sent nothing');
    });
  });

  describe('16.10 a wrong base URL', () => {
    it('shows a configuration error, not a lost connection, and fires one vc-error', async () => {
      scripted = new ScriptedBackend();
      const notFound = () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
      scripted.on('GET snapshot', notFound).on('GET events', notFound);
      const clinic = scripted.connect(TOKENS.frontDesk, { transport: { baseUrl: 'http://clinic.test/not-the-api' } });
      made.push(clinic);
      const original = console.error;
      console.error = () => {};
      try {
        const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}><vc-connection-status></vc-connection-status></vc-clinic>`);
        const errors = recordEvents(root, 'vc-error');
        const status = root.querySelector('vc-connection-status')!;
        await waitUntil(() => text(shadow(status).querySelector('[part="label"]')) === 'The clinic service is not set up correctly on this page. Contact your administrator.');
        expect(errors.map((event) => event.detail)).to.deep.equal([{ action: 'connect', targetId: '', code: 'misconfigured' }]);
      } finally {
        console.error = original;
      }
    });
  });

  it('the demo clinic still connects (no false alarm)', async () => {
    backend = createBackend();
    const clinic = connect(backend, TOKENS.frontDesk);
    made.push(clinic);
    await clinic.start();
    expect(clinic.$connection.get()).to.equal('connected');
  });
});
