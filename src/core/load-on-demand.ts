/**
 * The one way the SDK imports code that waits for its moment (issue 15.3): the call, the camera
 * check, the Spanish strings, the virtualizer, the idle guard. `loadOnDemand(module, load)` runs
 * `load` (a literal `import()`, so that bundlers split it) through the script tag's loader when
 * the SDK came from it (`src/cdn-loader.ts`): the loader fetches the chunk's files before
 * importing, so that Try Again after a failure (offline, blocked) imports them for real (Chromium
 * remembers a failed import for the page's life). From a host's bundler, `load` runs as it is:
 * the bundler's own chunk loading decides whether a second try fetches again.
 *
 * `module` is the imported file's path under `src/`, without extension (`meeting/webrtc-call`).
 */
type FetchFirst = <T>(module: string, load: () => Promise<T>) => Promise<T>;

/**
 * Each script-tag loader on the page, by the URL of its chunks folder (two copies of the SDK have
 * two): this module, bundled into a loader's chunk, finds its own loader by its own folder.
 */
export const LOADERS = Symbol.for('virtual-clinic.loaders');

export function loadOnDemand<T>(module: string, load: () => Promise<T>): Promise<T> {
  const loaders = (globalThis as unknown as Record<symbol, Map<string, FetchFirst> | undefined>)[LOADERS];
  const fetchFirst = loaders?.get(new URL('./', import.meta.url).href);
  return fetchFirst ? fetchFirst(module, load) : load();
}
