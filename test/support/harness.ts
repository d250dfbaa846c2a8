/**
 * What the tests read and press, as a user would: `text()` (what a node says, whitespace folded),
 * `part()` (a named part inside a tag), and a small harness per tag (press Accept, type a note,
 * read the queue). One place instead of the helpers each test file used to rebuild.
 */
import { shadow } from './mount.js';

/** What `node` says, whitespace folded, '' for nothing. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first element of `el`'s shadow root that has the part `name` (among others). */
export function part<T extends HTMLElement = HTMLElement>(el: Element, name: string, scope: ParentNode = shadow(el)): T | null {
  return scope.querySelector<T>(`[part~="${name}"]`);
}

/** The `<vc-clinic>` around `el`, through shadow roots (the dashboards' inner tags are in theirs). */
export function clinicAround(el: Element): Element | null {
  for (let at: Node | null = el; at; at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null)) {
    if (at instanceof Element && at.localName === 'vc-clinic') return at;
  }
  return null;
}

/** The clinic's one live region of `politeness` around `el` (issue 20): in its `<vc-clinic>`. */
export function announcerOf(el: Element, politeness: 'polite' | 'assertive' = 'polite'): HTMLElement | null {
  const clinic = clinicAround(el);
  return clinic ? part(clinic, politeness === 'polite' ? 'announcer' : 'announcer-assertive') : null;
}

/** What the clinic's one announcer around `el` says now. */
export function announced(el: Element, politeness: 'polite' | 'assertive' = 'polite'): string {
  return text(announcerOf(el, politeness));
}

/** `<vc-request-queue>`, as the provider uses it. */
export function requestQueue(el: Element) {
  const item = (requestId: string) => shadow(el).querySelector<HTMLElement>(`#item-${CSS.escape(requestId)}`);
  const button = (requestId: string, name: string) => part<HTMLButtonElement>(el, name, item(requestId) ?? shadow(el));
  return {
    /** The requests shown, newest first, each as its text. */
    requests: () => [...shadow(el).querySelectorAll('[part~="item"]')].map((node) => text(node)),
    item,
    accept: (requestId: string) => button(requestId, 'accept-button')!.click(),
    acceptAndEnter: (requestId: string) => button(requestId, 'accept-enter-button')!.click(),
    openDecline: (requestId: string) => button(requestId, 'decline-button')!.click(),
    /** Types `note` into the open decline form, as keystrokes would. */
    typeNote(requestId: string, note: string) {
      const field = part<HTMLTextAreaElement>(el, 'note', item(requestId) ?? shadow(el))!;
      field.value = note;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    },
    sendDecline: (requestId: string) => button(requestId, 'send-decline-button')!.click(),
    /** What the clinic's announcer says now. */
    announced: () => announced(el),
  };
}

/** `<vc-session-list>`, as either participant uses it. */
export function sessionList(el: Element) {
  const item = (sessionId: string) => shadow(el).querySelector<HTMLElement>(`[data-session-id="${CSS.escape(sessionId)}"]`);
  return {
    sessions: () => [...shadow(el).querySelectorAll('[part~="item"]')].map((node) => text(node)),
    item,
    enter: (sessionId: string) => part<HTMLButtonElement>(el, 'enter-button', item(sessionId)!)!.click(),
    leave: (sessionId: string) => part<HTMLButtonElement>(el, 'leave-button', item(sessionId)!)!.click(),
    announced: () => announced(el),
  };
}
