/**
 * Where keyboard focus goes, as a screen reader follows it: every `focusin` and `focusout` on the
 * page with its relatedTarget and the focused element then, and the focused element at every frame
 * (issue 20: focus must never rest on `<body>`, not even for a frame).
 */
import { waitUntil } from '@open-wc/testing';

/** The focused element through shadow roots (`<body>` when nothing is). */
export function deepActive(doc: Document = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export interface FocusStep {
  what: 'focusin' | 'focusout' | 'task' | 'frame';
  target: string;
  related: string;
  active: string;
}

function describe(element: Element | null | undefined): string {
  if (!element) return 'nothing';
  const part = element.getAttribute('part');
  const name = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return `<${element.localName}${part ? ` part="${part}"` : ''}>${name}`;
}

export class FocusRecorder {
  readonly steps: FocusStep[] = [];
  #frame = 0;
  readonly #doc: Document;
  readonly #onFocus = (event: Event) => {
    const focus = event as FocusEvent;
    if (event.type === 'focusout') {
      // Where focus is once this task (and its microtasks, where Lit renders) is over.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        const active = deepActive(this.#doc);
        if (!active || active === this.#doc.body) this.steps.push({ what: 'task', target: '', related: '', active: describe(this.#doc.body) });
      };
      channel.port2.postMessage(0);
    }
    this.steps.push({
      what: event.type as 'focusin' | 'focusout',
      target: describe(event.composedPath()[0] as Element),
      related: describe(focus.relatedTarget as Element | null),
      active: describe(deepActive(this.#doc)),
    });
  };

  /** `doc`: the page whose focus to follow (a same-origin frame's document: one tab of a two-tab test). */
  constructor(doc: Document = document) {
    this.#doc = doc;
    doc.addEventListener('focusin', this.#onFocus, true);
    doc.addEventListener('focusout', this.#onFocus, true);
    const view = doc.defaultView ?? window;
    const sample = () => {
      const active = deepActive(doc);
      if (!active || active === doc.body) this.steps.push({ what: 'frame', target: '', related: '', active: describe(doc.body) });
      this.#frame = view.requestAnimationFrame(sample);
    };
    this.#frame = view.requestAnimationFrame(sample);
  }

  /**
   * Each time focus rested on nothing or on `<body>` where a user or a screen reader could notice:
   * at the end of the task that moved it, or at a frame. (Not the events' relatedTarget: between
   * two shadow trees of one host Chromium gives none, and on removal it fires `focusout` to
   * nowhere before the render that moves focus on, in the same task.)
   */
  passesThroughBody(): FocusStep[] {
    return this.steps.filter((step) => step.what === 'frame' || step.what === 'task');
  }

  /** The recording, one line per step (for failure messages). */
  toString(): string {
    const lines = this.steps.map((s) => `${s.what} ${s.target} (from/to ${s.related}; active ${s.active})`);
    return lines.filter((line, i) => line !== lines[i - 1]).join('\n');
  }

  stop(): void {
    this.#doc.removeEventListener('focusin', this.#onFocus, true);
    this.#doc.removeEventListener('focusout', this.#onFocus, true);
    (this.#doc.defaultView ?? window).cancelAnimationFrame(this.#frame);
  }
}

/** Waits until `element` has focus (in `doc`); fails with where focus is instead. */
export async function focusReaches(element: () => Element | null | undefined, message: string, doc: Document = document): Promise<void> {
  await waitUntil(() => {
    const target = element();
    return Boolean(target) && deepActive(doc) === target;
  }, `${message}; focus is on ${describe(deepActive(doc))}`);
}

/** Whether a user sees `element` (it has a size and lies in the window). */
export function onScreen(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
}
