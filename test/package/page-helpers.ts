/**
 * Helpers for the tests that use the package as a host page does: a backend answering the page's
 * own `/api` (as a host's backend would), and what the user reads through every shadow root.
 */
import { createClinicBackend } from '../../mock-server/clinic-backend.js';

export type Backend = ReturnType<typeof createClinicBackend>;

/** Answers this page's fetches of `/api/*` from `backend`; returns the undo. */
export function serveApi(backend: Backend): () => void {
  const original = window.fetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.startsWith('/api/')) return backend.handle(request);
    return original(input, init);
  };
  return () => {
    window.fetch = original;
  };
}

/** The text a user sees in `node`, shadow roots and slotted content included. */
export function visibleText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof Element) {
      if (current.hasAttribute('hidden') || current.localName === 'style' || current.localName === 'script') return;
      // A host's light DOM shows through its slots only.
      if (current.shadowRoot) return walk(current.shadowRoot);
      if (current instanceof HTMLSlotElement && current.assignedNodes().length) {
        for (const assigned of current.assignedNodes({ flatten: true })) walk(assigned);
        return;
      }
    }
    for (const child of current.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Every element under `root`, through shadow roots, whose tag name is `tag`. */
export function deepFind(root: Node, tag: string): Element[] {
  const found: Element[] = [];
  const walk = (current: Node) => {
    if (current instanceof Element) {
      if (current.localName === tag) found.push(current);
      if (current.shadowRoot) walk(current.shadowRoot);
    }
    for (const child of current.childNodes) walk(child);
  };
  walk(root);
  return found;
}

/**
 * Removes `element` and stops the clinics that the <*-clinic> elements in it made from base-url:
 * a removed <vc-clinic> keeps its clinic (and its place among the user's tabs) otherwise, and
 * the test pages share BroadcastChannel and Web Locks.
 */
export function unmount(element: Element): void {
  const roots = [element, ...element.querySelectorAll('*')].filter((el) => el.localName.endsWith('-clinic'));
  element.remove();
  for (const root of roots) (root as Element & { activeClinic?: { destroy(): void } }).activeClinic?.destroy();
}
