/**
 * <vc-alerts>: the provider's own switches for the alerts. Permission for desktop notifications is
 * asked only from a click; the tag shows nothing to a requester.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { Chime } from '../../src/alerts/chime.js';
import type { NotificationPermissionState, Notifier } from '../../src/alerts/notifier.js';
import type { VcAlerts } from '../../src/elements/alerts/alerts.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';

class FakeNotifier implements Notifier {
  asked = 0;
  constructor(public state: NotificationPermissionState, private answer: NotificationPermissionState) {}
  permission() {
    return this.state;
  }
  async requestPermission() {
    this.asked++;
    this.state = this.answer;
    return this.state;
  }
  shown: string[] = [];
  show(title: string) {
    this.shown.push(title);
    return { close() {} };
  }
}

describe('<vc-alerts>', () => {
  let backend: Backend;
  const title = document.title;
  beforeEach(() => {
    backend = createBackend();
    document.title = 'Clinic dashboard';
  });
  afterEach(() => {
    closeAll();
    document.title = title;
  });

  async function mount(notifier: Notifier, chime: Chime = { play() {} }) {
    const mounted = await mountInClinic<VcAlerts>(backend, TOKENS.okafor, html`<vc-alerts .notifier=${notifier} .chime=${chime}></vc-alerts>`);
    await settled(mounted.el);
    return mounted;
  }

  it('asks for notification permission only when the user clicks Turn On Desktop Notifications', async () => {
    const notifier = new FakeNotifier('default', 'granted');
    const { el } = await mount(notifier);
    expect(notifier.asked).to.equal(0, 'never asked on load');
    const button = shadow(el).querySelector<HTMLButtonElement>('[part~="notifications-button"]')!;
    expect(button.textContent?.trim()).to.equal('Turn On Desktop Notifications');
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(() => shadow(el).querySelector('[part="notifications-switch"]'));
    expect(notifier.asked).to.equal(1);
    expect(shadow(el).querySelector('[part="notifications-switch"]')!.getAttribute('aria-checked')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('says so when the browser blocks notifications', async () => {
    const { el } = await mount(new FakeNotifier('denied', 'denied'));
    expect(shadow(el).querySelector('[part="notifications-blocked"]')?.textContent?.trim()).to.equal(
      'Desktop notifications are blocked in this browser\u2019s settings.',
    );
    await expect(el).to.be.accessible();
  });

  it('the sound switch mutes the chime for a waiting request', async () => {
    let plays = 0;
    const { el } = await mount(new FakeNotifier('granted', 'granted'), { play: () => plays++ });
    const sound = shadow(el).querySelector<HTMLButtonElement>('[part="sound-switch"]')!;
    expect(sound.getAttribute('aria-checked')).to.equal('true');
    sound.click();
    await settled(el);
    expect(sound.getAttribute('aria-checked')).to.equal('false');
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => document.title === '(1) Clinic dashboard', 'the title never counted the request');
    expect(plays).to.equal(0);
  });

  it('a host can turn each alert off', async () => {
    const mounted = await mountInClinic<VcAlerts>(
      backend,
      TOKENS.okafor,
      html`<vc-alerts no-sound no-notifications no-title .notifier=${new FakeNotifier('granted', 'granted')}></vc-alerts>`,
    );
    await settled(mounted.el);
    expect(shadow(mounted.el).querySelector('[part="sound-switch"]')).to.equal(null);
    expect(shadow(mounted.el).querySelector('[part="notifications-switch"]')).to.equal(null);
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => mounted.clinic.$incomingRequests.get().length === 1);
    await settled(mounted.el);
    expect(document.title).to.equal('Clinic dashboard');
  });

  it('shows nothing to a requester', async () => {
    const { el } = await mountInClinic<VcAlerts>(backend, TOKENS.frontDesk, html`<vc-alerts></vc-alerts>`);
    await settled(el);
    expect(shadow(el).querySelector('[part="base"]')).to.equal(null);
  });
});
