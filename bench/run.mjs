// `npm run bench`: the benchmark suite. Builds the package (`npm run build`) and a production
// bundle of the benchmark page (bench/pages/), serves both with the Node mock backend on
// 127.0.0.1, drives headless Chromium through it, and writes what it measured, each figure beside
// its baseline measured in the same run:
//   bench/results/latest.json, bench/results/latest.md (git-ignored), and bench/LATEST.md (committed).
//
//   npm run bench                     # everything (about fifteen minutes on two cores; the call section starts coturn)
//   npm run bench -- --quick          # fewer repetitions and shorter windows (a smoke run)
//   npm run bench -- --only=render,update   # some sections: size render update filter e2e memory network call
//   npm run bench -- --no-build       # measure the dist/ that is there
//
// Timings are medians of several runs (the count is in the table). None of this is part of
// `npm test`: timing goals are checked here, against the budgets below.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { createClinicBackend } from '../mock-server/clinic-backend.js';
import { createNodeHandler } from '../mock-server/node-server.mjs';
import { SEED } from '../mock-server/seed.js';
import { CHROME_ARGS, findOrInstallBrowser } from '../scripts/find-browser.mjs';
import { findOrInstallTurnServer, startTurnServer } from '../scripts/turn-server.mjs';
import { measureSizes } from './size.mjs';
import { formatMarkdown } from './table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (section) => !only || only.includes(section);

/** The budgets of issues 10 and 15. */
export const BUDGETS = {
  renderRatioAt1000: 1.5,
  frameMs: 1000 / 60,
  /** Script fetched before a page with one dashboard shows its data (gzip). */
  pageGzipBytes: 25 * 1024,
  /** The script tag's on-demand loader alone (gzip). */
  loaderGzipBytes: 3 * 1024,
  /** One availability change at 10,000 providers: our work ÷ the hand-written list's. */
  updateRatio: 1.5,
  /** Accept → the requester's session painted: ours ÷ the bare fetch-and-stream baseline (medians). */
  e2eRatio: 1.5,
};

const REPEAT = quick ? 3 : 7;
const E2E_RUNS = quick ? 8 : 100;
const CYCLES = quick ? 200 : 1000;
const LIVE_EVENTS = quick ? 2000 : 10_000;
const IDLE_MS = quick ? 20_000 : 60_000;
/** Calls from Enter Meeting to the first remote frame, per path and side; network drops recovered from. */
const CALL_RUNS = quick ? 4 : Number(process.env.VC_BENCH_CALL_RUNS ?? 15);
const CALL_DROPS = quick ? 2 : Number(process.env.VC_BENCH_CALL_DROPS ?? 5);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const log = (message) => console.log(`  ${message}`);
/** The machine's load (1, 5 and 15 minutes), as `uptime` says it. */
const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(', ');

// ---------------------------------------------------------------------------------------------
// Build and serve

