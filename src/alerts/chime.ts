/**
 * The alert chime, made in the browser with Web Audio: two soft tones, no audio file to fetch
 * (nothing for a strict CSP's media-src to block). Browsers start audio only after a user gesture
 * on the page; until then `play()` does nothing, which is why the visible and spoken alerts never
 * depend on it.
 */
export interface Chime {
  play(): void;
}

export class WebAudioChime implements Chime {
  #context: AudioContext | null = null;

  play(): void {
    const AudioContextClass = globalThis.AudioContext;
    if (!AudioContextClass) return;
    this.#context ??= new AudioContextClass();
    const context = this.#context;
    if (context.state === 'suspended') void context.resume().catch(() => {});
    const start = context.currentTime + 0.01;
    for (const [offset, frequency] of [
      [0, 660],
      [0.22, 880],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      // A gentle envelope: no click at the start, a soft decay.
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.5);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.55);
    }
  }

  close(): void {
    void this.#context?.close().catch(() => {});
    this.#context = null;
  }
}
