/**
 * Issue 7 §5: English and Spanish complete, chosen by the `lang` of the element or the page and
 * switchable at run time; right-to-left layout; dates and durations through Intl; a host's own
 * translations.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { registerTranslation } from '../../src/i18n/localize.js';
import { CHUNK_STRINGS } from '../../src/i18n/chunk-strings.js';
import type { VcAvailabilityToggle } from '../../src/elements/availability-toggle/availability-toggle.js';
import type { VcProviderList } from '../../src/elements/provider-list/provider-list.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';

describe('languages', () => {
  let backend: Backend;
  const pageLang = document.documentElement.lang;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    document.documentElement.lang = pageLang;
    document.documentElement.removeAttribute('dir');
    closeAll();
  });

  it('Spanish has every English key, and no key left in English by mistake', () => {
    expect(Object.keys(es).sort()).to.deep.equal(Object.keys(en).sort());
    const same = Object.keys(en).filter((key) => {
      const a = en[key as keyof typeof en];
      const b = es[key as keyof typeof es];
      return typeof a === 'string' && a === b;
    });
    expect(same).to.deep.equal([], 'untranslated strings');
  });

  it('the script tag\'s loader says the same words as the tags while code loads or fails (issue 15.3)', () => {
    for (const [messages, words] of [[en, CHUNK_STRINGS.en], [es, CHUNK_STRINGS.es]] as const) {
      expect([messages['chunk.loading'], messages['chunk.failed'], messages['chunk.retry']]).to.deep.equal([words.loading, words.failed, words.retry]);
    }
  });

  it('follows the lang of the element, and switches at run time', async () => {
    const { el } = await mountInClinic<VcAvailabilityToggle>(backend, TOKENS.okafor, html`<vc-availability-toggle lang="es"></vc-availability-toggle>`);
    await settled(el);
    const label = () => shadow(el).querySelector('[part="label"]')?.textContent?.trim();
    expect(label()).to.equal('Estoy disponible para sesiones');
    el.setAttribute('lang', 'en');
    await waitUntil(() => label() === 'I Am Available for Sessions', 'did not switch back to English');
  });

  it('follows the lang of the page, and formats durations with Intl in that language', async () => {
    document.documentElement.lang = 'es';
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    const { el } = await mountInClinic<VcProviderList>(backend, TOKENS.frontDesk, html`<vc-provider-list></vc-provider-list>`);
    await settled(el);
    const text = shadow(el).textContent ?? '';
    expect(text).to.include('Solicitud pendiente');
    expect(text).to.match(/Esperando desde hace \d+ segundos?/);
    expect(text).to.include('Cancelar solicitud');
    await expect(el).to.be.accessible();
  });

  it('a host can add its own language, and it falls back to English for what it leaves out', async () => {
    registerTranslation('fr', { 'availability.available': 'Je suis disponible pour des séances' });
    const { el } = await mountInClinic<VcAvailabilityToggle>(backend, TOKENS.okafor, html`<vc-availability-toggle lang="fr-CA"></vc-availability-toggle>`);
    await settled(el);
    expect(shadow(el).querySelector('[part="label"]')?.textContent?.trim()).to.equal('Je suis disponible pour des séances');
  });

  it('right to left: the layout mirrors (logical properties)', async () => {
    document.documentElement.dir = 'rtl';
    const { el } = await mountInClinic<VcAvailabilityToggle>(backend, TOKENS.okafor, html`<vc-availability-toggle></vc-availability-toggle>`);
    await settled(el);
    const track = shadow(el).querySelector('[part="track"]')!.getBoundingClientRect();
    const label = shadow(el).querySelector('[part="label"]')!.getBoundingClientRect();
    expect(track.left).to.be.greaterThan(label.left, 'the switch sits at the start edge, which is the right in rtl');
  });
});
