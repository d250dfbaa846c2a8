// Issue 19's "done when": the examples of docs/examples for a plain page, React, Vue and Angular,
// built from the packed package (`npm pack` of the dist/ that test/package built) as a host would
// install it and as each framework's docs build it (Vite; Angular's CLI, `ng build`), type-checked
// where the framework has a checker (vue-tsc, ngc with strict templates: each wrong binding of
// test/types/<framework> must be refused), and run in Chromium against the Node mock clinic: each
// shows the provider dashboard, and an accepted request reaches the app. Angular's app also runs
// with zone.js as well as zoneless, and its raw-tags screen (CUSTOM_ELEMENTS_SCHEMA) as well.
//
// The host's project is .vc-examples/ (git-ignored, removed at the end; not under node_modules, where TypeScript
// would treat the examples as a library's files): the tarball unpacked in its own
// node_modules/@virtual-clinic/sdk (so the examples get the tarball, not this folder), its
// dependencies (lit …) and the frameworks found by Node's lookup in this project's node_modules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build as viteBuild } from 'vite';
import { createClinicBackend } from '../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../mock-server/node-server.mjs';
import { CHROME_ARGS, findBrowser } from '../../scripts/find-browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const host = join(root, '.vc-examples');
const bin = (path) => join(root, 'node_modules', path);
/** A Node child process in `cwd`, started now (the compilers run beside the builds); its exit status and output. */
function node(args, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}
/** Vite's production build without what only a deployment needs (minifying, gzip figures). */
const FAST = { minify: false, reportCompressedSize: false };
/** Where the examples are, in the host's project and on the test server. */
const EXAMPLES = '/docs/examples';

/** `npm pack` of the built package, unpacked where a host's `npm install` puts it. */
function installTarball() {
  assert.ok(existsSync(join(root, 'dist/index.js')), 'dist/ is missing: npm run build (test/package builds it first)');
  rmSync(host, { recursive: true, force: true });
  const sdk = join(host, 'node_modules/@virtual-clinic/sdk');
  mkdirSync(sdk, { recursive: true });
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', host], { cwd: root, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = join(host, JSON.parse(packed.stdout)[0].filename);
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', sdk, '--strip-components=1'], { encoding: 'utf8' });
  assert.equal(untar.status, 0, untar.stderr);
  // A project of its own: inside this package's folder, `@virtual-clinic/sdk` would otherwise be
  // a self-reference to the working tree (Node's, TypeScript's and Vite's resolution all do it).
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'vc-examples-host', private: true, type: 'module' }));
  // The repository's layout, so that the type tests' tsconfig files hold as they are.
  for (const folder of ['docs/examples', 'test/types']) cpSync(join(root, folder), join(host, folder), { recursive: true });
  // The plain page loads the script-tag bundle from its own node_modules, as the docs show.
  symlinkSync('../../../node_modules', join(host, 'docs/examples/plain-html/node_modules'));
}

/** The Node mock clinic at /api and the built examples as static files, on a free port. */
function startServer() {
  const backend = createClinicBackend();
  const api = createNodeHandler(backend);
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer((request, response) => {
    if (api(request, response)) return;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(host, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(host) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ backend, server, url: `http://127.0.0.1:${server.address().port}` })));
}

