/**
 * The guarded registration every entry shares (`defineVirtualClinic`, the per-tag modules of
 * `src/tags/`): registers the given tags under `vc-` or a prefix of the host's choosing, skipping —
 * with one warning — any name another copy of the SDK took first. It imports no tag itself, so a
 * per-tag module ships only the tags it names (issue 15).
 */
import { ContextRoot } from '@lit/context';
import { loadOnDemand } from '../core/load-on-demand.js';
import type { LazyTransportFactory } from '../core/transport.js';
import type { VcClinic } from '../elements/clinic/clinic.js';
import { DEFAULT_PREFIX, type PrefixedClass } from '../elements/internal/inner-tags.js';
import type { TagSuffix, VcTagName } from '../elements/internal/tag-names.js';

export interface DefineOptions {
  /** The tags' prefix: `acme` registers `<acme-clinic>`, `<acme-provider-list>` … (default `vc`). */
  prefix?: string;
}

/** What a registration did: the tag names it registered, and those it found taken. */
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
  loadOnDemand('transport/http', () => import('../transport/http.js')).then(({ HttpTransport }) => (connection) => new HttpTransport(connection));

/** The idle guard, registered under `prefix` when a clinic with `idle-timeout` first renders one (issue 15.3). */
const loadIdleGuard = (prefix: string): Promise<void> =>
  loadOnDemand('elements/idle-guard/idle-guard', () => import('../elements/idle-guard/idle-guard.js')).then(({ VcIdleGuard }) => {
    defineTags({ 'vc-idle-guard': VcIdleGuard }, { prefix });
  });

/** A class per prefix: one constructor can be registered under one name only. */
function classFor(base: CustomElementConstructor, prefix: string): CustomElementConstructor {
  if (prefix === DEFAULT_PREFIX) return base;
  const prefixed = class extends (base as new () => HTMLElement) {};
  (prefixed as PrefixedClass).tagPrefix = prefix;
  return prefixed;
}

/**
 * Registers `tags` (keyed by their `vc-` names) under `options.prefix`.
 * @throws TypeError when the prefix would not make valid custom-element names.
 */
export function defineTags(tags: Readonly<Partial<Record<VcTagName, CustomElementConstructor>>>, options: DefineOptions = {}): DefineResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`[virtual-clinic] "${prefix}" is not a valid tag prefix (lowercase letters and digits, such as "acme").`);
  }
  const result: DefineResult = { defined: [], skipped: [] };
  const registry = globalThis.customElements;
  if (!registry) return result;
  attachContextRoot();
  const clinic = tags['vc-clinic'] as typeof VcClinic | undefined;
  if (clinic) {
    clinic.transportFactory ??= loadHttpTransport;
    clinic.idleGuardLoader ??= loadIdleGuard;
  }
  for (const [tag, base] of Object.entries(tags) as Array<[VcTagName, CustomElementConstructor]>) {
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
