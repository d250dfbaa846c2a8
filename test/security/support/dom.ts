/**
 * Looks through every shadow root of a page the way a user (or an attacker's injected markup)
 * would be found. Checks by node type, never `instanceof`: the strict-CSP page is an iframe, another
 * realm.
 */
import { waitUntil } from '@open-wc/testing';
import { deepElements } from '../../support/deep-query.js';

// The walk through shadow roots is the one the end-to-end tests use.
export { deepElements };

/** The elements matching `selector` anywhere under `root`. */
export function deepQueryAll<T extends Element = HTMLElement>(root: Node, selector: string): T[] {
  return [...deepElements(root)].filter((element) => element.matches(selector)) as T[];
}

/** The text under `root`, shadow trees included, whitespace folded. */
export function deepText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).shadowRoot) visit((node as Element).shadowRoot!);
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The first element matching `selector` whose text contains `text` (when given), waiting for it to appear. */
export async function deepFind<T extends Element = HTMLElement>(root: Node, selector: string, text?: string, message?: string): Promise<T> {
  let found: T | undefined;
  await waitUntil(
    () => {
      found = deepQueryAll<T>(root, selector).find((element) => text === undefined || deepText(element).includes(text));
      return Boolean(found);
    },
    message ?? `nothing matches ${selector}${text === undefined ? '' : ` with "${text}"`}`,
    { timeout: 10_000 },
  );
  return found!;
}

/** Waits until the text under `root` contains `text`. */
export async function untilText(root: Node, text: string, message?: string): Promise<void> {
  await waitUntil(() => deepText(root).includes(text), message ?? `the page never said "${text}"`, { timeout: 10_000 });
}

/** Everything an element tree says outside its text: each element's tag name and attributes. */
export function deepMarkup(root: Node): string {
  const out: string[] = [];
  for (const element of deepElements(root)) {
    out.push(`<${element.localName}`);
    for (const attribute of element.attributes) out.push(` ${attribute.name}="${attribute.value}"`);
    out.push('>');
  }
  return out.join('');
}
