// @ts-check
/**
 * Serves the mock clinic from a service worker, for the demo and the browser tests. Each tab has
 * its own clinic this way; to share one between tabs, run mock-server/node-server.mjs instead.
 */
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';

/** @typedef {import('./clinic-backend.js').ClinicBackend} ClinicBackend */

/**
 * @param {{ backend: ClinicBackend, quiet?: boolean, workerUrl?: string }} options
 *   `workerUrl`: where mockServiceWorker.js is served; its folder must contain the page (the
 *   worker's scope), so a demo under /demo/ serves it as /demo/mockServiceWorker.js.
 */
export async function startMockWorker({ backend, quiet = true, workerUrl = '/mockServiceWorker.js' }) {
  const worker = setupWorker(
    http.all('*/api/*', async ({ request }) => {
      try {
        return await backend.handle(request);
      } catch (error) {
        // `faults.loseResponseNext()` throws a TypeError; msw would turn a throw into a 500, but
        // the fault means "the network broke", which HttpResponse.error() is.
        if (error instanceof TypeError) return HttpResponse.error();
        throw error;
      }
    }),
  );
  await worker.start({
    serviceWorker: { url: workerUrl },
    onUnhandledRequest: 'bypass',
    quiet,
  });
  return worker;
}
