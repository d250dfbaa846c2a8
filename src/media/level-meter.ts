/**
 * How loud the microphone is, for a level meter: Web Audio's AnalyserNode, read on a timer (not
 * on animation frames, which a background tab does not get, while the user may be listening from
 * another tab).
 */

export interface LevelMeter {
  /** Stops reading and releases the audio context. */
  stop(): void;
}

export interface LevelMeterOptions {
  /** How often `onLevel` is called, in ms (default 100). */
  intervalMs?: number;
}

/** -60 dBFS (a quiet room) is 0, full scale is 1: a scale on which speech moves the meter visibly. */
const FLOOR_DB = -60;

/** Calls `onLevel(level)` with a level from 0 to 1 while the stream's first audio track lives. */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void, options: LevelMeterOptions = {}): LevelMeter {
  const track = stream.getAudioTracks()[0];
  if (!track || typeof AudioContext === 'undefined') return { stop() {} };
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  // Its own stream for the one track: the source holds no reference to the caller's stream.
  const source = context.createMediaStreamSource(new MediaStream([track]));
  source.connect(analyser);
  // Suspended until the page had a user's click; entering the waiting room was one.
  void context.resume().catch(() => {});
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    const rms = Math.sqrt(sum / samples.length);
    const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
    onLevel(Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB)));
  }, options.intervalMs ?? 100);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => {});
    },
  };
}
