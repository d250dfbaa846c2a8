/**
 * The built-in call's recovery, Leave and quality (issue 18 §2, §4), through two <vc-waiting-room>s on one
 * mock clinic: each control is checked by what the other side receives.
 */
import { expect } from '@open-wc/testing';
import { TOKENS } from '../support/fixtures.js';
import { allEnded, fakeMediaLayer, waitForPicture, waitForSound } from '../support/fake-media.js';
import { recordEvents } from '../support/mount.js';
import { part, remoteStream, text, until, useCall, video } from '../support/call.js';

describe('the built-in call: devices lost, reloads, leaving and quality', function () {
  this.timeout(120_000);
  const call = useCall();
  const { inCall, mountSide } = call;

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
    await expect(requester.el, 'the device message').to.be.accessible();
    await expect(provider.el, 'the camera-off indicator').to.be.accessible();
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
    await until(() => call.backend.state().sessions.find((s) => s.id === sessionId)?.status === 'ended', 'ended on the server');
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
    await expect(requester.el, 'the quality indicator').to.be.accessible();
  });

});
