/**
 * The built-in call's controls and recovery (issue 18 §1–2), through two <vc-waiting-room>s on one
 * mock clinic: each control is checked by what the other side receives.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { Signal } from '../../src/core/model.js';
import type { VcWaitingRoom } from '../../src/elements/waiting-room/waiting-room.js';
import { closeAll, createBackend, open, TOKENS, type Backend } from '../support/fixtures.js';
import {
  allEnded,
  colourCamera,
  colourOf,
  fakeMediaLayer,
  framesShown,
  toneMicrophone,
  waitForPicture,
  waitForSilence,
  waitForSound,
  type FakeMediaLayer,
} from '../support/fake-media.js';
import { mountInClinic, recordEvents, shadow, type Mounted } from '../support/mount.js';

describe('the built-in call', function () {
  this.timeout(60_000);
  let backend: Backend;
  beforeEach(() => {
    backend = createBackend();
  });
  afterEach(() => closeAll());

  const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
  const video = (el: Element, name: string) => part(el, name) as HTMLVideoElement | null;
  const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const remoteStream = (el: Element) => video(el, 'remote-video')?.srcObject as MediaStream | null;
  const announced = (el: Element) => text(part(el, 'announcer'));
  const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 15_000 });

  interface Side extends Mounted<VcWaitingRoom> {
    media: FakeMediaLayer;
  }

  async function mountSide(token: string, sessionId: string, media: FakeMediaLayer, lang = 'en'): Promise<Side> {
    const mounted = await mountInClinic<VcWaitingRoom>(backend, token, html`<vc-waiting-room lang=${lang} session-id=${sessionId} .mediaLayer=${media}></vc-waiting-room>`);
    return { ...mounted, media };
  }

  /** Both in the call, seeing and hearing each other. */
  async function inCall(deskMedia = fakeMediaLayer(), okaforMedia = fakeMediaLayer(), lang = 'en') {
    const desk = await open(backend, TOKENS.frontDesk);
    const requested = await desk.requestSession('prov-okafor', 'svc-urgent');
    if (!requested.ok) throw requested.error;
    const okaforClinic = await open(backend, TOKENS.okafor);
    const accepted = await okaforClinic.acceptRequest(requested.changes.requests[0]!.id, { enter: true });
    if (!accepted.ok) throw accepted.error;
    const sessionId = accepted.changes.sessions[0]!.id;
    await desk.enterSession(sessionId);
    const requester = await mountSide(TOKENS.frontDesk, sessionId, deskMedia, lang);
    const provider = await mountSide(TOKENS.okafor, sessionId, okaforMedia);
    await waitForPicture(() => video(requester.el, 'remote-video'), "the provider's picture");
    await waitForPicture(() => video(provider.el, 'remote-video'), "the requester's picture");
    return { sessionId, requester, provider };
  }

  it('Mute Microphone: the other side hears nothing and sees "muted"; unmuting brings the sound back; each change said once', async () => {
    const { requester, provider, sessionId } = await inCall();
    const changes = recordEvents(requester.el, 'vc-call-microphone-change');
    const button = part(requester.el, 'microphone-button')!;
    expect(text(button)).to.equal('Mute Microphone');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    await waitForSound(remoteStream(provider.el), 'sound before muting');

    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button.getAttribute('aria-pressed') === 'true', 'pressed');
    await until(() => announced(requester.el) === 'Your microphone is muted.', 'said to the requester');
    await until(() => text(part(provider.el, 'peer-muted')) === 'Riverside Front Desk is muted.', 'the provider sees the indicator');
    expect(announced(provider.el)).to.equal('Riverside Front Desk is muted.');
    await waitForSilence(remoteStream(provider.el), 'the provider hears nothing');
    expect(changes.map((e) => e.detail)).to.deep.equal([{ sessionId, muted: true }]);
    await expect(requester.el).to.be.accessible();
    await expect(provider.el).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await until(() => button.getAttribute('aria-pressed') === 'false', 'unpressed');
    await waitForSound(remoteStream(provider.el), 'the provider hears the requester again');
    await until(() => part(provider.el, 'peer-muted') === null, 'the indicator is gone');
    expect(announced(requester.el)).to.equal('Your microphone is on.');
    expect(changes.map((e) => e.detail.muted)).to.deep.equal([true, false]);
  });

  it('Turn Off Camera: no more frames reach the other side, which says so, and the camera light goes off; on again, pictures come back', async () => {
    const { requester, provider, sessionId } = await inCall();
    const changes = recordEvents(requester.el, 'vc-call-camera-change');
    const remote = video(provider.el, 'remote-video')!;
    part(requester.el, 'camera-button')!.click();
    await until(() => part(requester.el, 'camera-button')!.getAttribute('aria-pressed') === 'true', 'pressed');
    await until(() => text(part(provider.el, 'peer-camera-off')) === 'Riverside Front Desk turned their camera off.', 'the provider sees it');
    await until(() => requester.media.streams.every((s) => s.getVideoTracks().every((t) => t.readyState === 'ended')), 'the camera is released');
    expect(part(requester.el, 'local-video'), 'no preview without a camera').to.equal(null);
    // Frames in flight may still land: then none for the time of two beeps of the microphone, which still arrive.
    await waitForSound(remoteStream(provider.el), 'a beep');
    const frames = framesShown(remote);
    await waitForSilence(remoteStream(provider.el), 'after that beep', 300, 0.2);
    await waitForSound(remoteStream(provider.el), 'another beep');
    expect(framesShown(remote), 'no new video frame').to.equal(frames);
    expect(changes.map((e) => e.detail)).to.deep.equal([{ sessionId, cameraOff: true }]);
    await expect(provider.el).to.be.accessible();

    part(requester.el, 'camera-button')!.click();
    await until(() => framesShown(remote) > frames + 5, 'pictures again');
    await until(() => part(provider.el, 'peer-camera-off') === null, 'the indicator is gone');
    expect(announced(requester.el)).to.equal('Your camera is on.');
  });

  it('choosing another camera or microphone mid-call sends the new device, on the same connection', async () => {
    const deskMedia = fakeMediaLayer();
    deskMedia.custom = { 'red-camera': () => colourCamera('rgb(255, 0, 0)'), 'tone-microphone': toneMicrophone };
    const { requester, provider, sessionId } = await inCall(deskMedia);
    const offers: Signal[] = [];
    provider.clinic.on('signal', (signal) => signal.type === 'answer' && offers.push(signal));
    const changes = recordEvents(requester.el, 'vc-call-device-change');
    const remoteTracks = remoteStream(provider.el)!.getTracks();
    const firstTracks = deskMedia.streams[0]!.getTracks();
    const browserDevices = await navigator.mediaDevices.enumerateDevices();
    deskMedia.devices = [
      ...browserDevices,
      { deviceId: 'red-camera', kind: 'videoinput', label: 'Red Camera' },
      { deviceId: 'tone-microphone', kind: 'audioinput', label: 'Tone Microphone' },
    ];
    deskMedia.deviceChange();
    await until(() => part(requester.el, 'call-camera-select')?.querySelector('option[value="red-camera"]'), 'the new camera is listed');

    const cameraSelect = part(requester.el, 'call-camera-select') as HTMLSelectElement;
    cameraSelect.value = 'red-camera';
    cameraSelect.dispatchEvent(new Event('change'));
    const remote = video(provider.el, 'remote-video')!;
    await until(() => {
      const [r, g, b] = colourOf(remote);
      return r > 200 && g < 60 && b < 60;
    }, "the provider sees the red camera's picture");
    expect(announced(requester.el)).to.equal('Switched to Red Camera.');

    const microphoneSelect = part(requester.el, 'call-microphone-select') as HTMLSelectElement;
    microphoneSelect.value = 'tone-microphone';
    microphoneSelect.dispatchEvent(new Event('change'));
    await until(() => changes.length === 2, 'two changes');
    await waitForSound(remoteStream(provider.el), "the tone microphone's sound");
    expect(firstTracks.every((t) => t.readyState === 'ended'), 'the first camera and microphone were released').to.equal(true);
    expect(remoteStream(provider.el)!.getTracks(), 'the same tracks: nothing was renegotiated').to.deep.equal(remoteTracks);
    expect(offers, 'no new offer was answered').to.deep.equal([]);
    expect(changes.map((e) => e.detail)).to.deep.equal([
      { sessionId, kind: 'videoinput', deviceId: 'red-camera', reason: 'chosen' },
      { sessionId, kind: 'audioinput', deviceId: 'tone-microphone', reason: 'chosen' },
    ]);
  });

  it('choosing another speaker plays the other side there, where the browser allows it', async () => {
    const deskMedia = fakeMediaLayer();
    (deskMedia as { canChooseSpeaker: boolean }).canChooseSpeaker = true;
    deskMedia.devices = [
      ...(await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind !== 'audiooutput'),
      { deviceId: 'speaker-1', kind: 'audiooutput', label: 'Desk Speakers' },
      { deviceId: 'headset', kind: 'audiooutput', label: 'Headset' },
    ];
    const { requester } = await inCall(deskMedia);
    const select = (await (async () => {
      await until(() => part(requester.el, 'call-speaker-select'), 'the speaker choice');
      return part(requester.el, 'call-speaker-select');
    })()) as HTMLSelectElement;
    select.value = 'headset';
    select.dispatchEvent(new Event('change'));
    await until(() => deskMedia.speakers.some((s) => s.deviceId === 'headset' && s.element === video(requester.el, 'remote-video')), 'routed to the headset');
    expect(announced(requester.el)).to.equal('Switched to Headset.');
  });

  it('a camera unplugged mid-call: the sound goes on, and both sides are told', async () => {
    const deskMedia = fakeMediaLayer();
    const { requester, provider } = await inCall(deskMedia);
    const camera = (video(requester.el, 'local-video')!.srcObject as MediaStream).getVideoTracks()[0]!;
    deskMedia.fail.video = 'NotFoundError'; // no other camera to take over
    camera.stop();
    camera.dispatchEvent(new Event('ended')); // what the browser fires when the device goes away
    await until(() => text(part(requester.el, 'call-message')) === 'Your camera was disconnected. The call goes on without it.', 'said');
    await until(() => text(part(provider.el, 'peer-camera-off')) === 'Riverside Front Desk turned their camera off.', 'the provider sees it');
    await waitForSound(remoteStream(provider.el), 'the microphone still reaches the provider');
    expect(text(part(provider.el, 'call-status'))).to.equal('Connected to Riverside Front Desk.');
  });

  it('a reloaded page rejoins the same call', async () => {
    const { requester, provider, sessionId } = await inCall();
    // A reload: the page, its clinic and its call are gone without a goodbye; a new page comes.
    requester.root.remove();
    requester.clinic.destroy();
    await until(() => text(part(provider.el, 'call-status')).includes('Reconnecting'), 'the provider sees the drop');
    const again = await mountSide(TOKENS.frontDesk, sessionId, fakeMediaLayer());
    await waitForPicture(() => video(again.el, 'remote-video'), 'the provider, after the reload');
    await waitForPicture(() => video(provider.el, 'remote-video'), 'the requester, after the reload');
    await until(() => text(part(provider.el, 'call-status')) === 'Connected to Riverside Front Desk.', 'connected again');
    again.root.remove();
  });

  it("the call's Leave Session ends the session for both", async () => {
    const { requester, provider, sessionId } = await inCall();
    part(provider.el, 'call-leave-button')!.click();
    await until(() => backend.state().sessions.find((s) => s.id === sessionId)?.status === 'ended', 'ended on the server');
    await until(() => text(part(requester.el, 'status')) === 'No session is open.', 'the requester sees it');
    await until(() => allEnded(requester.media.streams) && allEnded(provider.media.streams), 'every device released');
  });

  it('shows the quality of the connection, with a text alternative, and tells the host the figures', async () => {
    const { requester, sessionId } = await inCall();
    const reports = recordEvents(requester.el, 'vc-call-quality');
    await until(() => reports.length > 0, 'a report');
    const detail = reports[0]!.detail;
    expect(Object.keys(detail).sort()).to.deep.equal(['framesPerSecond', 'level', 'packetLossPercent', 'roundTripMs', 'sessionId']);
    expect(detail.sessionId).to.equal(sessionId);
    expect(['good', 'fair', 'poor']).to.include(detail.level);
    await until(() => /^Connection quality: (good|fair|poor)$/.test(text(part(requester.el, 'call-quality'))), 'shown');
    expect(part(requester.el, 'call-quality')!.dataset.level).to.equal(reports.at(-1)!.detail.level);
  });

  it('speaks Spanish', async () => {
    const { requester } = await inCall(fakeMediaLayer(), fakeMediaLayer(), 'es');
    await until(() => text(part(requester.el, 'microphone-button')) === 'Silenciar micrófono', 'in Spanish');
    expect(text(part(requester.el, 'camera-button'))).to.equal('Apagar cámara');
    part(requester.el, 'microphone-button')!.click();
    await until(() => announced(requester.el) === 'Su micrófono está silenciado.', 'said in Spanish');
  });
});
