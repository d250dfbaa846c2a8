/**
 * <vc-alerts>: the provider's own switches for the alerts. Permission for desktop notifications is
 * asked only from a click; the tag shows nothing to a requester.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { WebAudioChime, type Chime } from '../../src/alerts/chime.js';
import { sendMouse } from '@web/test-runner-commands';
import type { NotificationPermissionState, Notifier } from '../../src/alerts/notifier.js';
import type { VcAlerts } from '../../src/elements/alerts/alerts.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, settled, shadow } from '../support/mount.js';
import { announced } from '../support/harness.js';

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
    const { el } = await mount(new FakeNotifier('granted', 'granted'), { play: () => void plays++ });
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

  it('sound blocked by the browser: says so before a request comes, tells the host, and rings at once after the click', async () => {
    let plays = 0;
    let blocked = true;
    const chime: Chime = {
      get blocked() {
        return blocked;
      },
      play: () => {
        if (blocked) return false;
        plays++;
        return true;
      },
      unlock: () => {
        blocked = false;
        return true;
      },
    };
    const fired: CustomEvent[] = [];
    const record = (event: Event) => fired.push(event as CustomEvent);
    document.addEventListener('vc-sound-blocked', record);
    const { el, clinic } = await mount(new FakeNotifier('granted', 'granted'), chime);
    const button = () => shadow(el).querySelector<HTMLButtonElement>('[part="sound-blocked"]');
    await waitUntil(() => button(), 'the block was not shown before any request');
    expect(button()!.textContent?.trim()).to.equal('Sound is blocked: click to turn it on');
    await waitUntil(() => announced(el) === 'Sound is blocked: click to turn it on', 'the block was shown but not said (issue 20.3)');
    expect(shadow(el).querySelector('[part="sound-switch"]')!.getAttribute('aria-checked')).to.equal('true');
    await expect(el).to.be.accessible();
    const desk = await open(backend, TOKENS.frontDesk);
    await desk.requestSession('prov-okafor', 'svc-urgent');
    await waitUntil(() => clinic.$incomingRequests.get().length === 1);
    await settled(el);
    expect(plays).to.equal(0, 'nothing could be heard yet');
    expect(fired.map((e) => e.detail)).to.deep.equal([{ reason: 'autoplay-policy' }], 'the host is told once');
    button()!.focus();
    button()!.click();
    await waitUntil(() => plays === 1, 'the waiting request did not ring at once after the click');
    await settled(el);
    expect(button()).to.equal(null);
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('sound-switch', 'focus went to the switch, not <body>');
    document.removeEventListener('vc-sound-blocked', record);
  });

  it('a click anywhere on the page lifts the block too (the real Web Audio chime, before and after a user gesture)', async () => {
    expect(navigator.userActivation.hasBeenActive).to.equal(false, 'this test needs a page nobody has clicked yet: keep it before any sendMouse/sendKeys in this file');
    const chime = new WebAudioChime();
    expect(chime.blocked).to.equal(true);
    expect(chime.play()).to.equal(false);
    const { el } = await mount(new FakeNotifier('granted', 'granted'), chime);
    await waitUntil(() => shadow(el).querySelector('[part="sound-blocked"]'), 'the block was not shown');
    const heading = document.createElement('p');
    heading.textContent = 'Host page text';
    document.body.append(heading);
    const box = heading.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + 5), Math.round(box.y + 5)] });
    heading.remove();
    await waitUntil(() => shadow(el).querySelector('[part="sound-blocked"]') === null, 'a click on the page did not lift the block');
    expect(chime.blocked).to.equal(false);
    expect(chime.play()).to.equal(true);
    chime.close();
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