export async function buildPage() {
  const outdir = join(resultsDir, 'build');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/pages/bench.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir,
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  return outdir;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * The mock's directory, and a twin of it: every account, user and token again under ids ending in
 * `-twin` (names, services and reach the same, within the twin), reaching nothing of the first. The
 * end-to-end baseline's bare clients are the twins of the users the SDK's clinics are, so the server
 * does the same work for both sides (the same audiences to tell) and the SDK's clinics in the page
 * receive none of the baseline's events.
 */
export const BENCH_SEED = (() => {
  const twin = (id) => `${id}-twin`;
  return {
    ...SEED,
    accounts: [...SEED.accounts, ...SEED.accounts.map((account) => ({ ...account, id: twin(account.id) }))],
    users: [...SEED.users, ...SEED.users.map((user) => ({ ...user, id: twin(user.id), accountId: twin(user.accountId) }))],
    tokens: { ...SEED.tokens, ...Object.fromEntries(Object.entries(SEED.tokens).map(([token, id]) => [twin(token), twin(id)])) },
    reach: { ...SEED.reach, ...Object.fromEntries(Object.entries(SEED.reach ?? {}).map(([id, ids]) => [twin(id), ids.map(twin)])) },
  };
})();

/** Static pages, the page bundle, and the mock clinic under /api (and /api-nopush, where push is refused). */
export function serve(buildDir, backendOptions = {}) {
  const backend = createClinicBackend({ seed: BENCH_SEED, ...backendOptions });
  const handleApi = createNodeHandler(backend);
  const counts = { api: 0, streams: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api-nopush/') || url.pathname.startsWith('/api/')) {
      counts.api++;
      if (url.pathname.startsWith('/api-nopush/')) {
        // The polling baseline: the live stream is refused, as a proxy that buffers SSE would break it.
        if (url.pathname === '/api-nopush/events') {
          res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('no push here');
          return;
        }
        req.url = req.url.replace('/api-nopush/', '/api/');
      } else if (url.pathname === '/api/events') counts.streams++;
      if (handleApi(req, res)) return;
    }
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = path.startsWith('/build/') ? normalize(join(buildDir, path.slice('/build/'.length))) : normalize(join(benchDir, 'pages', path));
    if (!file.startsWith(buildDir) && !file.startsWith(join(benchDir, 'pages')) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, counts, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/**
 * Counts the timers a page has pending (set and neither fired nor cleared), for the memory figures:
 * every interval, and timeouts of more than a second. (Shorter ones end by themselves: nanostores
 * keeps a store mounted one second after its last listener, in a cascade through derived stores;
 * `__shortTimers` counts those, so that a snapshot waits until the cascade is over.)
 */
export const TIMER_PROBE = `(() => {
  const active = new Map();
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = function (fn, ms, ...rest) {
    const id = st.call(window, function (...a) { active.delete(id); return typeof fn === 'function' ? fn.apply(this, a) : undefined; }, ms, ...rest);
    active.set(id, Number(ms) || 0);
    return id;
  };
  window.setInterval = function (fn, ms, ...rest) {
    const id = si.call(window, fn, ms, ...rest);
    active.set(id, Infinity);
    return id;
  };
  window.clearTimeout = (id) => { active.delete(id); ct.call(window, id); };
  window.clearInterval = (id) => { active.delete(id); ci.call(window, id); };
  window.__pendingTimers = () => [...active.values()].filter((ms) => ms > 1000).length;
  window.__shortTimers = () => [...active.values()].filter((ms) => ms <= 1000).length;
})();`;

// ---------------------------------------------------------------------------------------------
// Sections

async function sizeSection() {
  if (!args.includes('--no-build')) {
    console.log('▶ npm run build');
    const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (built.status !== 0) log(`npm run build exited ${built.status} (a size budget of scripts/build-size.mjs?); measuring the dist/ it wrote\n${built.stderr.trim()}`);
  }
  console.log('▶ size');
  const sizes = await measureSizes(root);
  rmSync(join(root, '.bench-size'), { recursive: true, force: true });
  return sizes;
}

async function renderSection(page) {
  console.log('▶ render');
  const rows = [];
  for (const kind of ['providers', 'queue']) {
    for (const count of [100, 1000, 10_000]) {
      const ours = [];
      const baseline = [];
      // Warm up once (the first render also loads the virtualizer's chunk), then alternate.
      await page.evaluate((k, n) => window.bench.render(k, 'ours', n), kind, count);
      await page.evaluate((k, n) => window.bench.render(k, 'baseline', n), kind, count);
      for (let i = 0; i < REPEAT; i++) {
        ours.push(await page.evaluate((k, n) => window.bench.render(k, 'ours', n), kind, count));
        baseline.push(await page.evaluate((k, n) => window.bench.render(k, 'baseline', n), kind, count));
      }
      rows.push({ kind, count, ours: median(ours), baseline: median(baseline), runs: REPEAT });
      log(`${kind} × ${count}: ours ${median(ours).toFixed(1)} ms, baseline ${median(baseline).toFixed(1)} ms`);
    }
  }
  await page.evaluate(() => window.bench.clear());
  return rows;
}

async function updateSection(page) {
  console.log('▶ update');
  const result = {};
  for (const impl of ['ours', 'baseline']) {
    await page.evaluate((i) => window.bench.mountForUpdate(i, 10_000), impl);
    const runs = [];
    for (let i = 0; i < REPEAT + 2; i++) runs.push(await page.evaluate(() => window.bench.updateOnce()));
    runs.splice(0, 2);
    result[impl] = {
      domMs: median(runs.map((r) => r.domMs)),
      syncMs: median(runs.map((r) => r.syncMs)),
      screenMs: median(runs.map((r) => r.screenMs)),
      frames: Math.max(...runs.map((r) => r.frames)),
      rows: Math.max(...runs.map((r) => r.rows)),
      edgeRows: Math.max(...runs.map((r) => r.edgeRows)),
      listChanges: Math.max(...runs.map((r) => r.listChanges)),
      runs: runs.length,
    };
    log(`${impl}: ${JSON.stringify(result[impl])}`);
  }
  await page.evaluate(() => window.bench.clear());
  return result;
}

async function filterSection(page) {
  console.log('▶ filter');
  const queries = ['cardio', 'zoë okafor', '04321'];
  const result = {};
  for (const impl of ['ours', 'baseline']) {
    await page.evaluate((i) => window.bench.mountForUpdate(i, 10_000), impl);
    const runs = [];
    await page.evaluate((q) => window.bench.filterOnce(q), queries[0]);
    for (let i = 0; i < REPEAT; i++) for (const query of queries) runs.push(await page.evaluate((q) => window.bench.filterOnce(q), query));
    result[impl] = {
      domMs: median(runs.map((r) => r.domMs)),
      screenMs: median(runs.map((r) => r.screenMs)),
      frames: Math.max(...runs.map((r) => r.frames)),
      runs: runs.length,
    };
    log(`${impl}: ${JSON.stringify(result[impl])}`);
  }
  await page.evaluate(() => window.bench.clear());
  return result;
}

/**
 * A second window of the browser (its own renderer process, visible, painting), at `url`: the
 * provider's side of the end-to-end figures. (A second tab would be hidden: no animation frames.)
 */
async function openWindow(browser, page, url) {
  const cdp = await page.createCDPSession();
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  await cdp.detach();
  const target = await browser.waitForTarget((t) => t._targetId === targetId);
  const opened = await target.page();
  await opened.setViewport({ width: 1280, height: 900 });
  await opened.goto(url);
  await opened.waitForSelector('body[data-ready="true"]');
  return opened;
}

/**
 * How far the provider window's clock is ahead of the requester window's (ms): each reads
 * `performance.timeOrigin + now()`, asked in turn; of 30 tries, the one with the shortest round
 * trip around the requester's reading, its middle.
 */
async function clockOffset(providerPage, requesterPage) {
  let best = { span: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const before = await providerPage.evaluate(() => window.bench.clockNow());
    const middle = await requesterPage.evaluate(() => window.bench.clockNow());
    const after = await providerPage.evaluate(() => window.bench.clockNow());
    if (after - before < best.span) best = { span: after - before, offset: (before + after) / 2 - middle };
  }
  return best;
}

async function e2eSection(browser, page, origin) {
  console.log('▶ end to end');
  // Another host name for the same server (localhost, where the page is 127.0.0.1): the browser keeps
  // a pool of six connections per host, and four event streams (ours and the baseline's, on each
  // side) would leave the two sides two connections to share for their requests; two machines
  // would each have their own.
  const providerPage = await openWindow(browser, page, `${origin.replace('127.0.0.1', 'localhost')}/`);
  providerPage.on('pageerror', (error) => console.error(`  page error (provider window): ${error}`));
  await page.evaluate(() => window.bench.e2eRequesterSetup());
  await providerPage.evaluate(() => window.bench.e2eProviderSetup());
  const clock = await clockOffset(providerPage, page);
  log(`provider window's clock ahead of the requester's by ${clock.offset.toFixed(2)} ms (± ${(clock.span / 2).toFixed(2)})`);
  /** One run: request, accept in the provider's window, the requester's milestones from the Accept (ms). */
  const run = async (impl) => {
    const requestId = await page.evaluate((i) => window.bench.e2eRequest(i), impl);
    const accepted = await providerPage.evaluate((i, id) => window.bench.e2eAccept(i, id), impl, requestId);
    const seen = await page.evaluate(() => window.bench.e2eResult());
    const at = accepted.at - clock.offset;
    const times = { painted: seen.painted - at, dom: seen.dom - at, bytes: seen.bytes - at };
    return impl === 'ours' ? { ...times, store: seen.store - at, sent: accepted.sent - accepted.at } : times;
  };
  const ours = [];
  const baseline = [];
  await run('ours');
  await run('baseline');
  for (let i = 0; i < E2E_RUNS; i++) {
    ours.push(await run('ours'));
    baseline.push(await run('baseline'));
  }
  await page.evaluate(() => window.bench.clear());
  await providerPage.close();
  // Each side: painted (the budget's figure), and, as information, the DOM and the event's bytes
  // (and for ours the store and the accept sent), each from the Accept; medians and 95th percentiles.
  const summary = (runs) => {
    const of = (key) => runs.map((r) => r[key]).filter((v) => v !== undefined);
    const stat = (key) => ({ median: median(of(key)), p95: percentile(of(key), 95) });
    return { ...stat('painted'), dom: stat('dom'), bytes: stat('bytes'), ...(runs[0]?.store !== undefined ? { store: stat('store'), sent: stat('sent') } : {}) };
  };
  const result = { ours: summary(ours), baseline: summary(baseline), runs: E2E_RUNS, windows: 2, clockOffset: clock, load: loadAverage() };
  log(JSON.stringify(result));
  return result;
}

async function memorySection(page) {
  console.log('▶ memory');
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  const snapshot = async () => {
    // nanostores keeps a store mounted 1 s after its last listener, and a derived store's sources
    // 1 s after that: the page is measured once that cascade is over (its short timers have run),
    // so that a store still mounted is not counted as left behind (or as freed) by chance.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    let waited = 0;
    while ((await page.evaluate(() => window.__shortTimers())) > 0) {
      if (waited >= 10_000) {
        console.log('  (the page still had a timer of a second or less pending after 10 s more: measured anyway)');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      waited += 250;
    }
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    const timers = await page.evaluate(() => window.__pendingTimers());
    return { heap: usedSize, objects: await liveObjects(), nodes, listeners: jsEventListeners, timers };
  };
  /** How many JS objects are alive (every object whose prototype chain has Object.prototype). */
  const liveObjects = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'Object.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId });
    const { result: length } = await cdp.send('Runtime.callFunctionOn', { functionDeclaration: 'function () { return this.length; }', objectId: objects.objectId, returnByValue: true });
    await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return length.value;
  };
  const diff = (after, before) => Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));

  // Noise: the same measurement twice with nothing in between (after one to settle what came before).
  await page.evaluate(() => window.bench.clear());
  await snapshot();
  const idleA = await snapshot();
  const idleB = await snapshot();
  const noise = Math.abs(idleB.heap - idleA.heap);

  // The first round includes V8 warming up (optimized code and inline caches grow the heap once);
  // then three more rounds, whose median is the steady state, where a leak would show. (A single
  // round now and then grows by a few hundred KB when V8 re-optimizes: the median sees past it.)
  const tagNames = await page.evaluate(() => window.bench.tags);
  const cycles = [];
  for (const tag of ['baseline-provider-list', ...tagNames]) {
    await page.evaluate((t) => window.bench.cycles(t, 20), tag);
    const start = await snapshot();
    await page.evaluate((t, n) => window.bench.cycles(t, n), tag, CYCLES);
    let last = await snapshot();
    const firstHeap = last.heap - start.heap;
    const rounds = [];
    for (let round = 0; round < 3; round++) {
      const ms = await page.evaluate((t, n) => window.bench.cycles(t, n), tag, CYCLES);
      const after = await snapshot();
      rounds.push({ ms, ...diff(after, last) });
      last = after;
    }
    await page.evaluate(() => window.bench.endCycles());
    const row = {
      tag,
      cycles: CYCLES,
      ms: median(rounds.map((r) => r.ms)),
      firstHeap,
      heap: median(rounds.map((r) => r.heap)),
      heapRounds: rounds.map((r) => r.heap),
      // Left behind over the three rounds together (and each round's, to tell a leak, which leaves
      // some in every round, from a one-off).
      objects: rounds.reduce((sum, r) => sum + r.objects, 0),
      objectRounds: rounds.map((r) => r.objects),
      nodes: rounds.reduce((sum, r) => sum + r.nodes, 0),
      listeners: rounds.reduce((sum, r) => sum + r.listeners, 0),
      timers: rounds.reduce((sum, r) => sum + r.timers, 0),
    };
    cycles.push(row);
    log(`${tag}: heap ${(row.firstHeap / 1024).toFixed(1)} KB, then ${row.heapRounds.map((h) => (h / 1024).toFixed(1)).join(' / ')} KB, objects ${row.objects} (${row.objectRounds.join(' / ')}), nodes ${row.nodes}, listeners ${row.listeners}, timers ${row.timers}`);
  }

  await page.evaluate(() => window.bench.mountLive(1000));
  const liveStart = await snapshot();
  // Two rounds to warm up: besides V8, a cache of one small object per provider fills in them.
  await page.evaluate((n) => window.bench.liveEvents(n), LIVE_EVENTS);
  await page.evaluate((n) => window.bench.liveEvents(n), LIVE_EVENTS);
  const liveWarm = await snapshot();
  let liveLast = liveWarm;
  const liveRounds = [];
  for (let round = 0; round < 3; round++) {
    const ms = await page.evaluate((n) => window.bench.liveEvents(n), LIVE_EVENTS);
    const after = await snapshot();
    liveRounds.push({ ms, ...diff(after, liveLast) });
    liveLast = after;
  }
  const live = {
    events: LIVE_EVENTS,
    providers: 1000,
    ms: median(liveRounds.map((r) => r.ms)),
    firstHeap: liveWarm.heap - liveStart.heap,
    heap: median(liveRounds.map((r) => r.heap)),
    heapRounds: liveRounds.map((r) => r.heap),
    objects: liveRounds.reduce((sum, r) => sum + r.objects, 0),
    nodes: liveRounds.reduce((sum, r) => sum + r.nodes, 0),
    listeners: liveRounds.reduce((sum, r) => sum + r.listeners, 0),
    timers: liveRounds.reduce((sum, r) => sum + r.timers, 0),
  };
  log(`live events: ${JSON.stringify(live)}`);
  await page.evaluate(() => window.bench.clear());
  await cdp.detach();
  return { noise, cycles, live };
}


async function networkSection(page, counts) {
  console.log('▶ network');
  const result = {};
  for (const [name, prefix] of [['push', '/api'], ['polling', '/api-nopush']]) {
    await page.evaluate((p) => window.bench.idleDashboard(p), prefix);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const before = { ...counts };
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const requests = counts.api - before.api;
    result[name] = { requests, perMinute: (requests * 60_000) / IDLE_MS, windowS: IDLE_MS / 1000, streamsOpened: counts.streams - before.streams };
    log(`${name}: ${JSON.stringify(result[name])}`);
    await page.evaluate(() => window.bench.clear());
  }
  return result;
}

/**
 * The built-in call (issue 18 §6): Enter Meeting → the provider's first remote video frame, direct
 * and relay-only through coturn, then the relay call's recovery after the TURN server goes away
 * and comes back (the network dropping); each beside two bare RTCPeerConnections in the page.
 */
async function callSection(page, turn) {
  console.log('▶ call');
  const result = { runs: CALL_RUNS, drops: CALL_DROPS, restartIntervalMs: 4000 };
  const summary = (values) => ({ median: median(values), p90: percentile(values, 90), min: Math.min(...values), max: Math.max(...values) });
  for (const mode of ['direct', 'relay']) {
    const ours = [];
    const baseline = [];
    await page.evaluate((m) => window.bench.callSetup(m), mode);
    await page.evaluate((m) => window.bench.bareSetup(m), mode);
    // One of each to warm up (the call's module loads on the first meeting), then alternate.
    await page.evaluate(() => window.bench.callRun());
    await page.evaluate(() => window.bench.callLeave());
    await page.evaluate(() => window.bench.bareRun());
    for (let i = 0; i < CALL_RUNS; i++) {
      ours.push(await page.evaluate(() => window.bench.callRun()));
      await page.evaluate(() => window.bench.callLeave());
      baseline.push(await page.evaluate(() => window.bench.bareRun()));
      await page.evaluate(() => window.bench.bareEnd());
    }
    result[mode] = { ours: summary(ours), baseline: summary(baseline) };
    log(`${mode}: ${JSON.stringify(result[mode])}`);
  }
  // Recovery, relay only: stopping coturn is the network dropping, starting it again coming back.
  const recovery = { ours: [], baseline: [] };
  const drop = async (impl) => {
    await page.evaluate((i) => (i === 'ours' ? window.bench.callRun() : window.bench.bareRun()), impl);
    await turn.stop();
    await page.evaluate((i) => (i === 'ours' ? window.bench.callDropped() : window.bench.bareDropped()), impl);
    Object.assign(turn, await startTurnServer({ port: turn.port, secret: turn.secret }));
    recovery[impl].push(await page.evaluate((i) => (i === 'ours' ? window.bench.callBack() : window.bench.bareBack()), impl));
    await page.evaluate((i) => (i === 'ours' ? window.bench.callLeave() : window.bench.bareEnd()), impl);
  };
  await page.evaluate(() => window.bench.callSetup('relay'));
  await page.evaluate(() => window.bench.bareSetup('relay'));
  for (let i = 0; i < CALL_DROPS; i++) {
    await drop('ours');
    await drop('baseline');
  }
  result.recovery = { ours: summary(recovery.ours), baseline: summary(recovery.baseline) };
  log(`recovery: ${JSON.stringify(result.recovery)}`);
  await page.evaluate(() => window.bench.callEnd());
  return result;
}

const README_START = '<!-- bench:start (written by npm run bench) -->';
const README_END = '<!-- bench:end -->';

/** Replaces the README's table (between its markers) with the latest one; leaves the rest alone. */
export function updateReadme(markdown) {
  const file = join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return;
  writeFileSync(file, `${readme.slice(0, start + README_START.length)}\n\n${markdown.trim().replace(/^### /gm, '#### ')}\n\n${readme.slice(end)}`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  const results = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    quick,
    budgets: BUDGETS,
  };
  if (wants('size')) results.size = await sizeSection();

  const browserSections = ['render', 'update', 'filter', 'e2e', 'memory', 'network', 'call'].filter(wants);
  if (browserSections.length) {
    console.log('▶ page bundle (esbuild, production)');
    const buildDir = await buildPage();
    // The call section's TURN server (coturn, installed with apt when absent, as npm test does).
    let turn = null;
    if (wants('call')) {
      findOrInstallTurnServer();
      turn = await startTurnServer();
    }
    const { server, counts, origin } = await serve(buildDir, turn ? { turn: { secret: turn.secret, urls: turn.urls } } : {});
    const executablePath = findOrInstallBrowser();
    const browser = await puppeteer.launch({
      executablePath,
      args: [...CHROME_ARGS, '--enable-precise-memory-info', '--window-size=1280,900'],
      defaultViewport: { width: 1280, height: 900 },
    });
    try {
      const version = await browser.version();
      results.browser = version;
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(TIMER_PROBE);
      page.on('pageerror', (error) => {
        if (!/ResizeObserver loop/.test(String(error))) console.error(`  page error: ${error}`);
      });
      await page.goto(`${origin}/`);
      await page.waitForSelector('body[data-ready="true"]');
      if (wants('render')) results.render = await renderSection(page);
      if (wants('update')) results.update = await updateSection(page);
      if (wants('filter')) results.filter = await filterSection(page);
      if (wants('e2e')) results.e2e = await e2eSection(browser, page, origin);
      if (wants('memory')) results.memory = await memorySection(page);
      if (wants('network')) results.network = await networkSection(page, counts);
      if (wants('call')) {
        results.call = await callSection(page, turn);
        results.call.load = loadAverage();
      }
    } finally {
      await browser.close();
      server.close();
      await turn?.stop();
    }
  }
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.loadAtEnd = loadAverage();

  const markdown = formatMarkdown(results);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), markdown);
  if (!only && !quick) {
    copyFileSync(join(resultsDir, 'latest.md'), join(benchDir, 'LATEST.md'));
    updateReadme(formatMarkdown(results, { compact: true }));
  }
  console.log(`\n${markdown}`);
  console.log(`Wrote bench/results/latest.md and latest.json${!only && !quick ? ', bench/LATEST.md and the README\'s table' : ''} in ${results.seconds} s.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
