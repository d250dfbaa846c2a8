// The reference server (`npm run server -- --demo`, on PGlite in a temporary folder, on a free
// port) for the browser tests that run against it (issue 14.7: the two-tab test). It starts on the
// first request under PREFIX, so runs that do not need it do not pay for it, and stops with the
// test runner. Everything under PREFIX is passed to it as it is (the demo page it serves, its API,
// its event streams unbuffered), so the pages stay on the test runner's origin.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../server/support.mjs';

export const CLINIC_SERVER_PREFIX = '/e2e-server';

/** @returns {{ middleware: Function, plugin: import('@web/test-runner').TestRunnerPlugin }} */
export function clinicServer() {
  let started = null;
  let folder = null;
  const start = () =>
    (started ??= (async () => {
      folder = mkdtempSync(join(tmpdir(), 'vc-e2e-server-'));
      const server = await startServerProcess({ env: { PGLITE_DIR: join(folder, 'data'), DATABASE_URL: '' } });
      // The demo page is built on its first request: build it before a test opens it.
      const page = await fetch(`${server.url}/demo/index.html`);
      if (!page.ok) throw new Error(`the server's demo page answered ${page.status}`);
      await fetch(`${server.url}/demo/demo.js`).then((r) => r.arrayBuffer());
      return server;
    })());

  async function middleware(context, next) {
    if (!context.path.startsWith(`${CLINIC_SERVER_PREFIX}/`)) return next();
    const server = await start();
    const target = new URL(server.url);
    context.respond = false;
    await new Promise((resolve) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: context.req.method, path: context.req.url.slice(CLINIC_SERVER_PREFIX.length), headers: { ...context.req.headers, host: target.host } },
        (response) => {
          context.res.writeHead(response.statusCode ?? 502, response.headers);
          context.res.flushHeaders();
          response.pipe(context.res);
          response.on('end', resolve);
          response.on('error', resolve);
        },
      );
      upstream.on('error', (error) => {
        if (!context.res.headersSent) context.res.writeHead(502, { 'Content-Type': 'text/plain' });
        context.res.end(`the clinic server did not answer: ${error.message}`);
        resolve();
      });
      // A page that goes away (a closed tab's event stream) ends its request upstream too.
      context.res.on('close', () => upstream.destroy());
      context.req.pipe(upstream);
    });
  }

  return {
    middleware,
    plugin: {
      name: 'clinic-server',
      async serverStop() {
        const server = await started?.catch(() => null);
        await server?.stop();
        if (folder) rmSync(folder, { recursive: true, force: true });
      },
    },
  };
}
