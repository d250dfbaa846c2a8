/**
 * Issue 20.1 and 20.2: whoever removes the focused control (the other user, or the user's own
 * press), focus goes to what replaced it, or the nearest meaningful heading, and never rests on
 * `<body>`. Two users on one shared clinic, each in their own `<vc-clinic>` on this page (one tab
 * each would hold focus in the tab in front only): the requester's and the provider's dashboards.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { closeAll, createBackend, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, shadow, type Mounted } from '../support/mount.js';
import { announced, text } from '../support/harness.js';
import { FocusRecorder, focusReaches, onScreen } from '../support/focus-recorder.js';
import { fakeMediaLayer } from '../support/fake-media.js';

describe('focus manager: focus follows every change, never through <body> (issue 20)', function () {
  this.timeout(30_000);
  let backend: Backend;
  let recorder: FocusRecorder;
  let requester: Mounted<HTMLElement>;
  let provider: Mounted<HTMLElement>;

  beforeEach(async () => {
    backend = createBackend();
    requester = await mountInClinic(backend, TOKENS.frontDesk, html`<vc-requester-dashboard no-device-check .meetingAdapter=${null}></vc-requester-dashboard>`);
    provider = await mountInClinic(
      backend,
      TOKENS.okafor,
      html`<vc-provider-dashboard no-sound no-notifications .meetingAdapter=${null} .mediaLayer=${fakeMediaLayer()}></vc-provider-dashboard>`,
    );
    recorder = new FocusRecorder();
  });
  afterEach(() => {
    recorder.stop();
    requester.clinic.destroy();
    provider.clinic.destroy();
    closeAll();
    fixtureCleanup();
  });

  /** The inner tag `part` of a dashboard, and an element of its shadow root. */
  const inner = (dashboard: Mounted<HTMLElement>, part: string) => shadow(dashboard.el).querySelector<HTMLElement>(`[part~="${part}"]`)!;
  const find = (dashboard: Mounted<HTMLElement>, part: string, selector: string) => shadow(inner(dashboard, part)).querySelector<HTMLElement>(selector);
  const button = (dashboard: Mounted<HTMLElement>, part: string, name: string) =>
    [...shadow(inner(dashboard, part)).querySelectorAll<HTMLElement>('button')].find((b) => text(b) === name) ?? null;

  /** Focuses a control as a keyboard user arrives on it; the recording starts there. */
  async function focusOn(control: () => HTMLElement | null, name: string): Promise<HTMLElement> {
    await waitUntil(control, `no ${name}`);
    const element = control()!;
    element.focus();
    await focusReaches(() => element, `${name} never took focus`);
    recorder.steps.length = 0;
    return element;
  }

  function neverOnBody(): void {
    expect(recorder.passesThroughBody().length, String(recorder)).to.equal(0);
  }

  /** Waits until `target` has focus; on failure tells where focus went on the way. */
  async function focusGoesTo(target: () => Element | null | undefined, what: string): Promise<void> {
    await focusReaches(target, `focus did not reach ${what}`).catch((error: Error) => {
      throw new Error(`${error.message}\n${String(recorder)}`);
    });
  }

  /** The requester asks Dr. Okafor (Urgent Care); resolves with the request's id. */
  async function requestOkafor(clinic: Clinic = requester.clinic): Promise<string> {
    const sent = await clinic.requestSession('prov-okafor', 'svc-urgent');
    if (!sent.ok || !sent.request) throw new Error('request failed');
    return sent.request.id;
  }

  /** A session between the two, as `enter` leaves each. */
  async function session(enter: { requester?: boolean; provider?: boolean } = {}): Promise<string> {
    const requestId = await requestOkafor();
    const accepted = await provider.clinic.acceptRequest(requestId, { enter: Boolean(enter.provider) });
    if (!accepted.ok || !accepted.session) throw new Error('accept failed');
    const sessionId = accepted.session.id;
    if (enter.requester) {
      await waitUntil(() => requester.clinic.$sessionById.get()[sessionId], 'the requester never saw the session');
      const entered = await requester.clinic.enterSession(sessionId);
      if (!entered.ok) throw new Error('enter failed');
    }
    return sessionId;
  }

  const cancelButton = () => find(requester, 'providers', '#cancel-prov-okafor');

  describe('the other user removes the focused control', () => {
    it('requester on Cancel Request, the provider accepts: focus goes to the new session', async () => {
      const requestId = await requestOkafor();
      await focusOn(cancelButton, 'Cancel Request');
      const accepted = await provider.clinic.acceptRequest(requestId);
      expect(accepted.ok).to.equal(true);
      const title = () => find(requester, 'sessions', `[part="title"][data-focus-request="${requestId}"]`);
      await focusGoesTo(title, 'the new session');
      expect(text(title())).to.equal('Session with Dr. Amara Okafor');
      neverOnBody();
    });

    it('requester on Cancel Request, the provider declines: focus goes to the notice', async () => {
      const requestId = await requestOkafor();
      await focusOn(cancelButton, 'Cancel Request');
      await provider.clinic.declineRequest(requestId, null);
      const message = () => find(requester, 'notices', `[part="message"][data-focus-request="${requestId}"]`);
      await focusGoesTo(message, 'the decline notice');
      expect(text(message())).to.include('Dr. Amara Okafor');
      neverOnBody();
    });

    it('requester on Cancel Request, the provider goes unavailable: focus goes to the notice', async () => {
      const requestId = await requestOkafor();
      await focusOn(cancelButton, 'Cancel Request');
      await provider.clinic.setAvailability(false);
      const message = () => find(requester, 'notices', `[part="message"][data-focus-request="${requestId}"]`);
      await focusGoesTo(message, 'the notice');
      neverOnBody();
    });

    it('requester on Leave Session, the provider leaves: focus goes to what the waiting room says now', async () => {
      const sessionId = await session({ requester: true, provider: true });
      await focusOn(() => find(requester, 'waiting-room', '[part="leave-button"]'), 'Leave Session');
      await provider.clinic.leaveSession(sessionId);
      const none = () => find(requester, 'waiting-room', '[part="status"]');
      await focusGoesTo(none, 'the waiting room');
      expect(text(none())).to.equal('No session is open.');
      neverOnBody();
    });

    it('provider on Leave Session, the requester leaves: focus goes to what the waiting room says now', async () => {
      const sessionId = await session({ requester: true, provider: true });
      await focusOn(() => find(provider, 'waiting-room', '[part="leave-button"]'), 'Leave Session');
      await requester.clinic.leaveSession(sessionId);
      const none = () => find(provider, 'waiting-room', '[part="status"]');
      await focusGoesTo(none, 'the waiting room');
      expect(text(none())).to.equal('No session is open.');
      neverOnBody();
    });

    it('provider on Enter Meeting, the requester leaves the waiting room: focus goes to the Sessions heading', async () => {
      const sessionId = await session({ requester: true });
      await focusOn(() => find(provider, 'sessions', `[data-session-id="${sessionId}"] [part="enter-button"]`), 'Enter Meeting');
      await requester.clinic.leaveSession(sessionId);
      const heading = () => find(provider, 'sessions', '[part="heading"]');
      await focusGoesTo(heading, 'the Sessions heading');
      expect(text(heading())).to.equal('Sessions');
      neverOnBody();
    });
  });

  describe('what the requester is told (issue 20.3)', () => {
    it('the provider accepts: the requester hears it once, in words that stand alone', async () => {
      const requestId = await requestOkafor();
      await waitUntil(cancelButton, 'no Cancel Request');
      await provider.clinic.acceptRequest(requestId);
      const said = () => announced(requester.el);
      await waitUntil(() => said() !== 'Request sent to Dr. Amara Okafor.' && said() !== '', 'the acceptance was never said');
      expect(said()).to.equal('Dr. Amara Okafor accepted your request. Your session is listed under Sessions.');
    });
  });

  it('the requester cancels: the provider hears it once', async () => {
    const requestId = await requestOkafor();
    await waitUntil(() => find(provider, 'queue', `#item-${requestId}`), 'the request never reached the queue');
    await requester.clinic.cancelRequest(requestId);
    const said = () => announced(provider.el);
    await waitUntil(() => said().includes('cancelled'), `the cancellation was never said: "${said()}"`);
    expect(said()).to.equal('Riverside Front Desk cancelled their request.');
  });

  describe("the user's own press replaces the control", () => {
    it('Accept: focus goes to the new session, not the queue heading', async () => {
      const requestId = await requestOkafor();
      const accept = await focusOn(() => find(provider, 'queue', `#item-${requestId} [part~="accept-button"]`), 'Accept');
      accept.click();
      const title = () => find(provider, 'sessions', `[part="title"][data-focus-request="${requestId}"]`);
      await focusGoesTo(title, 'the new session');
      neverOnBody();
    });

    it('Accept and Enter: focus goes to the session in the waiting room', async () => {
      const requestId = await requestOkafor();
      const accept = await focusOn(() => find(provider, 'queue', `#item-${requestId} [part~="accept-enter-button"]`), 'Accept and Enter');
      accept.click();
      const title = () => find(provider, 'waiting-room', `[part="title"][data-focus-request="${requestId}"]`);
      await focusGoesTo(title, 'the waiting room');
      neverOnBody();
    });

    it('Enter Waiting Room: focus goes to the waiting room, on screen', async () => {
      const sessionId = await session();
      const enter = await focusOn(() => find(requester, 'sessions', `[data-session-id="${sessionId}"] [part="enter-button"]`), 'Enter Waiting Room');
      enter.click();
      const title = () => find(requester, 'waiting-room', `[part="title"][data-focus-session="${sessionId}"]`);
      await focusGoesTo(title, 'the waiting room');
      expect(onScreen(title()!)).to.equal(true);
      neverOnBody();
    });

    it('Enter Meeting from the sessions: focus goes to the meeting in the waiting room, on screen', async () => {
      const sessionId = await session({ requester: true });
      const enter = await focusOn(() => find(provider, 'sessions', `[data-session-id="${sessionId}"] [part="enter-button"]`), 'Enter Meeting');
      enter.click();
      const title = () => find(provider, 'waiting-room', `[part="title"][data-focus-session="${sessionId}"]`);
      await focusGoesTo(title, 'the meeting');
      expect(onScreen(title()!)).to.equal(true);
      neverOnBody();
    });

    it('Check Camera and Microphone: focus goes to the check that replaced the button', async () => {
      await session({ provider: true });
      const check = await focusOn(() => find(provider, 'waiting-room', '[part="check-button"]'), 'Check Camera and Microphone');
      check.click();
      const group = () => find(provider, 'waiting-room', '[part="media"]');
      await focusGoesTo(group, 'the check');
      expect(group()!.getAttribute('aria-label')).to.equal('Camera and microphone check');
      neverOnBody();
    });

    /** The requester waits with camera and microphone refused, keyboard focus on Try Again (in a waiting room of its own). */
    async function refusedCheck() {
      await session({ requester: true });
      const layer = fakeMediaLayer({ video: 'NotAllowedError', audio: 'NotAllowedError' });
      const room = await mountInClinic<HTMLElement>(backend, TOKENS.frontDesk, html`<vc-waiting-room .mediaLayer=${layer}></vc-waiting-room>`);
      const retry = await focusOn(() => shadow(room.el).querySelector<HTMLElement>('[part="retry-button"]'), 'Try Again');
      return { room, layer, retry };
    }

    it('Try Again after a refused camera: focus goes to the check, never to <body>', async () => {
      const { room, layer, retry } = await refusedCheck();
      try {
        // The user allowed the camera and microphone meanwhile: Try Again goes through, and the button goes.
        layer.fail = {};
        retry.click();
        const check = () => shadow(room.el).querySelector('[part="media"]');
        await focusGoesTo(check, 'the camera and microphone check');
        await waitUntil(() => !shadow(room.el).querySelector('[part="retry-button"]'), 'Try Again stayed');
        expect(check()!.getAttribute('aria-label')).to.equal('Camera and microphone check');
        expect(onScreen(check()!)).to.equal(true);
        neverOnBody();
      } finally {
        room.clinic.destroy();
      }
    });

    it('Try Again, refused again: focus stays in the check, never on <body>', async () => {
      const { room, layer, retry } = await refusedCheck();
      try {
        const calls = layer.calls.length;
        retry.click();
        await waitUntil(() => layer.calls.length > calls && shadow(room.el).querySelector('[part="retry-button"]'), 'Try Again never came back');
        const check = () => shadow(room.el).querySelector('[part="media"]');
        await focusGoesTo(() => {
          const active = shadow(room.el).activeElement;
          return active && check()!.contains(active) ? active : check();
        }, 'the check');
        neverOnBody();
      } finally {
        room.clinic.destroy();
      }
    });

    it('Request Again: focus goes to the new request\'s Cancel Request', async () => {
      const requestId = await requestOkafor();
      await provider.clinic.declineRequest(requestId, null);
      const again = await focusOn(() => find(requester, 'notices', '[part="request-again-button"]'), 'Request Again');
      again.click();
      await focusGoesTo(cancelButton, 'Cancel Request');
      neverOnBody();
    });

    it('Dismiss of the last notice: focus goes to the next heading, never a zero-height wrapper', async () => {
      const requestId = await requestOkafor();
      await provider.clinic.declineRequest(requestId, null);
      const dismiss = await focusOn(() => find(requester, 'notices', '[part="dismiss-button"]'), 'Dismiss');
      dismiss.click();
      const heading = () => find(requester, 'sessions', '[part="heading"]');
      await focusGoesTo(heading, 'the Sessions heading');
      neverOnBody();
      await expect(requester.el).to.be.accessible();
    });
  });
});
