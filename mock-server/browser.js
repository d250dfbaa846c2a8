// @ts-check
/**
 * Serves the mock clinic from a service worker, for the demo and the browser tests. Each tab has
 * its own clinic this way; to share one between tabs, run mock-server/node-server.mjs instead.
 */
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';

/** @typedef {import('./clinic-backend.js').ClinicBackend} ClinicBackend */

/**
 * @param {{ backend: ClinicBackend, quiet?: boolean }} options
 */
export async function startMockWorker({ backend, quiet = true }) {
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
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet,
  });
  return worker;
}
