/**
 * Mounts tags inside a <vc-clinic> connected to a fresh mock clinic, as a host page would.
 */
import { fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../../src/define.js';
import type { VcClinic } from '../../src/elements/clinic/clinic.js';
import type { Clinic } from '../../src/core/clinic.js';
import type { VcIdleGuard } from '../../src/elements/idle-guard/idle-guard.js';
import { connect, type Backend } from './fixtures.js';
import { ManualClock } from './manual-clock.js';

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

/**
 * `content` inside a `<vc-clinic idle-timeout idle-warning>` signed in with `token`, its idle guard
 * on a manual clock (seconds: `timeout` 120 and `warning` 30 unless given).
 */
export async function mountIdleClinic(
  backend: Backend,
  token: string,
  content: TemplateResult,
  { timeout = 120, warning = 30 }: { timeout?: number; warning?: number } = {},
): Promise<{ root: VcClinic; guard: VcIdleGuard; clinic: Clinic; clock: ManualClock }> {
  const clinic = connect(backend, token);
  const root = await fixture<VcClinic>(html`<vc-clinic .clinic=${clinic} idle-timeout=${timeout} idle-warning=${warning}>${content}</vc-clinic>`);
  await clinic.start();
  const guard = shadow(root).querySelector('vc-idle-guard') as VcIdleGuard;
  const clock = new ManualClock(Date.now());
  guard.clock = clock;
  await settled(guard);
  return { root, guard, clinic, clock };
}
