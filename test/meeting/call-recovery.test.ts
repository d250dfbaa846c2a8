/**
 * The built-in call's recovery, Leave and quality (issue 18 §2, §4), through two <vc-waiting-room>s on one
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

describe('the built-in call: devices lost, reloads, leaving and quality', function () {
  this.timeout(120_000);
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

});
