/**
 * The built-in call's microphone and camera buttons (issue 18 §1), through two <vc-waiting-room>s on one
 * mock clinic: each control is checked by what the other side receives.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { framesShown, waitForSilence, waitForSound } from '../support/fake-media.js';
import { recordEvents } from '../support/mount.js';
import { announced, part, remoteStream, text, until, useCall, video } from '../support/call.js';

describe('the built-in call', function () {
  this.timeout(120_000);
  const { inCall } = useCall();

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
    await until(() => announced(provider.el) === 'Riverside Front Desk is muted.', `said to the provider: ${announced(provider.el)}`);
    await waitForSilence(remoteStream(provider.el), 'the provider hears nothing');
    expect(changes.map((e) => e.detail)).to.deep.equal([{ sessionId, muted: true }]);
    await expect(requester.el).to.be.accessible();
    await expect(provider.el).to.be.accessible();

    await sendKeys({ press: 'Space' });
    await until(() => button.getAttribute('aria-pressed') === 'false', 'unpressed');
    await waitForSound(remoteStream(provider.el), 'the provider hears the requester again');
    await until(() => part(provider.el, 'peer-muted') === null, 'the indicator is gone');
    await until(() => announced(requester.el) === 'Your microphone is on.', `said to the requester: ${announced(requester.el)}`);
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
    await until(() => announced(requester.el) === 'Your camera is on.', `said to the requester: ${announced(requester.el)}`);
  });
});
