import { expect, waitUntil } from '@open-wc/testing';
import { watchLevel } from '../../src/media/level-meter.js';

describe('watchLevel', function () {
  this.timeout(30_000);
  const streams: MediaStream[] = [];
  afterEach(() => {
    for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
  });
  const microphone = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    streams.push(stream);
    return stream;
  };

  it('follows the microphone: the fake microphone beeps, so the level rises and falls', async () => {
    const levels: number[] = [];
    const meter = watchLevel(await microphone(), (level) => levels.push(level), { intervalMs: 20 });
    await waitUntil(() => levels.some((l) => l > 0.3) && levels.some((l) => l < 0.1), 'a loud and a quiet reading', { timeout: 15_000 });
    meter.stop();
    expect(levels.every((l) => l >= 0 && l <= 1)).to.equal(true);
    const count = levels.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(levels.length, 'no reading after stop()').to.equal(count);
  });

  it('does nothing for a stream without sound', async () => {
    const video = await navigator.mediaDevices.getUserMedia({ video: true });
    streams.push(video);
    const levels: number[] = [];
    const meter = watchLevel(video, (level) => levels.push(level), { intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    meter.stop();
    expect(levels).to.deep.equal([]);
  });
});
