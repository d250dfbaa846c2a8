/**
 * Finds what a user would find on a page, through every shadow root: a button by its visible
 * label, a region by its name, text anywhere. For the end-to-end tests of the demo.
 */
import { waitUntil } from '@open-wc/testing';

/** Every element under `root`, shadow trees included, in document order. */
export function* deepElements(root: Node): Generator<Element> {
  // Checks by node type and name, not instanceof: the demo runs in an iframe, another realm.
  const shadowRoot = root.nodeType === Node.ELEMENT_NODE ? (root as Element).shadowRoot : null;
  const children = shadowRoot ? [shadowRoot, ...root.childNodes] : [...root.childNodes];
  for (const child of children) {
    if (child.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      yield* deepElements(child);
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    yield child as Element;
    yield* deepElements(child);
  }
}

/** The text a user sees in `root`, shadow trees included, whitespace folded. */
export function deepText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      if (element.hasAttribute('hidden') || element.localName === 'style' || element.localName === 'script') return;
      if (element.shadowRoot) visit(element.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function visible(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    if (node.hasAttribute('hidden')) return false;
  }
  return true;
}

function label(element: Element): string {
  return (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The visible, enabled button labelled exactly `text` within `root`. */
export function findButton(root: Node, text: string): HTMLButtonElement | undefined {
  for (const element of deepElements(root)) {
    if (element.localName === 'button' && label(element) === text && visible(element) && !(element as HTMLButtonElement).disabled) {
      return element as HTMLButtonElement;
    }
  }
  return undefined;
}

export async function clickButton(root: Node, text: string, message = `no "${text}" button`): Promise<void> {
  await waitUntil(() => findButton(root, text), message, { timeout: 5000 });
  findButton(root, text)!.click();
}

/** The landmark region named `name` (by aria-label or aria-labelledby). */
export function findRegion(doc: Document, name: string): HTMLElement | undefined {
  for (const element of deepElements(doc)) {
    const labelledBy = element.getAttribute('aria-labelledby');
    const accessibleName = element.getAttribute('aria-label') ?? (labelledBy ? element.ownerDocument.getElementById(labelledBy)?.textContent?.trim() : null);
    if ((element.localName === 'section' || element.getAttribute('role') === 'region') && accessibleName === name) return element as HTMLElement;
  }
  return undefined;
}

/** The smallest element under `root` whose visible text contains every one of `texts`. */
export function findItem(root: Node, selector: string, ...texts: string[]): Element | undefined {
  for (const element of deepElements(root)) {
    if (element.matches(selector) && texts.every((t) => deepText(element).includes(t))) return element;
  }
  return undefined;
}

export async function seeText(root: Node, text: string, timeout = 5000): Promise<void> {
  await waitUntil(() => deepText(root).includes(text), `never saw "${text}"`, { timeout });
}

/** Chooses the option labelled `optionText` in the first <select> under `root`, as a user would. */
export function chooseOption(root: Node, optionText: string): void {
  const select = [...deepElements(root)].find((e) => e.localName === 'select') as HTMLSelectElement | undefined;
  if (!select) throw new Error('no <select> here');
  const option = [...select.options].find((o) => o.textContent?.trim() === optionText);
  if (!option) throw new Error(`no option "${optionText}"`);
  select.value = option.value;
  select.dispatchEvent(new (select.ownerDocument.defaultView!.Event)('change', { bubbles: true, composed: true }));
}
