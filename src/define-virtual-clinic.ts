/**
 * Registers every Virtual Clinic tag, under `vc-` or a prefix of the host's choosing. Safe to call
 * from two copies (or two versions) of the SDK on one page: a name already taken is skipped, and
 * one warning lists what was skipped.
 */
import { ContextRoot } from '@lit/context';
import { DEFAULT_PREFIX, type PrefixedClass, type TagSuffix } from './elements/internal/inner-tags.js';
import type { LazyTransportFactory } from './core/transport.js';
import { VcClinic } from './elements/clinic/clinic.js';
import { TAGS } from './elements/tags.js';

export interface DefineOptions {
  /** The tags' prefix: `acme` registers `<acme-clinic>`, `<acme-provider-list>` … (default `vc`). */
  prefix?: string;
}

/** What `defineVirtualClinic` did: the tag names it registered, and those it found taken. */
export interface DefineResult {
  defined: string[];
  skipped: string[];
}

/** A prefix that makes valid custom-element names: lowercase letters and digits, dashes between. */
const PREFIX_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ROOT_FLAG = Symbol.for('virtual-clinic.context-root');

/** A tag upgraded before its <vc-clinic> asks for the clinic again once the root appears. */
function attachContextRoot(): void {
  const page = globalThis as unknown as Record<symbol, boolean>;
  if (typeof document === 'undefined' || page[ROOT_FLAG]) return;
  page[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
}

/** The HTTP transport, loaded when a `<vc-clinic base-url>` first needs it (never for a host's own transport). */
const loadHttpTransport: LazyTransportFactory = () =>
  import('./transport/http.js').then(({ HttpTransport }) => (connection) => new HttpTransport(connection));

/** A class per prefix: one constructor can be registered under one name only. */
function classFor(base: CustomElementConstructor, prefix: string): CustomElementConstructor {
  if (prefix === DEFAULT_PREFIX) return base;
  const prefixed = class extends (base as new () => HTMLElement) {};
  (prefixed as PrefixedClass).tagPrefix = prefix;
  return prefixed;
}

export function defineVirtualClinic(options: DefineOptions = {}): DefineResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`[virtual-clinic] "${prefix}" is not a valid tag prefix (lowercase letters and digits, such as "acme").`);
  }
  const result: DefineResult = { defined: [], skipped: [] };
  const registry = globalThis.customElements;
  if (!registry) return result;
  attachContextRoot();
  VcClinic.transportFactory ??= loadHttpTransport;
  for (const [tag, base] of Object.entries(TAGS)) {
    const name = `${prefix}-${tag.slice(DEFAULT_PREFIX.length + 1) as TagSuffix}`;
    const existing = registry.get(name);
    if (existing) {
      // This very copy registered it already (a second call): nothing to say.
      const ours = existing === base || (Object.getPrototypeOf(existing) === base && (existing as PrefixedClass).tagPrefix === prefix);
      if (!ours) result.skipped.push(name);
      continue;
    }
    registry.define(name, classFor(base, prefix));
    result.defined.push(name);
  }
  if (result.skipped.length > 0) {
    console.warn(
      `[virtual-clinic] ${result.skipped.length} tag(s) already defined on this page (another copy of the SDK?); keeping the first definitions: ${result.skipped.join(', ')}. ` +
        'Call defineVirtualClinic({ prefix }) to register this copy under a prefix of your own.',
    );
  }
  return result;
}
