import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { availableOnServer, closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import type { VcAvailabilityToggle } from '../../src/elements/availability-toggle/availability-toggle.js';

describe('<vc-availability-toggle>', () => {
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(closeAll);

  const mount = () => mountInClinic<VcAvailabilityToggle>(backend, TOKENS.okafor, html`<vc-availability-toggle></vc-availability-toggle>`);
  const switchOf = (el: Element) => shadow(el).querySelector<HTMLButtonElement>('[role="switch"]')!;
  const stateOf = (el: Element) => shadow(el).querySelector('[part="label"]')!.textContent?.trim();

  it('shows the provider as available, as a checked switch with the product\'s words', async () => {
    const { el } = await mount();
    await settled(el);
    const button = switchOf(el);
    expect(button.getAttribute('aria-checked')).to.equal('true');
    expect(button.textContent?.trim()).to.equal('Available for Sessions');
    expect(stateOf(el)).to.equal('I Am Available for Sessions');
    await expect(el).to.be.accessible();
  });

  it('a click makes the provider unavailable on the server and says so, and declines what was pending', async () => {
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    const { el, root } = await mount();
    const changed = recordEvents(root, 'vc-availability-changed');
    switchOf(el).click();
    await waitUntil(() => changed.length === 1);
    await settled(el);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');
    // The name stays; the state says "off"; the seed's words beside it say the rest (issue 20.5).
    expect(switchOf(el).textContent?.trim()).to.equal('Available for Sessions');
    expect(stateOf(el)).to.equal('I Am Unavailable for Sessions');
    expect(changed[0]!.detail).to.deep.equal({ available: false, declinedCount: 1 });
    expect(availableOnServer(backend, 'prov-okafor')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('works with Space and Enter', async () => {
    const { el } = await mount();
    await settled(el);
    switchOf(el).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => availableOnServer(backend, 'prov-okafor') === false);
    await settled(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => availableOnServer(backend, 'prov-okafor') === true);
  });

  it('a host can veto the change', async () => {
    const { el, root } = await mount();
    root.addEventListener('vc-availability-change', (event) => event.preventDefault());
    switchOf(el).click();
    await settled(el);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');
    expect(availableOnServer(backend, 'prov-okafor')).to.equal(true);
  });

  it('a refused change shows the message and the server\'s state', async () => {
    const { el, root } = await mount();
    const errors = recordEvents(root, 'vc-error');
    backend.faults.failNext(403, 1);
    switchOf(el).click();
    await waitUntil(() => errors.length === 1);
    await settled(el);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');
    expect(shadow(el).querySelector('[part="error"]')?.textContent?.trim()).to.equal('You are not allowed to do that.');
    expect(errors[0]!.detail).to.deep.equal({ action: 'set-availability', targetId: 'prov-okafor', code: 'forbidden' });
    await expect(el).to.be.accessible();
  });
});
