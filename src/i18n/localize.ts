/**
 * The one localization layer: every tag asks `LocalizeController.term(key)` for its strings, in
 * the language of its closest `lang` (the element's, an ancestor's or the page's), and re-renders
 * when any `lang` or `dir` in the page changes.
 *
 * English is built in; Spanish loads the first time a tag is asked for it (issue 15.3). Until it
 * has arrived the tags speak English (every control works), and then switch; a language that
 * could not be loaded (offline, blocked) stays English, `<vc-clinic>` says so with Try Again
 * (`languagesNotLoaded`, `retryLanguages`), and it is asked for again when the browser comes back
 * online or a `lang` changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadOnDemand } from '../core/load-on-demand.js';
import { en, type Message, type MessageKey, type Messages } from './en.js';

const translations = new Map<string, Partial<Messages>>([['en', en]]);
/** The SDK's own languages besides English, loaded when first used. */
const BUILT_IN: Readonly<Record<string, () => Promise<Messages>>> = {
  es: () => loadOnDemand('i18n/es', () => import('./es.js')).then((module) => module.es),
};
/** Built-in languages asked for, those that arrived, and those whose last load failed. */
const requested = new Set<string>();
const arrived = new Set<string>();
const notLoaded = new Set<string>();
const notLoadedListeners = new Set<() => void>();
const tellNotLoaded = () => {
  for (const listener of notLoadedListeners) listener();
};

/** The built-in languages (base codes, `es`) whose strings could not be loaded, so English is shown. */
export function languagesNotLoaded(): ReadonlySet<string> {
  return notLoaded;
}

/** Calls `listener` whenever `languagesNotLoaded()` changes; returns the way to stop. */
export function watchLanguagesNotLoaded(listener: () => void): () => void {
  notLoadedListeners.add(listener);
  return () => notLoadedListeners.delete(listener);
}

/** Try Again: asks for every language that could not be loaded once more. */
export function retryLanguages(): void {
  for (const base of notLoaded) requested.delete(base);
  notLoaded.clear();
  tellNotLoaded();
  for (const host of hosts) host.requestUpdate();
}

function requestBuiltIn(base: string): void {
  if (requested.has(base) || arrived.has(base) || !Object.hasOwn(BUILT_IN, base)) return;
  requested.add(base);
  BUILT_IN[base]!().then(
    (messages) => {
      arrived.add(base);
      if (notLoaded.delete(base)) tellNotLoaded();
      // A host's own strings for the language (registerTranslation) win over the built-in ones.
      translations.set(base, { ...messages, ...(translations.get(base) ?? {}) });
      for (const host of hosts) host.requestUpdate();
    },
    (error: unknown) => {
      console.error(`[virtual-clinic] could not load the "${base}" strings; English is shown until they load`, error);
      notLoaded.add(base);
      tellNotLoaded();
      if (typeof window !== 'undefined') window.addEventListener('online', () => requested.delete(base), { once: true });
    },
  );
}
const hosts = new Set<ReactiveControllerHost & HTMLElement>();
let observer: MutationObserver | null = null;

/** Adds or extends a language (`es`, `pt-BR` …); missing keys fall back to English. */
export function registerTranslation(lang: string, messages: Partial<Messages>): void {
  const key = lang.toLowerCase();
  translations.set(key, { ...(translations.get(key) ?? {}), ...messages });
  for (const host of hosts) host.requestUpdate();
}

function lookup(lang: string): Partial<Messages>[] {
  const lower = lang.toLowerCase();
  const base = lower.split('-')[0]!;
  requestBuiltIn(base);
  return [translations.get(lower), translations.get(base), en].filter((m): m is Partial<Messages> => Boolean(m));
}

function watchLanguageChanges(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    // A language asked for in vain is asked for again on the next change.
    for (const base of requested) if (!arrived.has(base)) requested.delete(base);
    for (const host of hosts) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/** Intl formatters are costly to make and a queue renders every second: one per language and use. */
const formatters = new Map<string, { format(value: number | Date): string }>();
function formatter(key: string, make: () => { format(value: number | Date): string }) {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = make()));
  return found;
}

export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    watchLanguageChanges();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** The language in force for the host: its own `lang`, an ancestor's, or the page's. */
  get lang(): string {
    const own = this.#host.closest('[lang]')?.getAttribute('lang');
    const root = this.#host.getRootNode() as ShadowRoot | Document;
    const hostLang = root instanceof ShadowRoot ? root.host.closest('[lang]')?.getAttribute('lang') : null;
    return own || hostLang || document.documentElement.lang || 'en';
  }

  get dir(): 'ltr' | 'rtl' {
    const dir = this.#host.closest('[dir]')?.getAttribute('dir') || document.documentElement.dir;
    return dir === 'rtl' ? 'rtl' : 'ltr';
  }

  term(key: MessageKey, params: Record<string, string | number> = {}): string {
    for (const messages of lookup(this.lang)) {
      const message: Message | undefined = messages[key];
      if (message !== undefined) return typeof message === 'function' ? message(params) : message;
    }
    return key;
  }

  /** "3 minutes", "1 hour, 4 minutes": a waited time, in the active language. */
  duration(ms: number): string {
    const totalSeconds = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    const unit = (value: number, unit: 'hour' | 'minute' | 'second') =>
      formatter(`unit:${this.lang}:${unit}`, () => new Intl.NumberFormat(this.lang, { style: 'unit', unit, unitDisplay: 'long' })).format(value);
    if (hours > 0) return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
    if (minutes > 0) return unit(minutes, 'minute');
    return unit(seconds, 'second');
  }

  time(iso: string): string {
    return formatter(`time:${this.lang}`, () => new Intl.DateTimeFormat(this.lang, { timeStyle: 'short' })).format(new Date(iso));
  }
}
