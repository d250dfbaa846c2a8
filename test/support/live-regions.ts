/**
 * What a screen-reader user hears from live regions (issue 20): every text that appears in any
 * live region of the page — in the document, every shadow root and every same-origin frame — in
 * order, with its politeness. A region counts when it is `aria-live` (polite or assertive) or has
 * the role `status`, `alert` or `log`; it speaks when its content changes, when it is inserted with
 * text (a reader may read those), or when it stops being hidden with text in it.
 *
 * `new LiveRegionRecorder()` before the flow, `heard()` after; `stop()` at the end.
 */

export type Politeness = 'polite' | 'assertive';

export interface Heard {
  text: string;
  politeness: Politeness;
  /** Which region said it: `<tag part="…">` inside which host. */
  region: string;
  /** The region itself (never hand it to an assertion: compare the strings). */
  element: Element;
}

/** Whether `node` is inside `container`, through shadow roots. */
export function inside(container: Node, node: Node): boolean {
  for (let at: Node | null = node; at; at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null)) if (at === container) return true;
  return false;
}

const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';

function politenessOf(region: Element): Politeness {
  const live = region.getAttribute('aria-live');
  if (live === 'assertive' || live === 'polite') return live;
  return region.getAttribute('role') === 'alert' ? 'assertive' : 'polite';
}

function describe(region: Element): string {
  const root = region.getRootNode();
  const host = root instanceof ShadowRoot ? `<${root.host.localName}> ` : '';
  const part = region.getAttribute('part');
  return `${host}<${region.localName}${part ? ` part="${part}"` : ''}>`;
}

/** The closest live region around `node`, through nothing but its own tree (a region's content is in its tree). */
function regionOf(node: Node): Element | null {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest(LIVE) ?? null;
}

/** What the region says: its text, whitespace folded; '' when hidden from everyone. */
function spoken(region: Element): string {
  if (region.closest('[hidden], [aria-hidden="true"]') || !region.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) return '';
  return (region.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export class LiveRegionRecorder {
  readonly #heard: Heard[] = [];
  readonly #observers: MutationObserver[] = [];
  readonly #watched = new WeakSet<Node>();
  readonly #attachShadow = Element.prototype.attachShadow;

  constructor(doc: Document = document) {
    const recorder = this;
    const original = this.#attachShadow;
    // Shadow roots made from now on are watched from their first node.
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
      const root = original.call(this, init);
      recorder.#watch(root);
      return root;
    };
    this.#watch(doc);
  }

  /** Watches the frames' documents too (same origin): call after a frame loaded. */
  watchFrame(frameDocument: Document): void {
    const view = frameDocument.defaultView as (Window & typeof globalThis) | null;
    if (view) {
      const recorder = this;
      const original = view.Element.prototype.attachShadow;
      view.Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
        const root = original.call(this, init);
        recorder.#watch(root);
        return root;
      };
    }
    this.#watch(frameDocument);
  }

  #watch(root: Document | ShadowRoot): void {
    if (this.#watched.has(root)) return;
    this.#watched.add(root);
    const observer = new MutationObserver((records) => this.#record(records));
    observer.observe(root, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'aria-hidden', 'role', 'aria-live'] });
    this.#observers.push(observer);
    // Shadow roots already there.
    const walker = (root instanceof Document ? root : root).querySelectorAll('*');
    for (const element of walker) if (element.shadowRoot) this.#watch(element.shadowRoot);
  }

  #record(records: MutationRecord[]): void {
    const changed = new Set<Element>();
    for (const record of records) {
      const region = regionOf(record.target);
      if (region) changed.add(region);
      // A region inserted with text already in it, or content inserted around it.
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(LIVE)) changed.add(node);
        for (const inner of node.querySelectorAll(LIVE)) changed.add(inner);
        if (node.shadowRoot) this.#watch(node.shadowRoot);
      }
    }
    for (const region of changed) {
      // An outer region speaks for what is inside it.
      const outer = region.parentElement?.closest(LIVE);
      if (outer && changed.has(outer)) continue;
      const text = spoken(region);
      if (text) this.#heard.push({ text, politeness: politenessOf(region), region: describe(region), element: region });
    }
  }

  /** Everything heard so far, in order; only from regions inside `within` when given (one user's clinic). */
  heard(within?: Node): Heard[] {
    this.#flush();
    return this.#heard.filter((h) => !within || inside(within, h.element));
  }

  /** What was heard so far inside `within`, each as `politeness: text`, in order. */
  said(within?: Node): string[] {
    return this.heard(within).map((h) => `${h.politeness}: ${h.text}`);
  }

  /** Forgets what was heard so far (the flow's next step starts afresh). */
  reset(): void {
    this.#flush();
    this.#heard.length = 0;
  }

  /** Every region with text in it now: what a user could still find there (stale messages). */
  lingering(doc: Document | ShadowRoot = document): Heard[] {
    const found: Heard[] = [];
    const visit = (root: Document | ShadowRoot): void => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches(LIVE)) {
          const text = spoken(element);
          if (text) found.push({ text, politeness: politenessOf(element), region: describe(element), element });
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(doc);
    return found;
  }

  #flush(): void {
    for (const observer of this.#observers) this.#record(observer.takeRecords());
  }

  stop(): void {
    this.#flush();
    for (const observer of this.#observers.splice(0)) observer.disconnect();
    Element.prototype.attachShadow = this.#attachShadow;
  }

  /** The recording, one line per message (for failure messages). */
  toString(): string {
    return this.#heard.map((h) => `${h.politeness}: ${h.text}  [${h.region}]`).join('\n');
  }
}
