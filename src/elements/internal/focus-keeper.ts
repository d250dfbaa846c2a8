/**
 * The focus manager: the one way a tag moves focus after it re-renders (issues 13 and 20, WCAG
 * 2.4.3). Every tag that renders controls has one; three things happen in it.
 *
 * 1. **Focus is never lost to a render.** Before each render the keeper notes what in the tag holds
 *    focus; right after it (in the same task, so focus never rests on `<body>`), if that element
 *    left the page or stopped being visible, focus goes to what replaced it: the first visible
 *    control of the same item (`li`, form, `[data-focus-scope]`), else the item itself when it
 *    takes focus, else the nearest heading above the lost control that is still shown, else the
 *    first heading or `tabindex="-1"` landmark of the tag. This holds whoever caused the change:
 *    the user's own press, the other participant, the server, a sign-out elsewhere.
 * 2. **`restore([...selectors])`** asks for a given element (the first matching, visible one) after
 *    the next render: by default only when focus was lost (as above, or to `lostOn`), with
 *    `always: true` anyway (what the user just opened or closed).
 * 3. **`handOff([...selectors])`** for a press whose result shows in another tag of the same
 *    clinic (Accept → the new session; Enter Waiting Room → the waiting room): the first visible
 *    match in any tag of the clinic takes focus as soon as it is rendered, provided focus is still
 *    on the pressed control, on where step 1 put it meanwhile, or lost.
 *
 * Never a zero-size element: a wrapper with nothing visible in it does not count as a place.
 *
 * **`${keepFocus()}`** on an element that holds focus (a control, an item, a title) closes the last
 * gap: Lit tells it before it removes the element, and when it (or something in it) has focus,
 * the tag's outermost element (or its host) holds focus for the moment of the render
 * (`tabindex="-1"` while it does), so that the browser never moves focus to `<body>` (Chromium
 * fires `focusout` to nowhere on removal).
 *
 * What a tag marks: `data-focus-slot` (controls that replace each other: Request Session Now and
 * Cancel Request), `data-focus-scope` (an item that is not a list item: the device check),
 * `data-focus-landing` (where focus goes in a scope), `data-focus-room`, `data-focus-session` and
 * `data-focus-request` (a session's title, for hand-offs).
 */
import { noChange, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export interface RestoreOptions {
  /** Move focus even when something in the tag still holds it. */
  always?: boolean;
  /** Focus on the element matching this selector counts as lost (a wrapper that held it last time). */
  lostOn?: string;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly clinic?: object | undefined };

/** What held focus before a render, and the headings above it then. */
interface Held {
  element: Element;
  /** The lost control's `data-focus-slot`: a control of the same slot replaces it. */
  slot: string | null;
  ancestors: Element[];
  headings: Element[];
}

/** A press whose result another tag of the clinic renders (see `handOff`). */
interface HandOff {
  selectors: readonly string[];
  origin: Element | null;
  parked: Element | null;
}

const ITEM = 'li, form, dialog, [role="dialog"], [data-focus-scope]';
const CONTROL =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex^="-"])';
const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const LANDMARK = `${HEADING}, [tabindex="-1"]`;

/** The keepers on the page and the hand-off waiting in each clinic. */
const keepers = new Set<FocusKeeper>();
const handOffs = new WeakMap<object, HandOff>();

/** What holds focus during a render (see `keepFocus`), and whether it had a tabindex of its own. */
let parked: { holder: HTMLElement; ownTabindex: boolean } | null = null;
const PARKED = 'data-vc-focus-parked';

/** The render is over: the holder gives back the tabindex it was lent, once it no longer has focus. */
function unpark(): void {
  const done = parked;
  parked = null;
  if (!done || done.ownTabindex) return;
  const { holder } = done;
  const release = (): boolean => {
    if (!holder.hasAttribute(PARKED)) return true;
    if (holder.matches(':focus')) return false;
    holder.removeAttribute('tabindex');
    holder.removeAttribute(PARKED);
    return true;
  };
  if (!release()) holder.addEventListener('blur', () => queueMicrotask(release), { once: true });
}

/**
 * `element` leaves the page: if focus is in it, the outermost element of the tag around it (which
 * stays: Lit removes what is inside it), or the tag's host, holds focus until the render is over.
 */
