/**
 * The script tag's loader, built as `dist/cdn/virtual-clinic.js` (issue 15.2): a few KB that
 * register each `<vc-*>` tag the first time one appears in the page — in the document or inside
 * the shadow root of a Virtual Clinic tag (the dashboards' inner tags, the clinic's idle guard) —
 * and only then fetch its chunk and the chunks it shares with the others (Lit, the state core),
 * each once. Chunks are imported relative to this file's own URL, so the SDK works from a CDN on
 * another origin (served with CORS, as module scripts need); nothing is built from strings, so it
 * works under the README's strict CSP with Trusted Types.
 *
 * While a tag's chunk loads, the tag shows "Loading…"; when it fails (offline, blocked), a clear
 * message and **Try Again**, which loads it again (the words: `src/i18n/chunk-strings.ts`).
 *
 * Importing it starts the `vc-` prefix. `defineVirtualClinic({ prefix: 'acme' })` adds another.
 * A name another copy of the SDK took (or claimed, to load on demand) is skipped with one warning,
 * as `defineTags` does. `load()` gives the whole API (`createClinic`, the classes, `registerTranslation` …).
 * The single file with everything inside stays as `dist/cdn/virtual-clinic.bundle.js`.
 */
import type { TagSuffix } from './elements/internal/tag-names.js';
import { chunkStrings } from './i18n/chunk-strings.js';
import type { DefineOptions, DefineResult } from './tags/define-tags.js';

export type { DefineOptions, DefineResult };

type Chunk = () => Promise<CustomElementConstructor>;

/**
 * For each module the loader imports (by its path under src/, without extension): the chunk files
 * it needs, itself and what it imports (`clinic-Dgorp8UW` for `./chunks/clinic-Dgorp8UW.js`). Written in by the build (the
 * `vc-chunk-files` plugin of rollup.config.mjs); empty when this module runs unbuilt.
 */
const CHUNK_FILES = chunkFiles('__VC_CHUNK_FILES__');
function chunkFiles(json: string): Record<string, string[]> {
  return json.startsWith('{') ? (JSON.parse(json) as Record<string, string[]>) : {};
}

/** The files known to be there, or being fetched; a failure is forgotten, so that Try Again fetches again. */
const fetched = new Map<string, Promise<void>>();
const chunksUrl = new URL('./chunks/', import.meta.url).href;
/** After a failure, checks go to the network (a cached error answer must not stand for the file). */
let failed = false;
/**
 * A page whose `connect-src` leaves out the loader's origin (a CDN) refuses the check's fetch:
 * there the chunks are imported without it (Try Again then needs a reload after a failure).
 */
let checkRefused = false;
if (typeof document !== 'undefined') {
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.blockedURI.startsWith(chunksUrl)) checkRefused = true;
  });
}

/**
 * Fetches `module`'s chunk files before importing them. A browser remembers a failed module import
 * for the page's life (Chromium does, as HTML said until 2024), and a failed `<link rel=preload>`
 * too, so an import that failed offline would fail again once the network is back. The files are
 * fetched first (into the HTTP cache: serve them cacheable, as their names change with their
 * content), and imported only once all have arrived; a failed fetch leaves nothing behind.
 */
function fetchFirst<T>(module: string, load: () => Promise<T>): Promise<T> {
  const files = CHUNK_FILES[module] ?? [];
  return Promise.all(
    files.map((file) => {
      let arrived = fetched.get(file);
      if (!arrived) {
        arrived = fetch(`${chunksUrl}${file}.js`, failed ? { cache: 'reload' } : {})
          .then(async (response) => {
            if (!response.ok) throw new Error(`${file}.js: HTTP ${response.status}`);
            await response.arrayBuffer();
          })
          .catch(async (error: unknown) => {
            await new Promise((resolve) => setTimeout(resolve));
            if (!checkRefused) throw error;
          });
        fetched.set(file, arrived);
        arrived.catch(() => {
          fetched.delete(file);
          failed = true;
        });
      }
      return arrived;
    }),
  ).then(load);
}

// The SDK's own code that waits for its moment (the call, the camera check, Spanish …) comes this
// way too: src/core/load-on-demand.ts, in a chunk of this folder, finds this function by the folder.
((globalThis as unknown as Record<symbol, Map<string, typeof fetchFirst>>)[Symbol.for('virtual-clinic.loaders')] ??= new Map()).set(chunksUrl, fetchFirst);

