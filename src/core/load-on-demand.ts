/**
 * The one way the SDK imports code that waits for its moment (issue 15.3): the call, the camera
 * check, the Spanish strings, the virtualizer, the idle guard. `loadOnDemand(module, load)` runs
 * `load` (a literal `import()`, so that bundlers split it) through the script tag's loader when
 * the SDK came from it (`src/cdn-loader.ts`): the loader fetches the chunk's files before
 * importing, so that Try Again after a failure (offline, blocked) imports them for real (Chromium
 * remembers a failed import for the page's life). From a host's bundler, `load` runs as it is the
 * first time; after it failed, the next try imports the URL that failed (the browser names it in
 * the error) under a fresh query, `?vc-retry=N`, since Chromium would answer a second import of the
 * same URL with the same failure without fetching (whatwg/html#6768; the spec's fix, #10327, is not
 * in Chromium yet). The chunk's own imports resolve without the query, so nothing loads twice.
 *
 * `module` is the imported file's path under `src/`, without extension (`meeting/webrtc-call`).
 */
type FetchFirst = <T>(module: string, load: () => Promise<T>) => Promise<T>;

/**
 * Each script-tag loader on the page, by the URL of its chunks folder (two copies of the SDK have
 * two): this module, bundled into a loader's chunk, finds its own loader by its own folder.
 */
export const LOADERS = Symbol.for('virtual-clinic.loaders');

/** The URL of each module whose last import failed (from a bundler), and how many tries so far. */
const failed = new Map<string, { url: string; tries: number }>();

/** The URL a failed dynamic import names ("Failed to fetch dynamically imported module: <url>"). */
function urlOf(error: unknown): string | null {
  const match = /(https?:\/\/\S+?)\.?\s*$/.exec(error instanceof Error ? error.message : '');
  return match ? match[1]! : null;
}

export function loadOnDemand<T>(module: string, load: () => Promise<T>): Promise<T> {
  const loaders = (globalThis as unknown as Record<symbol, Map<string, FetchFirst> | undefined>)[LOADERS];
  const fetchFirst = loaders?.get(new URL('./', import.meta.url).href);
  if (fetchFirst) return fetchFirst(module, load);
  const before = failed.get(module);
  let attempt: Promise<T>;
  if (before) {
    const url = new URL(before.url);
    url.searchParams.set('vc-retry', String(before.tries));
    attempt = import(/* @vite-ignore */ /* webpackIgnore: true */ url.href) as Promise<T>;
  } else {
    attempt = load();
  }
  return attempt.then(
    (loaded) => {
      failed.delete(module);
      return loaded;
    },
    (error: unknown) => {
      const url = before?.url ?? urlOf(error);
      if (url) failed.set(module, { url, tries: (before?.tries ?? 0) + 1 });
      throw error;
    },
  );
}