/** Text of the page, through every shadow root, whitespace folded. */
function deepText() {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent);
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Clicks the first element matching `selector`, through every shadow root. */
function deepClick(selector) {
  const find = (scope) => {
    const here = scope.querySelector(selector);
    if (here) return here;
    for (const element of scope.querySelectorAll('*')) {
      const inner = element.shadowRoot && find(element.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const target = find(document);
  target?.click();
  return Boolean(target);
}

let server;
let browser;
/** The compilers' runs, started together once the tarball is in. */
let compilers;
before(async () => {
  installTarball();
  const ngc = bin('@angular/compiler-cli/bundles/src/bin/ngc.js');
  compilers = {
    vue: node([bin('vue-tsc/bin/vue-tsc.js'), '-p', join(host, 'test/types/vue/tsconfig.json'), '--listFiles']),
    angularTypes: node([ngc, '-p', join(host, 'test/types/angular/tsconfig.json')]),
    // The app as docs/angular.md builds it: the CLI's `ng build` in the app's folder (its
    // angular.json: the application builder, a production build), into dist/browser/.
    angularApp: node([bin('@angular/cli/bin/ng.js'), 'build'], join(host, 'docs/examples/angular')),
  };
  server = await startServer();
  browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || findBrowser(), args: CHROME_ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  server?.server.close();
  server?.backend.close();
  await Promise.all(Object.values(compilers ?? {}));
  rmSync(host, { recursive: true, force: true });
});

/**
 * Opens `path` on a fresh mock clinic and waits until the page shows `text` (through shadow
 * roots); then `run(page, logs)`, and the page is closed.
 */
async function onPage(path, text, run) {
  server.backend.reset();
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (message) => logs.push(message.text()));
  page.on('pageerror', (error) => logs.push(String(error)));
  try {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(`(${deepText})().includes(${JSON.stringify(text)})`, { timeout: 30_000 }).catch((error) => {
      throw new Error(`${path}: "${text}" never showed (${error.message}); console: ${logs.join(' | ')}`);
    });
    await run(page, logs);
  } finally {
    await page.close();
  }
}

/**
 * Opens `path` signed in as Dr. Okafor and waits for the dashboard; a requester asks for a
 * session (over the API) and the provider clicks Accept; then `check(page, sessionId, logs)`.
 */
async function acceptThroughApp(path, check) {
  await onPage(path, 'I Am Available for Sessions', async (page, logs) => {
    const requested = await fetch(`${server.url}/api/requests`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-frontdesk', 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ providerId: 'prov-okafor', serviceId: 'svc-urgent' }),
    });
    assert.ok(requested.ok, await requested.text());
    await page.waitForFunction(`(${deepClick})('[part~="accept-button"]')`, { timeout: 30_000 });
    await check(page, await onServer((state) => state.sessions[0]?.id), logs);
  });
}

/** What `pick` finds in the mock clinic's state, once it finds something. */
async function onServer(pick) {
  for (;;) {
    const found = pick(server.backend.state());
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The app's own words once the accepted request reached it. */
const showsSession = (page, sessionId) => showsText(page, `Session ${sessionId} is ready.`);

/** Waits until the app (outside the tags) shows `text`. */
async function showsText(page, text) {
  await page.waitForFunction((expected) => document.body.innerText.includes(expected), { timeout: 30_000 }, text).catch(async () => {
    assert.fail(`the app never showed "${text}": ${await page.evaluate(() => document.body.innerText)}`);
  });
}

describe('the examples, from the packed package', () => {
  test('a plain HTML page: the script-tag bundle shows the dashboard and the page hears vc-request-accepted', async () => {
    await acceptThroughApp(`${EXAMPLES}/plain-html/index.html`, async (page, sessionId, logs) => {
      const heard = () => logs.some((line) => line.includes('Accepted request') && line.includes(sessionId));
      for (let waited = 0; !heard() && waited < 30_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(heard(), logs.join(' | '));
    });
  });

  test('React: Vite builds the docs\' app and an accepted request reaches the component', async () => {
    await viteBuild({ root: join(host, 'docs/examples/react'), base: './', configFile: false, logLevel: 'error', esbuild: { jsx: 'automatic' }, build: FAST });
    await acceptThroughApp(`${EXAMPLES}/react/dist/index.html?token=demo-okafor`, showsSession);
  });

  test("Vue: vue-tsc accepts the docs' component and refuses each wrong binding; Vite builds it with the docs' config; it runs", async () => {
    const vueTsc = await compilers.vue;
    assert.equal(vueTsc.status, 0, vueTsc.output);
    for (const file of ['ProviderScreen.vue', 'wrong-bindings.vue', '.vc-examples/node_modules/@virtual-clinic/sdk/dist/vue/index.d.ts']) assert.match(vueTsc.output, new RegExp(file.replace(/\./g, '\\.')), `vue-tsc did not check ${file}`);
    await viteBuild({ root: join(host, 'docs/examples/vue'), base: './', configFile: join(host, 'docs/examples/vue/vite.config.js'), logLevel: 'error', build: FAST });
    await acceptThroughApp(`${EXAMPLES}/vue/dist/index.html?token=demo-okafor`, showsSession);
  });

  test("Angular: ngc's strict templates pass the docs' app and refuse a wrong input and a wrong handler", async () => {
    const { output } = await compilers.angularTypes;
    const errors = [...output.matchAll(/(\S+):(\d+):\d+ - error TS\d+/g)].map(([, file, line]) => `${file.split('/').pop()}:${line}`);
    assert.deepEqual(errors, ['wrong-bindings.component.ts:11', 'wrong-bindings.component.ts:12', 'wrong-bindings.component.ts:13'], output);
  });

  describe("Angular: the docs' app as `ng build` makes it (the CLI's application builder)", () => {
    /** The app's page, once `ng build` is done: `query` picks the screen and the change detection. */
    const app = async (query) => {
      const built = await compilers.angularApp;
      assert.equal(built.status, 0, built.output);
      return `${EXAMPLES}/angular/dist/browser/index.html?${query}`;
    };
    /** Whether zone.js is in the page, as the mode says: loaded with it, absent without. */
    const assertZone = async (page, zone) => assert.equal(await page.evaluate(() => typeof globalThis.Zone), zone ? 'function' : 'undefined');

    for (const [mode, zone] of [['zoneless', false], ['with zone.js', true]]) {
      const flag = zone ? 'zone&' : '';
      test(`${mode}: the typed wrappers' screen shows the dashboard, and an accepted request reaches the component`, async () => {
        await acceptThroughApp(await app(`${flag}token=demo-okafor`), async (page, sessionId) => {
          await showsSession(page, sessionId);
          await assertZone(page, zone);
        });
      });

      test(`${mode}: the raw tags' screen (CUSTOM_ELEMENTS_SCHEMA) shows the providers its [getToken] reaches, and (vc-request-sent) shows the request a click sent`, async () => {
        await onPage(await app(`${flag}screen=requester&token=demo-northgate`), 'Dr. Priya Natarajan', async (page) => {
          await page.waitForFunction(`(${deepClick})('[part~="request-button"]')`, { timeout: 30_000 });
          await showsText(page, `Request ${await onServer((state) => state.requests[0]?.id)} sent.`);
          await assertZone(page, zone);
        });
      });
    }
  });
});
