/**
 * The alert chime, made in the browser with Web Audio: two soft tones, no audio file to fetch
 * (nothing for a strict CSP's media-src to block). Browsers start audio only after a user gesture
 * on the page (their autoplay policy): a provider station reloaded overnight cannot ring until
 * someone clicks. The chime says so (`blocked`, and `play()` answering `false`), `<vc-alerts>` shows
 * it ("Sound is blocked: click to turn it on", issue 16 case 5), and `unlock()`, called from that
 * click, lets it ring at once. The visible and spoken alerts never depend on sound.
 */
export interface Chime {
  /** Rings once. Answers `false` when the browser refused to play it (nothing was heard). */
  play(): void | boolean;
  /** Whether the browser would refuse to play it now (no user gesture on the page yet). */
  readonly blocked?: boolean;
  /** Called from the user's click: lets the chime play from now on; resolves to whether it can. */
  unlock?(): boolean | Promise<boolean>;
}

export class WebAudioChime implements Chime {
  #context: AudioContext | null = null;

  /**
   * True until the page has had a user gesture (the browser's sticky activation) while no running
   * audio context exists: the autoplay policy would keep the chime silent.
   */
  get blocked(): boolean {
    if (!globalThis.AudioContext || this.#context?.state === 'running') return false;
    return globalThis.navigator?.userActivation?.hasBeenActive === false;
  }

  play(): boolean {
    const AudioContextClass = globalThis.AudioContext;
    if (!AudioContextClass) return false;
    // No context is made before a gesture: the browser would refuse it and warn in the console.
    if (this.blocked) return false;
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
    return true;
  }

  async unlock(): Promise<boolean> {
    const AudioContextClass = globalThis.AudioContext;
    if (!AudioContextClass) return false;
    this.#context ??= new AudioContextClass();
    await this.#context.resume().catch(() => {});
    return this.#context.state === 'running';
  }

  close(): void {
    void this.#context?.close().catch(() => {});
    this.#context = null;
  }
}
