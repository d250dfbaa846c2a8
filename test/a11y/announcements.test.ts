/**
 * Issue 20.3, what a screen-reader user hears: every text that appears in any live region of the
 * page (test/support/live-regions.ts), in order, with its politeness. Each clinic speaks through
 * its one polite/assertive pair; each change is heard once; nothing stale stays in a region.
 * Two users on one shared clinic, each in their own `<vc-clinic>` on this page.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { Notifier, NotificationPermissionState } from '../../src/alerts/notifier.js';
import { acceptedSession, closeAll, connect, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { mountIdleClinic, mountInClinic, settled, shadow, type Mounted } from '../support/mount.js';
import { text } from '../support/harness.js';
import { deepText } from '../support/deep-query.js';
import { LiveRegionRecorder } from '../support/live-regions.js';
import { fakeMediaLayer, waitForPicture } from '../support/fake-media.js';
import { focusReaches } from '../support/focus-recorder.js';

describe('what a screen reader hears: one announcer per clinic, each change once (issue 20.3)', function () {
  this.timeout(60_000);
  let backend: Backend;
  let recorder: LiveRegionRecorder;
  const clinics: Array<{ destroy(): void }> = [];

  beforeEach(() => {
    backend = createBackend();
    recorder = new LiveRegionRecorder();
  });
  afterEach(() => {
    recorder.stop();
    for (const clinic of clinics.splice(0)) clinic.destroy();
    closeAll();
    fixtureCleanup();
  });

  async function mount<T extends HTMLElement>(token: string, content: ReturnType<typeof html>): Promise<Mounted<T>> {
    const mounted = await mountInClinic<T>(backend, token, content);
    clinics.push(mounted.clinic);
    return mounted;
  }

  /** The inner tag `part` of a dashboard, and a button of its shadow root by its text. */
  const inner = (dashboard: Mounted<HTMLElement>, part: string) => shadow(dashboard.el).querySelector<HTMLElement>(`[part~="${part}"]`)!;
  const find = (dashboard: Mounted<HTMLElement>, part: string, selector: string) => shadow(inner(dashboard, part)).querySelector<HTMLElement>(selector);
  const button = (dashboard: Mounted<HTMLElement>, part: string, name: string) =>
    [...shadow(inner(dashboard, part)).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name) ?? null;

  /** Presses the button named `name` of the inner tag `part`, once it is there. */
  async function press(dashboard: Mounted<HTMLElement>, part: string, name: string): Promise<void> {
    await waitUntil(() => button(dashboard, part, name), `no ${name}`);
    button(dashboard, part, name)!.click();
  }

  /** Waits until `who` has heard `count` messages, then hands them back. */
  async function hears(who: Mounted<HTMLElement>, count: number, what: string): Promise<string[]> {
    await waitUntil(() => recorder.heard(who.root).length >= count, `${what}: heard only\n${recorder.said(who.root).join('\n')}`);
    // Anything said twice would be said in the same task: let it come.
    await settled(who.el);
    return recorder.said(who.root);
  }

  it('the whole flow, request → accept → waiting room → meeting → leave: each change heard once, by the user it concerns', async () => {
    const requester = await mount<HTMLElement>(TOKENS.nurseCart, html`<vc-requester-dashboard no-device-check .meetingAdapter=${null}></vc-requester-dashboard>`);
    const provider = await mount<HTMLElement>(TOKENS.okafor, html`<vc-provider-dashboard no-sound no-notifications .meetingAdapter=${null}></vc-provider-dashboard>`);
    await waitUntil(() => find(requester, 'providers', 'li[data-provider-id="prov-okafor"]'), 'no Dr. Okafor');
    recorder.reset();

    // The requester asks (the account's one service is implied, R2).
    const item = find(requester, 'providers', 'li[data-provider-id="prov-okafor"]')!;
    [...item.querySelectorAll('button')].find((b) => text(b).startsWith('Request Session Now'))!.click();
    expect(await hears(requester, 1, 'the request')).to.deep.equal(['polite: Request sent to Dr. Amara Okafor.']);
    expect(await hears(provider, 1, 'the new request')).to.deep.equal(['polite: New session request from Lakeside Nurse Cart 3 (General Consult).']);

    // The provider accepts.
    recorder.reset();
    await press(provider, 'queue', 'Accept');
    expect(await hears(provider, 1, 'the accept')).to.deep.equal(['polite: Accepted the request from Lakeside Nurse Cart 3.']);
    expect(await hears(requester, 1, 'the acceptance')).to.deep.equal(['polite: Dr. Amara Okafor accepted your request. Your session is listed under Sessions.']);

    // The requester enters the waiting room: the provider is told, the requester (who pressed) is not.
    recorder.reset();
    await press(requester, 'sessions', 'Enter Waiting Room');
    expect(await hears(provider, 1, 'the arrival')).to.deep.equal(['polite: Lakeside Nurse Cart 3 is in the waiting room.']);
    expect(recorder.said(requester.root)).to.deep.equal([]);

    // The provider starts the meeting: one message to the requester (not one per tag).
    recorder.reset();
    await press(provider, 'sessions', 'Enter Meeting');
    expect(await hears(requester, 1, 'the meeting')).to.deep.equal(['polite: Dr. Amara Okafor has started the meeting.']);
    expect(recorder.said(provider.root)).to.deep.equal([]);

    // The requester leaves: the provider hears it once.
    recorder.reset();
    await press(requester, 'waiting-room', 'Leave Session');
    expect(await hears(provider, 1, 'the end')).to.deep.equal(['polite: The session with Lakeside Nurse Cart 3 has ended.']);
    expect(recorder.said(requester.root)).to.deep.equal([]);

    // Every message went through the clinic's one pair of regions.
    const regions = new Set(recorder.heard().map((h) => h.region));
    expect([...regions]).to.deep.equal(['<vc-clinic> <div part="announcer">']);
  });

  it('the meeting starts in the built-in call: the requester hears it once, not the call status as well', async () => {
    const { desk, okafor, sessionId } = await acceptedSession(backend);
    await desk.enterSession(sessionId);
    const requester = await mount<HTMLElement>(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId} no-device-check .mediaLayer=${fakeMediaLayer()}></vc-waiting-room>`);
    const provider = await mount<HTMLElement>(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId} no-device-check .mediaLayer=${fakeMediaLayer()}></vc-waiting-room>`);
    recorder.reset();
    const entered = await okafor.enterSession(sessionId);
    expect(entered.ok).to.equal(true);
    // The meeting is under way for both: each sees the other.
    const remote = (el: Element) => shadow(el).querySelector<HTMLVideoElement>('[part~="remote-video"]');
    await waitForPicture(() => remote(requester.el), "the provider's picture");
    await waitForPicture(() => remote(provider.el), "the requester's picture");
    await waitUntil(() => shadow(requester.el).querySelector('[part="call-status"]')?.getAttribute('data-state') === 'connected', 'never connected');
    await settled(requester.el);
    expect(recorder.said(requester.root)).to.deep.equal(['polite: Dr. Amara Okafor has started the meeting.']);
  });

  it('an idle sign-out is said once, by its focused notice, and nothing is left in a region: no "Loading…", nothing of the user', async () => {
    const { root, guard, clinic, clock } = await mountIdleClinic(
      backend,
      TOKENS.frontDesk,
      html`<vc-connection-status></vc-connection-status><vc-decline-notices></vc-decline-notices><vc-provider-list></vc-provider-list><vc-session-list></vc-session-list><vc-waiting-room no-device-check></vc-waiting-room>`,
    );
    clinics.push(clinic);
    // Something of this user is still in the region when the time runs out (a decline with a note).
    const okafor = connect(backend, TOKENS.okafor);
    clinics.push(okafor);
    await okafor.start();
    const sent = await clinic.requestSession('prov-okafor', 'svc-urgent');
    if (!sent.ok || !sent.request) throw new Error('request failed');
    await okafor.declineRequest(sent.request.id, 'Private note for the front desk');
    await waitUntil(() => recorder.lingering().some((h) => h.text.includes('Private note')), `the decline was never said:\n${String(recorder)}`);
    recorder.reset();
    await clock.advance(120_000);
    await settled(guard);
    const notice = 'You were signed out after 2 minutes without activity. Sign in again to continue.';
    // Said once, where focus goes: the notice takes focus and is read there; no region repeats it.
    const noticeEl = () => shadow(guard).querySelector('[part="notice"]');
    await focusReaches(noticeEl, 'focus never reached the notice');
    expect(text(noticeEl())).to.equal(notice);
    for (const el of root.children) await settled(el);
    await settled(guard);
    expect(recorder.said()).to.deep.equal([], String(recorder));
    expect(recorder.lingering().map((h) => `${h.region} ${h.text}`)).to.deep.equal([], 'what is left in the regions');
    // On screen too: no tag says it is loading for a user who is gone, each says they signed out.
    for (const el of ['vc-provider-list', 'vc-session-list', 'vc-waiting-room'].map((name) => root.querySelector(name)!)) {
      expect(deepText(el), el.localName).to.include('Signed out.');
      expect(deepText(el), el.localName).not.to.include('Loading');
    }
  });

  it('Request Again is said to the requester', async () => {
    const requester = await mount<HTMLElement>(TOKENS.frontDesk, html`<vc-requester-dashboard no-device-check .meetingAdapter=${null}></vc-requester-dashboard>`);
    const okafor = connect(backend, TOKENS.okafor);
    clinics.push(okafor);
    await okafor.start();
    const sent = await requester.clinic.requestSession('prov-okafor', 'svc-urgent');
    if (!sent.ok || !sent.request) throw new Error('request failed');
    await okafor.declineRequest(sent.request.id, null);
    await waitUntil(() => button(requester, 'notices', 'Request Again'), 'no Request Again');
    recorder.reset();
    button(requester, 'notices', 'Request Again')!.click();
    expect(await hears(requester, 1, 'the new request')).to.deep.equal(['polite: Request sent to Dr. Amara Okafor.']);
  });

  it('a camera check that could not be loaded is said at once, in the assertive region only', async () => {
    // The script tag's loader, refusing the check's code as an offline network would (src/core/load-on-demand.ts).
    const loaders = Symbol.for('virtual-clinic.loaders');
    const registry = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
    const before = registry[loaders];
    registry[loaders] = new Map([
      [new URL('/src/core/', location.href).href, (module: string, load: () => Promise<unknown>) => (module === 'elements/internal/device-check' ? Promise.reject(new TypeError('offline')) : load())],
    ]);
    try {
      const { desk, sessionId } = await acceptedSession(backend);
      await desk.enterSession(sessionId);
      const room = await mount<HTMLElement>(TOKENS.frontDesk, html`<vc-waiting-room .mediaLayer=${fakeMediaLayer()}></vc-waiting-room>`);
      const failed = 'This part of the Virtual Clinic could not be loaded. Check the network connection, then choose Try Again.';
      await waitUntil(() => text(shadow(room.el).querySelector('[part="media-message"]')) === failed, 'the failure was not shown');
      expect(await hears(room, 1, 'the failure')).to.deep.equal([`assertive: ${failed}`]);
      expect(recorder.heard(room.root).map((h) => h.region)).to.deep.equal(['<vc-clinic> <div part="announcer-assertive">'], 'said by the clinic, not a region of the check');
    } finally {
      registry[loaders] = before;
    }
  });

  describe('desktop notifications', () => {
    function notifier(answer: NotificationPermissionState): Notifier {
      let permission: NotificationPermissionState = 'default';
      return {
        permission: () => permission,
        requestPermission: async () => (permission = answer),
        show: () => null,
      };
    }

    async function turnOn(answer: NotificationPermissionState): Promise<Mounted<HTMLElement>> {
      const alerts = await mount<HTMLElement>(TOKENS.okafor, html`<vc-alerts no-sound no-title .notifier=${notifier(answer)}></vc-alerts>`);
      await waitUntil(() => shadow(alerts.el).querySelector('[part~="notifications-button"]'), 'no Turn On Desktop Notifications');
      const turnOnButton = shadow(alerts.el).querySelector<HTMLButtonElement>('[part~="notifications-button"]')!;
      turnOnButton.focus();
      recorder.reset();
      turnOnButton.click();
      return alerts;
    }

    it('refused: the message that replaced the button takes focus, so it is read once, and no region repeats it', async () => {
      const alerts = await turnOn('denied');
      const blocked = () => shadow(alerts.el).querySelector('[part="notifications-blocked"]');
      await focusReaches(blocked, 'focus did not reach the message');
      // Read where focus went, once: no region repeats it.
      expect(text(blocked())).to.equal('Desktop notifications are blocked in this browser\u2019s settings.');
      await settled(alerts.el);
      expect(recorder.said(alerts.root)).to.deep.equal([]);
    });

    it('allowed: focus goes to the switch that replaced the button, nothing else is said', async () => {
      const alerts = await turnOn('granted');
      const toggle = () => shadow(alerts.el).querySelector('[part="notifications-switch"]');
      await focusReaches(toggle, 'focus did not reach the switch');
      expect(toggle()!.getAttribute('aria-checked')).to.equal('true');
      await settled(alerts.el);
      expect(recorder.said(alerts.root)).to.deep.equal([]);
    });
  });

  describe('the built-in call', () => {
    /** Remote videos refuse to play with sound, as a browser's autoplay policy does without a click. */
    function refuseSound(): () => void {
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        if (this.getAttribute('part') === 'remote-video' && !this.muted) return Promise.reject(new DOMException('no gesture', 'NotAllowedError'));
        return play.call(this);
      };
      return () => {
        HTMLMediaElement.prototype.play = play;
      };
    }

    it('Turn On Sound: its coming is said, and after the press focus goes to the call status', async () => {
      const restore = refuseSound();
      try {
        const { sessionId } = await acceptedSession(backend, { bothEntered: true });
        const requester = await mount<HTMLElement>(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${fakeMediaLayer()}></vc-waiting-room>`);
        await mount<HTMLElement>(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${fakeMediaLayer()}></vc-waiting-room>`);
        const unmute = () => shadow(requester.el).querySelector<HTMLButtonElement>('[part="unmute-button"]:not([hidden])');
        await waitUntil(unmute, 'Turn On Sound never showed', { timeout: 20_000 });
        await waitUntil(() => recorder.heard(requester.root).some((h) => h.text.includes('Turn On Sound')), `never said:\n${String(recorder)}`);
        expect(recorder.said(requester.root).filter((s) => s.includes('Turn On Sound'))).to.deep.equal([
          'polite: The browser started the call without sound. Choose Turn On Sound to hear Dr. Amara Okafor.',
        ]);
        restore();
        unmute()!.focus();
        unmute()!.click();
        const status = () => shadow(requester.el).querySelector('[part="call-status"]');
        await focusReaches(status, 'focus did not reach the call status');
        expect(text(status())).to.match(/Dr\. Amara Okafor/);
      } finally {
        restore();
      }
    });
  });
});
