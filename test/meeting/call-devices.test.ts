/**
 * Choosing devices during the built-in call, and its Spanish (issue 18 §1), through two <vc-waiting-room>s on one
 * mock clinic: each control is checked by what the other side receives.
 */
import { expect } from '@open-wc/testing';
import type { Signal } from '../../src/core/model.js';
import { colourCamera, colourOf, fakeMediaLayer, toneMicrophone, waitForSound } from '../support/fake-media.js';
import { recordEvents } from '../support/mount.js';
import { announced, part, remoteStream, text, until, useCall, video } from '../support/call.js';

describe('the built-in call: devices and languages', function () {
  this.timeout(120_000);
  const { inCall } = useCall();

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
    await until(() => announced(requester.el) === 'Switched to Red Camera.', `said to the requester: ${announced(requester.el)}`);

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
    await until(() => announced(requester.el) === 'Switched to Headset.', `said to the requester: ${announced(requester.el)}`);
  });

  it('speaks Spanish', async () => {
    const { requester } = await inCall(fakeMediaLayer(), fakeMediaLayer(), 'es');
    await until(() => text(part(requester.el, 'microphone-button')) === 'Silenciar micrófono', 'in Spanish');
    expect(text(part(requester.el, 'camera-button'))).to.equal('Apagar cámara');
    part(requester.el, 'microphone-button')!.click();
    await until(() => announced(requester.el) === 'Su micrófono está silenciado.', 'said in Spanish');
  });
});
