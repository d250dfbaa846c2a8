import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { Clinic } from '../../src/core/clinic.js';
import { acceptedSession as acceptedSessionOn, closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import { mountInClinic, recordEvents, settled, shadow } from '../support/mount.js';
import { announced, text } from '../support/harness.js';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import type { MeetingAdapter, MeetingContext } from '../../src/meeting/meeting-adapter.js';
import { allEnded, fakeMediaLayer, waitForPicture, waitForSound, type FakeMediaLayer } from '../support/fake-media.js';


describe('<vc-waiting-room>', () => {
  let backend: Backend;
  const realNow = Date.now;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => {
    Date.now = realNow;
    backend.faults.clear();
    closeAll();
  });

  const mountAs = (token: string, content: TemplateResult = html`<vc-waiting-room></vc-waiting-room>`) =>
    mountInClinic<VcWaitingRoom>(backend, token, content);
  const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
  const sessionOnServer = (id: string) => backend.state().sessions.find((s) => s.id === id)!;

  /** The requester's clinic asks Dr. Okafor for Urgent Care; Dr. Okafor's clinic accepts. */
  const acceptedSession = () => acceptedSessionOn(backend);

  it('says that no session is open when the user has entered none', async () => {
    await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await settled(el);
    expect(text(part(el, 'status'))).to.equal('No session is open.');
    expect(part(el, 'enter-button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the requester enters from here with session-id and is told that the provider knows', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    expect(text(part(el, 'title'))).to.equal('Session with Dr. Amara Okafor');
    expect(text(part(el, 'participant-status'))).to.equal('Not Arrived');
    expect(text(part(el, 'enter-button'))).to.equal('Enter Waiting Room');
    await expect(el).to.be.accessible();
    const intents = recordEvents(root, 'vc-session-enter');
    const entered = recordEvents(root, 'vc-session-entered');

    part(el, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(el);

    expect(sessionOnServer(sessionId).requester.status).to.equal('in-waiting-room');
    expect(intents.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(entered.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
    expect(text(part(el, 'status'))).to.equal('You are in the waiting room. Dr. Amara Okafor will start the meeting.');
    expect(text(part(el, 'told'))).to.equal('Your provider has been told that you are here.');
    expect(text(part(el, 'waited'))).to.match(/^Waiting for \d+ seconds?$/);
    expect(part(el, 'enter-button')).to.equal(null);
    expect(text(part(el, 'leave-button'))).to.equal('Leave Session');
    expect(shadow(el).querySelector('slot[name="device-check"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('without session-id, shows the session the requester entered elsewhere, live', async () => {
    const { desk, sessionId } = await acceptedSession();
    const { el } = await mountAs(TOKENS.frontDesk);
    await settled(el);
    expect(text(part(el, 'status'))).to.equal('No session is open.');
    await desk.enterSession(sessionId);
    await waitUntil(() => text(part(el, 'status')) === 'You are in the waiting room. Dr. Amara Okafor will start the meeting.');
  });

  it('tells the requester how long they have waited', async () => {
    let now = realNow();
    Date.now = () => now;
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => part(el, 'waited'));
    expect(text(part(el, 'waited'))).to.equal('Waiting for 0 seconds');
    now += 2 * 60_000 + 5_000;
    await waitUntil(() => text(part(el, 'waited')) === 'Waiting for 2 minutes', 'the waited time', { timeout: 3000 });
  });

  it('the provider sees the requester arrive, enters the meeting, and both sides switch to the meeting once', async () => {
    const { sessionId } = await acceptedSession();
    const provider = await mountAs(
      TOKENS.okafor,
      html`<vc-waiting-room session-id=${sessionId}><div slot="meeting" id="host-meeting">Video</div></vc-waiting-room>`,
    );
    const requester = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    const providerReady = recordEvents(provider.root, 'vc-meeting-ready');
    const requesterReady = recordEvents(requester.root, 'vc-meeting-ready');
    await waitUntil(() => part(provider.el, 'participant-status') && part(requester.el, 'enter-button'));
    expect(text(part(provider.el, 'title'))).to.equal('Session with Riverside Front Desk');
    expect(text(part(provider.el, 'participant'))).to.equal('Riverside Front Desk');
    expect(text(part(provider.el, 'participant-status'))).to.equal('Not Arrived');
    expect(text(part(provider.el, 'enter-button'))).to.equal('Enter Meeting');
    await expect(provider.el).to.be.accessible();

    // The requester arrives: the provider sees it live and hears it once.
    part(requester.el, 'enter-button')!.click();
    await waitUntil(() => text(part(provider.el, 'participant-status')) === 'In Waiting Room');
    await waitUntil(() => announced(provider.el) === 'Riverside Front Desk is in the waiting room.');
    expect(text(part(provider.el, 'waited'))).to.match(/^Waiting for/);
    await expect(provider.el).to.be.accessible();

    // The provider starts the meeting.
    const entered = recordEvents(provider.root, 'vc-session-entered');
    part(provider.el, 'enter-button')!.click();
    await waitUntil(() => entered.length === 1);
    await settled(provider.el);
    expect(sessionOnServer(sessionId).provider.status).to.equal('in-meeting');
    expect(entered[0]!.detail).to.deep.equal({ sessionId, role: 'provider' });
    expect(text(part(provider.el, 'status'))).to.equal('In the meeting with Riverside Front Desk.');
    const slot = part(provider.el, 'meeting')!.querySelector('slot')!;
    expect(slot.assignedElements()).to.deep.equal([provider.el.querySelector('#host-meeting')]);
    await expect(provider.el).to.be.accessible();

    await waitUntil(() => text(part(requester.el, 'status')) === 'In the meeting with Dr. Amara Okafor.');
    await waitUntil(() => announced(requester.el) === 'Dr. Amara Okafor has started the meeting.');
    expect(part(requester.el, 'meeting')).to.not.equal(null);
    await expect(requester.el).to.be.accessible();

    await settled(provider.el);
    await settled(requester.el);
    expect(providerReady.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'provider' }]);
    expect(requesterReady.map((e) => e.detail)).to.deep.equal([{ sessionId, role: 'requester' }]);
  });

  it('Leave Session ends the session for both', async () => {
    const { desk, okafor, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    await okafor.enterSession(sessionId);
    const requester = await mountAs(TOKENS.frontDesk);
    const provider = await mountAs(TOKENS.okafor);
    await waitUntil(() => part(requester.el, 'meeting') && part(provider.el, 'meeting'));
    const left = recordEvents(provider.root, 'vc-session-left');

    part(provider.el, 'leave-button')!.click();
    await waitUntil(() => left.length === 1);
    await settled(provider.el);

    expect(sessionOnServer(sessionId).status).to.equal('ended');
    expect(left[0]!.detail).to.deep.equal({ sessionId, role: 'provider' });
    expect(text(part(provider.el, 'status'))).to.equal('No session is open.');
    expect(announced(provider.el)).to.equal('');
    await expect(provider.el).to.be.accessible();
    await waitUntil(() => text(part(requester.el, 'status')) === 'No session is open.');
    await waitUntil(() => announced(requester.el) === 'The session with Dr. Amara Okafor has ended.');
    await expect(requester.el).to.be.accessible();
  });

  it('a host can veto entering', async () => {
    const { sessionId } = await acceptedSession();
    const { el, root } = await mountAs(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    root.addEventListener('vc-session-enter', (event) => event.preventDefault());
    const entered = recordEvents(root, 'vc-session-entered');
    part(el, 'enter-button')!.click();
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionOnServer(sessionId).provider.status).to.equal('not-arrived');
    expect(entered).to.have.length(0);
    expect(text(part(el, 'enter-button'))).to.equal('Enter Meeting');
  });

  it('shows the message when leaving fails, and keeps the session', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el, root } = await mountAs(TOKENS.frontDesk);
    await waitUntil(() => part(el, 'leave-button'));
    const errors = recordEvents(root, 'vc-error');
    const left = recordEvents(root, 'vc-session-left');
    backend.faults.failNext(500, 3);
    part(el, 'leave-button')!.click();
    await waitUntil(() => errors.length === 1, 'vc-error', { timeout: 8000 });
    await settled(el);
    expect(errors[0]!.detail).to.deep.equal({ action: 'leave-session', targetId: sessionId, code: 'server-error' });
    expect(left).to.have.length(0);
    // Said at once through the clinic's assertive region, not a region beside the control (issue 20).
    await waitUntil(() => announced(el, 'assertive') === 'The clinic service had a problem. Please try again.', 'the failure was not said');
    expect(text(part(el, 'error'))).to.equal('The clinic service had a problem. Please try again.');
    expect(text(part(el, 'leave-button'))).to.equal('Leave Session');
    expect(sessionOnServer(sessionId).status).to.equal('open');
    await expect(el).to.be.accessible();
  });

  it('works from the keyboard', async () => {
    const { desk, sessionId } = await acceptedSession();
    await desk.enterSession(sessionId);
    const { el } = await mountAs(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId}></vc-waiting-room>`);
    await waitUntil(() => part(el, 'enter-button'));
    part(el, 'enter-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sessionOnServer(sessionId).provider.status === 'in-meeting');
    await waitUntil(() => shadow(el).activeElement === part(el, 'title'));
    // The call's controls appear once the call has started (on a busy machine, a moment after the title).
    await waitUntil(() => part(el, 'microphone-button'), "the call's controls never appeared");
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement, "the call's controls come first").to.equal(part(el, 'microphone-button'));
    for (let i = 0; i < 10 && shadow(el).activeElement !== part(el, 'leave-button'); i++) await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(part(el, 'leave-button'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => sessionOnServer(sessionId).status === 'ended');
    await waitUntil(() => shadow(el).activeElement === part(el, 'status'));
  });

  describe('camera and microphone check', function () {
    this.timeout(30_000);
    const video = (el: Element, name: string) => part(el, name) as HTMLVideoElement | null;

    /** The requester has entered the waiting room of an accepted session, with this media layer. */
    async function waitingRequester(layer: FakeMediaLayer = fakeMediaLayer()) {
      const { desk, okafor, sessionId } = await acceptedSession();
      await desk.enterSession(sessionId);
      const mounted = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room .mediaLayer=${layer}></vc-waiting-room>`);
      await waitUntil(() => part(mounted.el, 'media'));
      return { ...mounted, layer, okafor, sessionId };
    }

    it('the requester sees their camera preview, a moving microphone meter, and the devices to choose from', async () => {
      const { el } = await waitingRequester();
      await waitForPicture(() => video(el, 'preview'), 'the camera preview');
      expect(video(el, 'preview')!.getAttribute('aria-label')).to.equal('Your camera preview');
      expect(part(el, 'media')!.getAttribute('aria-label')).to.equal('Camera and microphone check');

      const meter = part(el, 'meter')!;
      expect(meter.getAttribute('role')).to.equal('meter');
      expect(meter.getAttribute('aria-label')).to.equal('Microphone level');
      const readings = new Set<string>();
      await waitUntil(
        () => {
          readings.add(meter.getAttribute('aria-valuenow')!);
          return readings.size >= 3 && [...readings].some((value) => Number(value) > 20);
        },
        'the meter moving with the fake microphone',
        { timeout: 15_000 },
      );

      await waitUntil(() => part(el, 'camera-select') && part(el, 'microphone-select'), 'the device choices', { timeout: 15_000 });
      const labels = [...shadow(el).querySelectorAll('[part="device-label"]')].map((label) => text(label.querySelector('span')));
      expect(labels).to.deep.equal(['Camera', 'Microphone']);
      const cameras = part(el, 'camera-select') as HTMLSelectElement;
      expect(cameras.options.length).to.be.greaterThan(0);
      expect(cameras.value).to.equal((video(el, 'preview')!.srcObject as MediaStream).getVideoTracks()[0]!.getSettings().deviceId);
      expect(text(part(el, 'media-messages'))).to.equal('');
      await expect(el).to.be.accessible();
    });

    it('choosing another microphone switches to it and releases the old one', async () => {
      const { el, layer } = await waitingRequester();
      await waitUntil(() => part(el, 'microphone-select'), 'the microphone choice', { timeout: 15_000 });
      const before = video(el, 'preview')!.srcObject as MediaStream;
      const select = part(el, 'microphone-select') as HTMLSelectElement;
      const other = [...select.options].find((option) => option.value !== select.value)!;
      select.value = other.value;
      select.dispatchEvent(new Event('change'));
      await waitUntil(
        () => (video(el, 'preview')!.srcObject as MediaStream | null)?.getAudioTracks()[0]?.getSettings().deviceId === other.value,
        'the other microphone in use',
        { timeout: 15_000 },
      );
      expect(allEnded([before])).to.equal(true);
      expect(layer.calls.at(-1)!.audio).to.deep.equal({ deviceId: { exact: other.value } });
    });

    const problems: Array<{ name: string; layer: () => FakeMediaLayer; message: string; retry: boolean; meter: boolean }> = [
      {
        name: 'permission denied',
        layer: () => fakeMediaLayer({ video: 'NotAllowedError', audio: 'NotAllowedError' }),
        message:
          "Your browser is blocking your camera and microphone for this page. Allow it (the camera icon in the address bar, or the browser's site settings), then choose Try Again.",
        retry: true,
        meter: false,
      },
      {
        name: 'no camera',
        layer: () => fakeMediaLayer({ video: 'NotFoundError' }),
        message: 'No camera was found. Connect one, then choose Try Again.',
        retry: true,
        meter: true,
      },
      {
        name: 'no device at all',
        layer: () => fakeMediaLayer({ video: 'NotFoundError', audio: 'NotFoundError' }),
        message: 'No camera and microphone was found. Connect one, then choose Try Again.',
        retry: true,
        meter: false,
      },
      {
        name: 'a camera in use by another program',
        layer: () => fakeMediaLayer({ video: 'NotReadableError' }),
        message: 'Your camera is in use by another program, such as another video call. Close that program, then choose Try Again.',
        retry: true,
        meter: true,
      },
      {
        name: 'an insecure page',
        layer: () => Object.assign(fakeMediaLayer(), { secure: false }),
        message:
          'Cameras and microphones only work on a secure page (an address starting with https://). Ask your clinic’s IT team to open this page over https.',
        retry: false,
        meter: false,
      },
    ];
    for (const problem of problems) {
      it(`${problem.name}: says what to do, and the requester stays in the waiting room`, async () => {
        const { el } = await waitingRequester(problem.layer());
        await waitUntil(() => text(part(el, 'media-messages')) !== '', 'a message');
        await waitUntil(() => announced(el, 'assertive') === problem.message, `said: "${announced(el, 'assertive')}"`);
        expect(text(part(el, 'media-messages'))).to.equal(problem.message);
        expect(text(part(el, 'media-stay'))).to.equal('You can stay in the waiting room without them: your provider still knows that you are here.');
        expect(Boolean(part(el, 'retry-button')), 'Try Again').to.equal(problem.retry);
        expect(Boolean(part(el, 'meter')), 'the meter, where the microphone works').to.equal(problem.meter);
        expect(video(el, 'preview')!.hidden).to.equal(true);
        expect(text(part(el, 'preview-placeholder'))).to.equal('No camera picture');
        expect(text(part(el, 'status'))).to.equal('You are in the waiting room. Dr. Amara Okafor will start the meeting.');
        expect(text(part(el, 'leave-button'))).to.equal('Leave Session');
        await expect(el).to.be.accessible();
      });
    }

    it('Try Again opens the devices once the problem is solved', async () => {
      const { el, layer } = await waitingRequester(fakeMediaLayer({ video: 'NotReadableError' }));
      await waitUntil(() => part(el, 'retry-button'));
      layer.fail = {};
      part(el, 'retry-button')!.click();
      await waitForPicture(() => video(el, 'preview'));
      expect(text(part(el, 'media-messages'))).to.equal('');
      expect(part(el, 'retry-button')).to.equal(null);
    });

    it('releases the camera and microphone when the element leaves the page', async () => {
      const { el, layer } = await waitingRequester();
      await waitForPicture(() => video(el, 'preview'));
      el.remove();
      await waitUntil(() => allEnded(layer.streams), 'every track stopped');
    });

    it('releases the camera and microphone when the session ends', async () => {
      const { el, layer, okafor, sessionId } = await waitingRequester();
      await waitForPicture(() => video(el, 'preview'));
      await okafor.leaveSession(sessionId);
      await waitUntil(() => text(part(el, 'status')) === 'No session is open.');
      await waitUntil(() => allEnded(layer.streams), 'every track stopped');
      expect(layer.streams.length).to.be.greaterThan(0);
    });

    it('the provider may check camera and microphone before Enter Meeting', async () => {
      const { sessionId } = await acceptedSession();
      const layer = fakeMediaLayer();
      const { el } = await mountAs(TOKENS.okafor, html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${layer}></vc-waiting-room>`);
      await waitUntil(() => part(el, 'check-button'));
      expect(text(part(el, 'check-button'))).to.equal('Check Camera and Microphone');
      expect(layer.calls, 'nothing opened before the click').to.have.length(0);
      await expect(el).to.be.accessible();
      part(el, 'check-button')!.click();
      await waitForPicture(() => video(el, 'preview'));
      expect(part(el, 'meter')).to.not.equal(null);
      expect(text(part(el, 'enter-button'))).to.equal('Enter Meeting');
      await expect(el).to.be.accessible();
    });

    it('no-device-check leaves the check out', async () => {
      const { desk, sessionId } = await acceptedSession();
      await desk.enterSession(sessionId);
      const layer = fakeMediaLayer();
      const { el } = await mountAs(TOKENS.frontDesk, html`<vc-waiting-room no-device-check .mediaLayer=${layer}></vc-waiting-room>`);
      await waitUntil(() => part(el, 'told'));
      await settled(el);
      expect(part(el, 'media')).to.equal(null);
      expect(layer.calls).to.have.length(0);
    });
  });

  describe('the meeting', function () {
    this.timeout(30_000);
    const video = (el: Element, name: string) => part(el, name) as HTMLVideoElement | null;

    /** Both sides on screen; the requester waits with their camera checked. */
    async function bothSides(options: { requesterAdapter?: MeetingAdapter | null; providerAdapter?: MeetingAdapter | null } = {}) {
      const { sessionId } = await acceptedSession();
      const deskMedia = fakeMediaLayer();
      const okaforMedia = fakeMediaLayer();
      const requester = await mountAs(
        TOKENS.frontDesk,
        options.requesterAdapter === undefined
          ? html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${deskMedia}></vc-waiting-room>`
          : html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${deskMedia} .meetingAdapter=${options.requesterAdapter}></vc-waiting-room>`,
      );
      const provider = await mountAs(
        TOKENS.okafor,
        options.providerAdapter === undefined
          ? html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${okaforMedia}></vc-waiting-room>`
          : html`<vc-waiting-room session-id=${sessionId} .mediaLayer=${okaforMedia} .meetingAdapter=${options.providerAdapter}></vc-waiting-room>`,
      );
      await waitUntil(() => part(requester.el, 'enter-button') && part(provider.el, 'enter-button'));
      part(requester.el, 'enter-button')!.click();
      await waitForPicture(() => video(requester.el, 'preview'), "the requester's preview");
      return { sessionId, requester, provider, deskMedia, okaforMedia };
    }

    it('when the provider enters, both see and hear each other, over the camera the requester checked', async () => {
      const { requester, provider, deskMedia } = await bothSides();
      const checked = video(requester.el, 'preview')!.srcObject as MediaStream;
      const opened = deskMedia.calls.length;
      part(provider.el, 'enter-button')!.click();

      await waitForPicture(() => video(requester.el, 'remote-video'), "the provider's video at the requester's");
      await waitForPicture(() => video(provider.el, 'remote-video'), "the requester's video at the provider's");
      await waitForSound(video(requester.el, 'remote-video')!.srcObject as MediaStream, "the provider's sound");
      await waitForSound(video(provider.el, 'remote-video')!.srcObject as MediaStream, "the requester's sound");
      expect(video(requester.el, 'local-video')!.srcObject, 'the checked stream went on into the call').to.equal(checked);
      expect(deskMedia.calls.length, 'the camera was not opened again').to.equal(opened);
      expect(video(requester.el, 'remote-video')!.getAttribute('aria-label')).to.equal('Video of Dr. Amara Okafor');
      expect(video(provider.el, 'remote-video')!.getAttribute('aria-label')).to.equal('Video of Riverside Front Desk');
      expect(part(requester.el, 'media'), 'the check is over').to.equal(null);
      await waitUntil(() => text(part(requester.el, 'call-status')) === 'Connected to Dr. Amara Okafor.');
      await expect(requester.el).to.be.accessible();
      await expect(provider.el).to.be.accessible();
    });

    it('leaving ends the call on both sides and releases every device', async () => {
      const { requester, provider, deskMedia, okaforMedia, sessionId } = await bothSides();
      part(provider.el, 'enter-button')!.click();
      await waitForPicture(() => video(provider.el, 'remote-video'));
      await waitForPicture(() => video(requester.el, 'remote-video'));

      part(requester.el, 'leave-button')!.click();
      await waitUntil(() => sessionOnServer(sessionId).status === 'ended');
      await waitUntil(() => text(part(provider.el, 'status')) === 'No session is open.');
      expect(part(provider.el, 'remote-video')).to.equal(null);
      await waitUntil(() => allEnded(deskMedia.streams) && allEnded(okaforMedia.streams), 'every track stopped on both sides');
      expect(okaforMedia.streams.length, 'the provider had opened their camera for the call').to.be.greaterThan(0);
    });

    it("a host's adapter gets the session's ids and a container, and ends with the session", async () => {
      const started: MeetingContext[] = [];
      let ended = 0;
      let devicesAtStart: boolean | null = null;
      let deskMedia: FakeMediaLayer;
      const ownProduct: MeetingAdapter = {
        usesLocalStream: false,
        start(context) {
          started.push(context);
          devicesAtStart = allEnded(deskMedia.streams);
          const frame = document.createElement('p');
          frame.textContent = `Room ${context.sessionId}`;
          context.container.append(frame);
          return { end: () => ended++ };
        },
      };
      const sides = await bothSides({ requesterAdapter: ownProduct, providerAdapter: null });
      deskMedia = sides.deskMedia;
      const { requester, provider, sessionId } = sides;
      const session = sessionOnServer(sessionId);
      part(provider.el, 'enter-button')!.click();
      await waitUntil(() => started.length === 1);

      const context = started[0]!;
      expect(context.mediaLayer, 'the meeting gets the media layer').to.equal(deskMedia);
      const { mediaLayer: _layer, announce: _announce, iceServers: _ice, ...plain } = context;
      expect({ ...plain, container: null, signals: null, leave: null, term: null, routeAudio: null }).to.deep.equal({
        sessionId,
        requestId: session.requestId,
        role: 'requester',
        selfUserId: 'req-frontdesk',
        peerUserId: 'prov-okafor',
        peerName: 'Dr. Amara Okafor',
        container: null,
        localStream: null,
        audioOutputId: null,
        signals: null,
        leave: null,
        term: null,
        routeAudio: null,
      });
      expect(devicesAtStart, "the checked camera was released before the host's product took over").to.equal(true);
      expect(context.container).to.equal(part(requester.el, 'call'));
      expect(text(part(requester.el, 'call'))).to.equal(`Room ${sessionId}`);
      expect(part(provider.el, 'call'), 'meetingAdapter = null: no built-in call').to.equal(null);

      context.leave();
      await waitUntil(() => sessionOnServer(sessionId).status === 'ended');
      await waitUntil(() => ended === 1);
      await settled(requester.el);
      expect(started).to.have.length(1);
    });
  });
});