/** Each tag's chunk. Every import is a literal path, so the bundler splits and names the chunks. */
const CHUNKS: Record<TagSuffix, Chunk> = {
  clinic: () => fetchFirst('elements/clinic/clinic', () => import('./elements/clinic/clinic.js')).then((m) => m.VcClinic),
  'provider-list': () => fetchFirst('elements/provider-list/provider-list', () => import('./elements/provider-list/provider-list.js')).then((m) => m.VcProviderList),
  'decline-notices': () =>
    fetchFirst('elements/decline-notices/decline-notices', () => import('./elements/decline-notices/decline-notices.js')).then((m) => m.VcDeclineNotices),
  'request-queue': () => fetchFirst('elements/request-queue/request-queue', () => import('./elements/request-queue/request-queue.js')).then((m) => m.VcRequestQueue),
  'availability-toggle': () =>
    fetchFirst('elements/availability-toggle/availability-toggle', () => import('./elements/availability-toggle/availability-toggle.js')).then(
      (m) => m.VcAvailabilityToggle,
    ),
  alerts: () => fetchFirst('elements/alerts/alerts', () => import('./elements/alerts/alerts.js')).then((m) => m.VcAlerts),
  'session-list': () => fetchFirst('elements/session-list/session-list', () => import('./elements/session-list/session-list.js')).then((m) => m.VcSessionList),
  'waiting-room': () => fetchFirst('elements/waiting-room/waiting-room', () => import('./elements/waiting-room/waiting-room.js')).then((m) => m.VcWaitingRoom),
  'connection-status': () =>
    fetchFirst('elements/connection-status/connection-status', () => import('./elements/connection-status/connection-status.js')).then((m) => m.VcConnectionStatus),
  'requester-dashboard': () =>
    fetchFirst('elements/requester-dashboard/requester-dashboard', () => import('./elements/requester-dashboard/requester-dashboard.js')).then(
      (m) => m.VcRequesterDashboard,
    ),
  'provider-dashboard': () =>
    fetchFirst('elements/provider-dashboard/provider-dashboard', () => import('./elements/provider-dashboard/provider-dashboard.js')).then(
      (m) => m.VcProviderDashboard,
    ),
  'idle-guard': () => fetchFirst('elements/idle-guard/idle-guard', () => import('./elements/idle-guard/idle-guard.js')).then((m) => m.VcIdleGuard),
};

/** What a dashboard renders at once: fetched beside it, not after it has rendered. */
const INNER: Partial<Record<TagSuffix, TagSuffix[]>> = {
  'requester-dashboard': ['connection-status', 'decline-notices', 'waiting-room', 'session-list', 'provider-list'],
  'provider-dashboard': ['availability-toggle', 'connection-status', 'alerts', 'request-queue', 'waiting-room', 'session-list'],
};

const PREFIX_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Tag names claimed by any copy of the SDK on this page, and by which: the guard against a second copy. */
const CLAIMS = Symbol.for('virtual-clinic.claimed-tags');
const claims: Map<string, object> = ((globalThis as unknown as Record<symbol, Map<string, object>>)[CLAIMS] ??= new Map());
const thisCopy = {};

/** The names this copy registers on demand → their suffix, and what is under way for each. */
const wanted = new Map<string, TagSuffix>();
const loading = new Map<string, Promise<void>>();
/** The elements that wait for their chunk, and the note each shows meanwhile. */
const waiting = new Map<string, Map<Element, HTMLElement>>();
let watchedRoots = new WeakSet<Node>();
let observer: MutationObserver | undefined;

/** The whole API of the SDK, loaded on demand: `createClinic`, the classes, `registerTranslation` … */
export const load = () => import('./index.js');

/**
 * Registers every tag under `prefix-` (default `vc`), each when it first appears.
 * @returns the names this copy will register (`defined`) and those another copy holds (`skipped`).
 * @throws TypeError when the prefix would not make valid custom-element names.
 */
