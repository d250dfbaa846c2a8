import { expect, waitUntil } from '@open-wc/testing';
import { $deviceChoices, chooseDevice } from '../../src/media/device-choices.js';
import { LocalMedia } from '../../src/media/local-media.js';
import { allEnded, fakeMediaLayer } from '../support/fake-media.js';

/** Chromium's fake camera and microphone, behind a media layer that fails on demand. */
describe('LocalMedia', function () {
  this.timeout(30_000);
  const opened: LocalMedia[] = [];
  const open = (layer = fakeMediaLayer()) => {
    const media = new LocalMedia(layer);
    opened.push(media);
    return { media, layer };
  };
  afterEach(() => {
    for (const media of opened.splice(0)) media.stop();
    $deviceChoices.set({});
  });

  it('opens the camera and microphone and lists the devices by name', async () => {
    const { media } = open();
    const stream = await media.start();
    const { status, devices, inUse, problems } = media.state;
    expect(status).to.equal('live');
    expect(media.state.stream).to.equal(stream);
    expect(stream!.getVideoTracks().map((t) => t.readyState)).to.deep.equal(['live']);
    expect(stream!.getAudioTracks().map((t) => t.readyState)).to.deep.equal(['live']);
    expect(problems).to.deep.equal({ camera: null, microphone: null });
    expect(devices.videoinput.length).to.be.greaterThan(0);
    expect(devices.audioinput.length).to.be.greaterThan(0);
    expect(devices.videoinput.every((d) => d.label !== '')).to.equal(true);
    expect(inUse.videoinput).to.equal(stream!.getVideoTracks()[0]!.getSettings().deviceId);
    expect(await media.start(), 'a second start() keeps the same stream').to.equal(stream);
  });

  it('permission denied: no stream, the same problem for both', async () => {
    const { media, layer } = open(fakeMediaLayer({ video: 'NotAllowedError', audio: 'NotAllowedError' }));
    expect(await media.start()).to.equal(null);
    expect(media.state.status).to.equal('failed');
    expect(media.state.problems).to.deep.equal({ camera: 'permission-denied', microphone: 'permission-denied' });
    expect(layer.calls, 'asked once: asking again would not change a refusal').to.have.length(1);
  });

  it('no camera: the microphone alone, and the camera named as missing', async () => {
    const { media } = open(fakeMediaLayer({ video: 'NotFoundError' }));
    const stream = await media.start();
    expect(media.state.status).to.equal('live');
    expect(stream!.getVideoTracks()).to.have.length(0);
    expect(stream!.getAudioTracks()).to.have.length(1);
    expect(media.state.problems).to.deep.equal({ camera: 'no-device', microphone: null });
  });

  it('a camera in use by another program: the camera named as busy', async () => {
    const { media } = open(fakeMediaLayer({ video: 'NotReadableError' }));
    await media.start();
    expect(media.state.problems).to.deep.equal({ camera: 'device-in-use', microphone: null });
  });

  it('an insecure page or a browser without getUserMedia: no device is asked for', async () => {
    const insecure = fakeMediaLayer();
    insecure.secure = false;
    const { media } = open(insecure);
    await media.start();
    expect(media.state.problems).to.deep.equal({ camera: 'insecure', microphone: 'insecure' });
    const unsupported = fakeMediaLayer();
    unsupported.supported = false;
    const other = open(unsupported).media;
    await other.start();
    expect(other.state.problems).to.deep.equal({ camera: 'unsupported', microphone: 'unsupported' });
    expect(insecure.calls.length + unsupported.calls.length).to.equal(0);
  });

  it('a camera plugged in after "no camera" is opened at once', async () => {
    const { media, layer } = open(fakeMediaLayer({ video: 'NotFoundError' }));
    const first = await media.start();
    layer.fail = {};
    layer.deviceChange();
    await waitUntil(() => media.state.status === 'live' && media.state.stream!.getVideoTracks().length === 1, 'the camera opened');
    expect(media.state.problems.camera).to.equal(null);
    expect(allEnded([first])).to.equal(true);
  });

  it('a chosen device is used, remembered for the page (in memory only), and the old tracks released', async () => {
    const { media, layer } = open();
    const first = await media.start();
    const microphones = media.state.devices.audioinput;
    const other = microphones.find((d) => d.deviceId !== media.state.inUse.audioinput)!;
    await media.choose('audioinput', other.deviceId);
    expect(allEnded([first])).to.equal(true);
    expect(media.state.status).to.equal('live');
    expect(layer.calls.at(-1)!.audio).to.deep.equal({ deviceId: { exact: other.deviceId } });
    expect($deviceChoices.get()).to.deep.equal({ audioinput: other.deviceId });
    expect(localStorage.length + sessionStorage.length).to.equal(0);

    // Another check on this page starts with the same choice.
    const { media: next, layer: nextLayer } = open();
    await next.start();
    expect(nextLayer.calls[0]!.audio).to.deep.equal({ deviceId: { exact: other.deviceId } });
  });

  it('a chosen device that is gone (unplugged) is forgotten, and the browser picks another', async () => {
    chooseDevice('audioinput', 'an-unplugged-microphone');
    const { media } = open();
    const stream = await media.start();
    expect(stream!.getAudioTracks().map((t) => t.readyState)).to.deep.equal(['live']);
    expect(stream!.getVideoTracks()).to.have.length(1);
    expect(media.state.problems).to.deep.equal({ camera: null, microphone: null });
    expect($deviceChoices.get()).to.deep.equal({});
  });

  it('stop() releases every track, also of a start still under way', async () => {
    const { media, layer } = open();
    const stream = await media.start();
    media.stop();
    expect(allEnded([stream])).to.equal(true);
    expect(media.state.status).to.equal('idle');

    const opening = media.start();
    media.stop();
    expect(await opening).to.equal(null);
    await waitUntil(() => allEnded(layer.streams), 'the late stream released');
  });
});
