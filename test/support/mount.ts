/**
 * Mounts tags inside a <vc-clinic> connected to a fresh mock clinic, as a host page would.
 */
import { fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../src/define.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import type { Clinic } from '../../src/core/clinic.js';
import { connect, type Backend } from './fixtures.js';

export interface Mounted<T extends HTMLElement> {
  root: VcClinic;
  el: T;
  clinic: Clinic;
}

/** Renders `content` inside a <vc-clinic> signed in with `token`; resolves once the clinic is in sync. */
export async function mountInClinic<T extends HTMLElement>(backend: Backend, token: string, content: TemplateResult): Promise<Mounted<T>> {
  const clinic = connect(backend, token);
  const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic}>${content}</vc-clinic>`);
  await clinic.start();
  const el = root.firstElementChild as T;
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return { root, el, clinic };
}

/** The element's shadow root, for querying what the user sees. */
export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
}

/** Resolves after the element (and Lit) finished rendering the latest state. */
export async function settled(el: Element): Promise<void> {
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  // A macrotask, not a frame: a page in a background tab gets no animation frames.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
}

/** Collects the public events of `name` that reach `target`. */
export function recordEvents<K extends keyof HTMLElementEventMap>(target: EventTarget, name: K): HTMLElementEventMap[K][] {
  const seen: HTMLElementEventMap[K][] = [];
  target.addEventListener(name, (event) => seen.push(event as HTMLElementEventMap[K]));
  return seen;
}