function park(element: Element): void {
  const root = element.shadowRoot ?? element.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  const active = root.activeElement;
  if (!active || !(element === root.host || element.contains(active)) || !root.host.isConnected) return;
  let top: Element = element;
  while (top !== root.host && top.parentElement && top.parentNode !== root) top = top.parentElement;
  const holder = (top === element ? root.host : top) as HTMLElement;
  unpark();
  parked = { holder, ownTabindex: holder.hasAttribute('tabindex') && !holder.hasAttribute(PARKED) };
  if (!parked.ownTabindex) {
    holder.setAttribute('tabindex', '-1');
    holder.setAttribute(PARKED, '');
  }
  holder.focus({ preventScroll: true });
}

class KeepFocusDirective extends AsyncDirective {
  #element: Element | null = null;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('keepFocus() belongs on an element');
  }

  override update(part: ElementPart): unknown {
    this.#element = part.element;
    return noChange;
  }

  render(): unknown {
    return noChange;
  }

  protected override disconnected(): void {
    if (this.#element) park(this.#element);
  }
}

/** On an element that may hold focus: focus never falls to `<body>` when Lit removes it (see the file's header). */
export const keepFocus = directive(KeepFocusDirective);

/** Whether a user can see `element`: rendered, not hidden, not of zero size. */
function visible(element: Element): boolean {
  if (!element.isConnected || element === parked?.holder || element.closest('[hidden], [inert]')) return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

/** The element that has focus, through shadow roots (null: none, or `<body>`). */
function deepActive(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  if (!active || active === doc.body) return null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export class FocusKeeper implements ReactiveController {
  readonly #host: Host;
  #pending: { selectors: readonly string[]; options: RestoreOptions } | null = null;
  #held: Held | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    keepers.add(this);
  }

  hostDisconnected(): void {
    keepers.delete(this);
  }

  /** Whether `element`, inside this tag, has focus now (before an action that may remove it). */
  holds(element: Element): boolean {
    return this.#host.shadowRoot?.activeElement === element;
  }

  /** Whether a request to move focus waits for the next render. */
  get pending(): boolean {
    return this.#pending !== null;
  }

  /** After the next render, focus the first element matching one of `selectors` (see the file's header). */
  restore(selectors: readonly string[], options: RestoreOptions = {}): void {
    this.#pending = { selectors, options };
    this.#host.requestUpdate();
  }

  /**
   * The control `origin` (focused, in this tag) starts an action whose result another tag of the
   * same clinic shows: the first visible element matching one of `selectors`, in any tag of the
   * clinic, takes focus once rendered (see the file's header). Without focus on `origin`, nothing.
   */
  handOff(origin: Element, selectors: readonly string[], until: Promise<unknown> = Promise.resolve()): void {
    const scope = this.#host.clinic;
    if (!scope || !this.holds(origin)) return;
    const handOff: HandOff = { selectors, origin, parked: null };
    handOffs.set(scope, handOff);
    FocusKeeper.#tryHandOff(scope);
    // Once the action is over and the page has rendered its result, a target still missing is not coming.
    const drop = () => setTimeout(() => handOffs.get(scope) === handOff && handOffs.delete(scope), 0);
    until.then(drop, drop);
  }

  /** Drops a hand-off not yet carried out (the action failed: focus stays where it is). */
  dropHandOff(): void {
    const scope = this.#host.clinic;
    if (scope) handOffs.delete(scope);
  }

  /** Drops a request not yet carried out (a sign-out). */
  cancel(): void {
    this.#pending = null;
    this.#held = null;
    this.dropHandOff();
  }

  hostUpdate(): void {
    const root = this.#host.shadowRoot;
    const element = root?.activeElement;
    if (!root || !element) {
      this.#held = null;
      return;
    }
    const ancestors: Element[] = [];
    for (let node = element.parentElement; node; node = node.parentElement) ancestors.push(node);
    // Above the control, and not inside another item (the session above is not this one's heading).
    const headings = [...root.querySelectorAll(LANDMARK)].filter((heading) => {
      if (heading === element || !(heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
      const item = heading.closest(ITEM);
      return !item || ancestors.includes(item);
    });
    this.#held = { element, slot: element.getAttribute('data-focus-slot'), ancestors, headings: headings.reverse() };
  }

  hostUpdated(): void {
    const root = this.#host.shadowRoot;
    const pending = this.#pending;
    const held = this.#held;
    this.#pending = null;
    this.#held = null;
    if (!root) return;
    let target: Element | null | undefined = null;
    if (pending && (pending.options.always || this.#lost(root, pending.options.lostOn))) {
      target = pending.selectors.map((selector) => [...root.querySelectorAll(selector)].find(visible)).find(Boolean);
    }
    const scope = this.#host.clinic;
    // A hand-off from the control that went away goes first: no stop on the way.
    if (!target && scope && held && handOffs.get(scope)?.origin === held.element) FocusKeeper.#tryHandOff(scope);
    if (!target && held && this.#lost(root, pending?.options.lostOn)) {
      target = this.#replacement(root, held);
      // Nothing of the tag is left to see and no tag beside it: the tag itself, never a zero-size wrapper.
      if (!target && parked && root.contains(parked.holder) && !visible(this.#host)) target = this.#host;
    }
    if (target) this.#focus(target);
    const handOff = scope ? handOffs.get(scope) : undefined;
    if (!scope || !handOff) return;
    if (target && held && handOff.origin === held.element) handOff.parked = target;
    FocusKeeper.#tryHandOff(scope);
  }

  /** Carries out the clinic's hand-off if its target is shown and focus is still where the user left it. */
  static #tryHandOff(scope: object): void {
    const handOff = handOffs.get(scope);
    if (!handOff) return;
    const active = deepActive(document);
    const stillThere = !active || active === handOff.origin || active === handOff.parked || active === parked?.holder;
    if (!stillThere) {
      handOffs.delete(scope);
      return;
    }
    for (const selector of handOff.selectors) {
      for (const keeper of keepers) {
        if (keeper.#host.clinic !== scope) continue;
        const target = [...(keeper.#host.shadowRoot?.querySelectorAll(selector) ?? [])].find(visible);
        if (!target) continue;
        handOffs.delete(scope);
        keeper.#focus(target);
        return;
      }
    }
  }

  /** What takes focus when `held` went away: see the file's header. */
  #replacement(root: ShadowRoot, held: Held): Element | null {
    for (const ancestor of held.ancestors) {
      if (!ancestor.isConnected) continue;
      if (!ancestor.matches(ITEM)) continue;
      const sameSlot = held.slot ? [...ancestor.querySelectorAll(`[data-focus-slot="${CSS.escape(held.slot)}"]`)].find(visible) : undefined;
      if (sameSlot) return sameSlot;
      const heading = [...ancestor.querySelectorAll(`${HEADING}, [data-focus-landing]`)].find(visible);
      if (heading) return heading;
      if (ancestor.hasAttribute('tabindex') && visible(ancestor)) return ancestor;
      const control = [...ancestor.querySelectorAll(CONTROL)].find(visible);
      if (control) return control;
      break;
    }
    const above = held.headings.find((heading) => heading.isConnected && heading.getRootNode() === root && visible(heading));
    if (above) return above;
    return [...root.querySelectorAll(LANDMARK)].find(visible) ?? [...root.querySelectorAll(CONTROL)].find(visible) ?? this.#neighbourHeading();
  }

  /**
   * Nothing of this tag is left to hold focus (its last notice dismissed): the heading of the next
   * tag of the same clinic beside it, else of the one before it.
   */
  #neighbourHeading(): Element | null {
    const host = this.#host;
    const beside = [...keepers].filter((k) => k !== this && k.#host.clinic === host.clinic && k.#host.getRootNode() === host.getRootNode());
    const after = beside.filter((k) => host.compareDocumentPosition(k.#host) & Node.DOCUMENT_POSITION_FOLLOWING);
    const before = beside.filter((k) => !after.includes(k)).reverse();
    const order = (list: FocusKeeper[]) => list.sort((a, b) => (a.#host.compareDocumentPosition(b.#host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const keeper of [...order(after), ...order(before).reverse()]) {
      const heading = [...(keeper.#host.shadowRoot?.querySelectorAll(HEADING) ?? [])].find(visible);
      if (heading) return heading;
    }
    return null;
  }

  /** Focuses `element`, making a heading focusable by script first (never by Tab). */
  #focus(element: Element): void {
    const target = element as HTMLElement;
    if (target === this.#host) {
      park(this.#host);
      return;
    }
    if (!target.matches(CONTROL) && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    if (parked && parked.holder !== target) unpark();
  }

  /** Whether focus left the tag by itself: nothing visible in it holds focus, and nothing outside took it. */
  #lost(root: ShadowRoot, lostOn: string | undefined): boolean {
    const inside = root.activeElement;
    if (inside) return inside === parked?.holder || !visible(inside) || Boolean(lostOn && inside.matches(lostOn));
    const active = deepActive(this.#host.ownerDocument);
    return !active || active === this.#host;
  }
}
