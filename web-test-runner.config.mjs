// The browser tests: every test/**/*.test.ts in one headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { CHROME_ARGS, findBrowser } from './scripts/find-browser.mjs';
import { mswWorkerPlugin, nodeEnvPlugin, patientTestingPlugin, typescriptPlugin } from './scripts/dev-plugins.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { turnServerPlugin } from './scripts/turn-server.mjs';
import { packageTestPlugins } from './test/package/browser-plugins.mjs';
import { createClinicBackend } from './mock-server/clinic-backend.js';
import { createNodeHandler } from './mock-server/node-server.mjs';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { buildDemo } from './scripts/build-demo.mjs';
import { STRICT_CSP, securityTestMiddleware } from './test/security/csp/csp-server.mjs';
import { a11yCommandsPlugin } from './test/support/a11y-commands-plugin.mjs';
import { clinicServer } from './test/support/clinic-server-plugin.mjs';
import { webSocketClinicPlugin } from './test/support/websocket-clinic-plugin.mjs';

/**
 * The static build of the demo, served as a plain static file server would (no transforms): under
 * /static-demo/ without headers, and under /static-demo-csp/ with the README's strict policy plus
 * the demo's own Trusted Types policy name, `vc-demo` (issue 16.12).
 */
const staticDemoDir = mkdtempSync(join(tmpdir(), 'vc-static-demo-'));
// Gone with the run: every run (and every `npm test -- --files …`) builds its own.
process.once('exit', () => rmSync(staticDemoDir, { recursive: true, force: true }));
const staticDemo = await buildDemo(staticDemoDir);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };
const DEMO_CSP = `${STRICT_CSP} vc-demo`;
if (!DEMO_CSP.endsWith('trusted-types lit-html vc-demo')) throw new Error('the strict policy changed: update the static demo test');
const STATIC_DEMOS = [['/static-demo/', {}], ['/static-demo-csp/', { 'Content-Security-Policy': DEMO_CSP }]];
function staticDemoMiddleware(context, next) {
  const [prefix, headers] = STATIC_DEMOS.find(([p]) => context.path.startsWith(p)) ?? [];
  if (!prefix) return next();
  const file = normalize(join(staticDemo, context.path.slice(prefix.length) || 'index.html'));
  if (!file.startsWith(staticDemo) || !existsSync(file)) return next();
  context.respond = false;
  context.res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
  context.res.end(readFileSync(file));
  return undefined;
}

/**
 * One Node mock clinic for the tests that need a clinic shared between pages (two tabs), under
 * its own prefix so that no other test's clinic is disturbed.
 */
const SHARED_PREFIX = '/e2e-node';
const handleSharedApi = createNodeHandler(createClinicBackend());
function sharedClinicMiddleware(context, next) {
  // The two-tab test's pages live under their own path, outside the scope of the MSW worker that
  // other demo tests register under /demo/: those pages must reach the Node clinic directly.
  if (context.path.startsWith('/shared-demo/')) {
    context.url = context.url.replace('/shared-demo/', '/demo/');
    return next();
  }
  if (!context.path.startsWith(`${SHARED_PREFIX}/api`)) return next();
  context.req.url = context.req.url.slice(SHARED_PREFIX.length);
  if (handleSharedApi(context.req, context.res)) {
    context.respond = false;
    return undefined;
  }
  return next();
}

/** The reference server on PGlite under /e2e-server/, for the same two-tab test (issue 14.7). */
const referenceServer = clinicServer();

/**
 * Modules the page cannot load, as offline or blocked (issue 15.3): while `POST
 * /__vc/unreachable?path=/…&on=1` holds, a GET of that path (with any query, as `.js` or as the
 * `.ts` the dev server serves for it) answers 503. Chromium gives a new test page a module an
 * earlier page of the run loaded without asking the server again, so a test that makes modules
 * unreachable imports the SDK under `/__vc/isolated/` (the same files, at URLs no other page uses).
 */
const unreachableModules = new Set();
const moduleOf = (path) => path.replace(/\.(?:ts|js)$/, '');
const ISOLATED = '/__vc/isolated';
function unreachableModulesMiddleware(context, next) {
  if (context.path === '/__vc/unreachable' && context.method === 'POST') {
    const path = String(context.query.path ?? '');
    if (context.query.on === '1') unreachableModules.add(moduleOf(path));
    else unreachableModules.delete(moduleOf(path));
    context.status = 204;
    return undefined;
  }
  if (context.method === 'GET' && unreachableModules.has(moduleOf(context.path))) {
    context.status = 503;
    context.set('Cache-Control', 'no-store');
    context.body = 'unreachable (a test says so)';
    return undefined;
  }
  if (context.path.startsWith(`${ISOLATED}/`)) context.url = context.url.slice(ISOLATED.length);
  return next();
}

const summaryFile = process.env.VC_TEST_SUMMARY;

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  // One test page at a time: a second page beside it is a background page, where Chromium holds
  // back animation and video frames and focus rings, and the waiting room's call tests hang there
  // (seen in a full run: waiting-room.test.ts stalled for minutes, and passes alone in 16 s).
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 60_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH || findBrowser() || undefined, args: CHROME_ARGS },
    }),
  ],
  middleware: [unreachableModulesMiddleware, sharedClinicMiddleware, referenceServer.middleware, staticDemoMiddleware, securityTestMiddleware()],
  plugins: [turnServerPlugin(), referenceServer.plugin, webSocketClinicPlugin(), patientTestingPlugin(), ...packageTestPlugins(), typescriptPlugin(), nodeEnvPlugin(), mswWorkerPlugin(), a11yCommandsPlugin()],
  reporters: [defaultReporter(), ...(summaryFile ? [countReporter(summaryFile)] : [])],
};
