/**
 * The composites (`<vc-requester-dashboard>`, `<vc-provider-dashboard>`) render other Virtual
 * Clinic tags, and a host may have registered all of them under its own prefix
 * (`defineVirtualClinic({ prefix: 'acme' })` → `<acme-provider-dashboard>` must render
 * `<acme-request-queue>`). A Lit template cannot take a tag name from a variable without
 * `unsafeStatic`, which our lint bans; so the composite creates its inner tags with
 * `document.createElement` and renders them as nodes. Nothing is parsed from a string: the name is
 * a prefix checked by `defineVirtualClinic` plus a suffix from our own tag list.
 */
import type { TagSuffix } from './tag-names.js';

export type { TagSuffix };

/** What a prefixed registration sets on its classes (`defineVirtualClinic` does it). */
export interface PrefixedClass {
  tagPrefix?: string;
}

export const DEFAULT_PREFIX = 'vc';

/** The prefix the host registered this element's class under (`vc` unless it chose another). */
export function tagPrefixOf(host: HTMLElement): string {
  return (host.constructor as PrefixedClass).tagPrefix ?? DEFAULT_PREFIX;
}

const made = new WeakMap<HTMLElement, Map<string, HTMLElement>>();

/**
 * The inner tag `suffix` of `host`, created once and kept, so that Lit renders the same node on
 * every update (its state survives re-renders); `attributes` and `children` are set when it is made.
 */
export function innerTag(
  host: HTMLElement,
  suffix: TagSuffix,
  attributes: Readonly<Record<string, string>>,
  children: () => Node[] = () => [],
): HTMLElement {
  let mine = made.get(host);
  if (!mine) made.set(host, (mine = new Map()));
  const existing = mine.get(suffix);
  if (existing) return existing;
  const element = host.ownerDocument.createElement(`${tagPrefixOf(host)}-${suffix}`);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children());
  mine.set(suffix, element);
  return element;
}