export function defineVirtualClinic(options: DefineOptions = {}): DefineResult {
  const prefix = options.prefix ?? 'vc';
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new TypeError(`[virtual-clinic] "${prefix}" is not a valid tag prefix (lowercase letters and digits, such as "acme").`);
  }
  const result: DefineResult = { defined: [], skipped: [] };
  if (typeof customElements === 'undefined' || typeof document === 'undefined') return result;
  for (const suffix of Object.keys(CHUNKS) as TagSuffix[]) {
    const name = `${prefix}-${suffix}`;
    const owner = claims.get(name);
    if (owner === thisCopy) continue;
    if (owner || customElements.get(name)) {
      result.skipped.push(name);
      continue;
    }
    claims.set(name, thisCopy);
    wanted.set(name, suffix);
    result.defined.push(name);
  }
  if (result.skipped.length > 0) {
    console.warn(
      `[virtual-clinic] ${result.skipped.length} tag(s) already defined on this page (another copy of the SDK?); keeping the first definitions: ${result.skipped.join(', ')}. ` +
        'Call defineVirtualClinic({ prefix }) to register this copy under a prefix of your own.',
    );
  }
  if (result.defined.length > 0) {
    observer ??= new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    });
    watch(document);
  }
  return result;
}

/** Finds our tags in `root` (and in the shadow roots of our tags within), now and as they are added. */
function watch(root: Document | ShadowRoot): void {
  if (watchedRoots.has(root)) return;
  watchedRoots.add(root);
  observer!.observe(root, { childList: true, subtree: true });
  scan(root);
}

function scan(root: ParentNode): void {
  const selector = [...wanted.keys()].join(',');
  const found = root instanceof Element && root.matches(selector) ? [root, ...root.querySelectorAll(selector)] : root.querySelectorAll(selector);
  for (const element of found) {
    const name = element.localName;
    if (customElements.get(name)) watchShadow(element);
    else {
      void need(name, element);
      customElements.whenDefined(name).then(() => watchShadow(element), () => {});
    }
  }
}

/** Our tags render our other tags in their shadow roots (open, Lit's default). */
function watchShadow(element: Element): void {
  if (element.shadowRoot) watch(element.shadowRoot);
}

function need(name: string, element: Element): Promise<void> {
  let notes = waiting.get(name);
  if (!notes) waiting.set(name, (notes = new Map()));
  if (!notes.has(element)) notes.set(element, note(element, 'loading'));
  let pending = loading.get(name);
  if (!pending) {
    const suffix = wanted.get(name)!;
    for (const inner of INNER[suffix] ?? []) void CHUNKS[inner]().catch(() => {});
    pending = Promise.all([fetchFirst('tags/define-tags', () => import('./tags/define-tags.js')), CHUNKS[suffix]()]).then(
      ([{ defineTags }, tag]) => {
        for (const shown of waiting.get(name)?.values() ?? []) shown.remove();
        waiting.delete(name);
        defineTags({ [`vc-${suffix}`]: tag }, { prefix: name.slice(0, -suffix.length - 1) });
        // Every tag registered: nothing is left to find, and the page's mutations cost us nothing more.
        if ([...wanted.keys()].every((wantedName) => customElements.get(wantedName))) {
          observer?.disconnect();
          watchedRoots = new WeakSet();
        }
      },
      (error: unknown) => {
        loading.delete(name);
        console.error(`[virtual-clinic] could not load <${name}>`, error);
        const notes = waiting.get(name) ?? new Map<Element, HTMLElement>();
        for (const [waiter, shown] of notes) {
          const failed = note(waiter, 'failed', shown);
          shown.replaceWith(failed);
          notes.set(waiter, failed);
        }
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

/** "Loading…", or the failure and Try Again, shown in the tag's own (light) content until it is defined. */
function note(element: Element, kind: 'loading' | 'failed', replacing?: HTMLElement): HTMLElement {
  const words = chunkStrings(langOf(element));
  const box = element.ownerDocument.createElement('div');
  box.dataset.vcChunk = kind;
  const text = element.ownerDocument.createElement('p');
  text.textContent = kind === 'loading' ? words.loading : words.failed;
  box.append(text);
  if (kind === 'failed') {
    text.setAttribute('role', 'alert');
    const retry = element.ownerDocument.createElement('button');
    retry.type = 'button';
    retry.textContent = words.retry;
    retry.addEventListener('click', () => {
      const notes = waiting.get(element.localName);
      const loadingNote = note(element, 'loading');
      box.replaceWith(loadingNote);
      notes?.set(element, loadingNote);
      void need(element.localName, element);
    });
    box.append(retry);
  }
  if (!replacing) element.prepend(box);
  return box;
}

/** The closest `lang`, across shadow roots, else the page's. */
function langOf(element: Element): string {
  for (let at: Element | null = element; at; ) {
    const lang = at.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}

defineVirtualClinic();
