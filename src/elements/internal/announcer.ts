/**
 * The one announcer of a clinic (issue 20.3): every tag of one clinic speaks to screen readers
 * through one pair of live regions, a polite one (`role="status"`) and an assertive one
 * (`role="alert"`), so that two regions never compete and a message is never heard twice.
 *
 * - **Where**: the pair lives in the shadow root of the clinic's `<vc-clinic>` (its `announcer`
 *   and `announcer-assertive` parts), or, for tags given a clinic without one, in the first tag of
 *   the clinic that speaks. It is placed when the clinic is first provided, before anything is
 *   said, because a screen reader reads only changes to a region it already knows.
 * - **Once**: what the tags say in one task (one store change reaches several tags) is said
 *   together, in one message, each sentence once; each message goes into a fresh node, so the same
 *   words later (a second, separate change) are read again.
 * - **Clears itself**: a message leaves its region after `CLEAR_AFTER_MS`, and at a sign-out or a
 *   change of user, so that nothing of one user is left for the next to find (issue 17.2).
 *
 * A tag holds an `Announcer` (`new Announcer(this)`) and calls `announce(text)` or
 * `announce(text, 'assertive')`.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Clinic } from '../../core/clinic.js';

export type Politeness = 'polite' | 'assertive';

/** How long a message stays in its region, in ms: long enough for any reader to pick it up. */
export const CLEAR_AFTER_MS = 10_000;

interface Message {
  text: string;
  lang: string;
  /** Who was signed in when it was said (null: nobody); a message of another user is dropped. */
  user: string | null;
}

/** A region's look: visually hidden, set through the CSSOM (allowed under a strict CSP). */
const HIDDEN: Record<string, string> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: '0',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  'white-space': 'nowrap',
  border: '0',
};

/** The pair of live regions of one clinic, and what waits to be said in them. */
class ClinicVoice {
  readonly #clinic: Clinic;
  readonly #regions: Record<Politeness, HTMLElement> | null;
  /** Where the regions live: a `<vc-clinic>` is kept once chosen; a tag only until one comes. */
  #home: { element: Element; clinicRoot: boolean } | null = null;
  readonly #queued: Record<Politeness, Message[]> = { polite: [], assertive: [] };
  readonly #shown: Record<Politeness, Message | null> = { polite: null, assertive: null };
  readonly #clearTimers: Record<Politeness, ReturnType<typeof setTimeout> | null> = { polite: null, assertive: null };
  #flushScheduled = false;

  constructor(clinic: Clinic) {
    this.#clinic = clinic;
    this.#regions = typeof document === 'undefined' ? null : { polite: this.#region('polite'), assertive: this.#region('assertive') };
  }

  #region(politeness: Politeness): HTMLElement {
    const region = document.createElement('div');
    region.setAttribute('part', politeness === 'polite' ? 'announcer' : 'announcer-assertive');
    region.setAttribute('role', politeness === 'polite' ? 'status' : 'alert');
    region.setAttribute('aria-live', politeness);
    region.setAttribute('aria-atomic', 'true');
    for (const [property, value] of Object.entries(HIDDEN)) region.style.setProperty(property, value);
    return region;
  }

  /**
   * Offers `element` (its shadow root) as the regions' home: a `<vc-clinic>` (`clinicRoot`) is
   * taken unless another connected one holds them; a tag only while no connected home exists.
   */
  home(element: Element, clinicRoot: boolean): void {
    const regions = this.#regions;
    const root = element.shadowRoot;
    if (!regions || !root || !element.isConnected) return;
    const current = this.#home;
    const currentHolds = current !== null && current.element.isConnected && regions.polite.isConnected;
    if (currentHolds && (current.clinicRoot || !clinicRoot || current.element === element)) return;
    this.#home = { element, clinicRoot };
    // Before Lit's own content: a tag's render of nothing (a sign-out) clears only what follows its marker.
    root.prepend(regions.polite, regions.assertive);
  }

  say(text: string, politeness: Politeness, lang: string, from: Element): void {
    if (!text) return;
    this.home(from, false);
    this.#queued[politeness].push({ text, lang, user: this.#user() });
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // After this task: the other tags that heard the same change speak in it too.
    setTimeout(() => this.#flush(), 0);
  }

  /** Drops what was said for a user other than the one signed in now (a sign-out, another user). */
  forgetOtherUsers(): void {
    const user = this.#user();
    for (const politeness of ['polite', 'assertive'] as const) {
      this.#queued[politeness] = this.#queued[politeness].filter((m) => m.user === user);
      const shown = this.#shown[politeness];
      if (shown && shown.user !== user) this.#write(politeness, null);
    }
  }

  #user(): string | null {
    return this.#clinic.$me.get()?.user.id ?? null;
  }

  #flush(): void {
    this.#flushScheduled = false;
    for (const politeness of ['polite', 'assertive'] as const) {
      const queued = this.#queued[politeness].splice(0);
      if (queued.length === 0) continue;
      const sentences = [...new Set(queued.map((m) => m.text))];
      const last = queued[queued.length - 1]!;
      this.#write(politeness, { text: sentences.join(' '), lang: last.lang, user: last.user });
    }
  }

  #write(politeness: Politeness, message: Message | null): void {
    const region = this.#regions?.[politeness];
    if (!region) return;
    this.#shown[politeness] = message;
    const timer = this.#clearTimers[politeness];
    if (timer !== null) clearTimeout(timer);
    this.#clearTimers[politeness] = null;
    if (!message) {
      region.replaceChildren();
      return;
    }
    const node = document.createElement('span');
    node.lang = message.lang;
    node.textContent = message.text;
    region.replaceChildren(node);
    this.#clearTimers[politeness] = setTimeout(() => this.#shown[politeness] === message && this.#write(politeness, null), CLEAR_AFTER_MS);
  }
}

const voices = new WeakMap<Clinic, ClinicVoice>();

/** The one announcer of `clinic`. */
function voiceOf(clinic: Clinic): ClinicVoice {
  let voice = voices.get(clinic);
  if (!voice) {
    voice = new ClinicVoice(clinic);
    voices.set(clinic, voice);
  }
  return voice;
}

/** `<vc-clinic>` places its clinic's live regions in its own shadow root, before anything is said. */
export function homeAnnouncer(clinic: Clinic, clinicRoot: Element): void {
  voiceOf(clinic).home(clinicRoot, true);
}

type Host = ReactiveControllerHost & HTMLElement & { readonly clinic?: Clinic | undefined };

/** A tag's way to its clinic's announcer. */
export class Announcer {
  readonly #host: Host;
  readonly #lang: () => string;

  /** `lang`: the language the tag speaks now (its LocalizeController's), so a reader picks the voice. */
  constructor(host: Host, lang: () => string) {
    this.#host = host;
    this.#lang = lang;
  }

  /** Says `text` (polite: after what the reader is reading; assertive: at once); an empty text says nothing. */
  announce(text: string, politeness: Politeness = 'polite'): void {
    const clinic = this.#host.clinic;
    if (clinic) voiceOf(clinic).say(text, politeness, this.#lang(), this.#host);
  }

  /** Forgets what was said for a user no longer signed in (the tag's `forgetUser`). */
  clear(): void {
    const clinic = this.#host.clinic;
    if (clinic) voiceOf(clinic).forgetOtherUsers();
  }
}
