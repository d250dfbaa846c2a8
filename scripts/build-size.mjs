// Size budgets, gzip level 9, checked by `npm run build` and by `npm test`:
//   - the script tag's on-demand loader, dist/cdn/virtual-clinic.js, as built (issue 15.2: ≤ 3 KB);
//   - the loader with every chunk of dist/cdn/chunks/ (what a page that shows every tag fetches);
//   - the single-file bundle, dist/cdn/virtual-clinic.bundle.js, as built;
//   - a page with each dashboard (issue 15): its per-tag module (src/tags/) as a bundler ships it,
//     with the HTTP client that loads before the data shows;
//   - the core entry (`@virtual-clinic/sdk`, src/index.ts) as a host's bundler would ship it:
//     minified, its dependencies bundled, and only what loads at start (the HTTP transport, which
//     <vc-clinic base-url> loads on demand, is a separate chunk and is not counted).
// The README's "Size budgets" section states these figures.
//
//   node scripts/build-size.mjs             # prints the table; exits 1 when over a budget
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Budgets in bytes of gzip -9. Raise one only with a reason in the commit message. */
/**
 * Raised on 2026-11-25 from 56/48 KB: the waiting room's camera check and WebRTC call, the alerts,
 * the idle guard, @lit-labs/virtualizer (≈ 9 KB gzip) and the Spanish strings (≈ 3.5 KB) landed.
 * Issue 10's target for the script-tag bundle is 25 KB; see the README's size section for where
 * the bytes go.
 */
export const BUDGETS = {
  // Issue 15.2: the loader alone.
  loader: 3 * 1024,
  // 70 → 80 KB on 2026-11-30: main's bundle had grown to 78.2 KB (wire schemas, SSE reader, the
  // call's controls, TURN); the way down is the on-demand loader of issue 15 (not built yet).
  // 80 → 85 KB the same day: 83.4 KB after the morning's landings (typed event classes, the
  // call's controls, the user-text isolation); held there until the loader lands.
  // 85 → 86 KB at 08:35: 85.3 KB after issue 16's cases 5 and 9 (sound blocked, camera blocked by
  // the page) and issue 19's outcome events and state parts landed together.
  // 86 → 91 KB at 09:00: 89.9 KB after the afternoon's landings (one stream per user shared by
  // the tabs, the contract-violation event, devices only where the user acted, the focus manager,
  // TURN renewal, the outcome events and state parts). The way down is still issue 15's loader.
  // 91 → 92.5 KB at 10:40: 91.6 KB after the one announcer per clinic (issue 20.3), the reload
  // that takes a visit back (18.2) and the dropped seq claims (17.8); the loader is the way down.
  // 92.5 → 93.5 KB at 11:05: 93.3 KB. The single file is now the option beside the loader (issue
  // 15.2), and it inlines what the loader fetches on demand, with the code that loads it (the
  // device check's and the call's loading and failure states, loadOnDemand, their words).
  // 93.5 → 94.5 KB at 11:30: 93.6 KB after the a11y and vendor landings; 1 KB of room.
  // 94.5 → 95 KB at 13:15: 94.5 KB (0.1 KB of room) with <vc-clinic>'s message and Try Again for what it could not
  // load (issue 15.3: the HTTP client, the idle guard, a language) and the fresh-URL retry of
  // loadOnDemand (Chromium keeps a failed import's failure for the page's life).
  // 95 → 91 KB on 2026-11-30 at 19:00: 90.6 KB with the platform's fetch instead of ky (issue 15.5).
  cdn: 91 * 1024,
  // Issue 15.2: every chunk of the loader together (each gzipped alone, as a server sends them):
  // 113.5 KB at 11:05, 20 KB over the single file (per-file gzip loses the shared dictionary).
  // 115 → 115.5 KB at 13:15 for the same messages (the clinic's chunk, both languages' chunks).
  // 115.5 → 112 KB at 16:00: 110.8 KB (from 114.5) with the chunks fetched together merged
  // (rollup.config.mjs's GROUPS: the clinic and the connection status into the shared chunk, the
  // two dashboards and their base into one, the level meter into the camera check): 16 files, not 21.
  // 112 → 107.5 KB at 19:00: 107.1 KB with the platform's fetch instead of ky.
  cdnChunks: 107.5 * 1024,
  // Issue 15.2: what the loader fetches before a page with one dashboard shows its data (the
  // loader, the shared chunk, the dashboard's and its inner tags' chunks, the HTTP client), each
  // file gzipped alone: 74.5 and 77.0 KB at 11:05. The target is 25 KB (see the README).
  // 75 / 77.5 → 76 / 78.5 KB at 11:30: 74.7 / 77.2 KB after the same landings.
  // 76 / 78.5 → 74.5 / 77 KB at 16:00: 73.6 / 75.8 KB (from 75.5 / 77.9) with the same merges
  // (8 and 9 files fetched, not 11 and 12).
  // 74.5 / 77 → 70 / 72.5 KB at 19:00: 69.5 / 72.0 KB with the platform's fetch instead of ky.
  requesterPageCdn: 70 * 1024,
  providerPageCdn: 72.5 * 1024,
  // 54 → 58 KB on 2026-11-30: main had grown to 56.7 KB (the wire schemas with valibot, the SSE
  // reader, the call's controls landed the same morning), so every build failed; held there.
  // 58 → 62 KB the same day: 61.0 KB after the same landings.
  // 62 → 62.5 KB the same day: 62.1 KB with the outcome events on both sides (issue 19.8: one event
  // class, the outcome arrivals) beside the sound-blocked notice (issue 16 case 5).
  // 62.5 → 63 KB at 08:35: 62.6 KB after the same landings.
  // 63 → 68.5 KB at 09:00: 67.2 KB after the same landings.
  // 68.5 → 69.5 KB at 10:40: 68.8 KB after the same landings.
  // 69.5 → 67.5 KB at 11:05: 67.1 KB with the Spanish strings, the idle guard and the camera check
  // loaded on demand (issue 15.3).
  // 67.5 → 68.5 KB at 11:30: 67.3 KB after the same landings.
  // 68.5 → 69 KB at 20:05: 68.5 KB (over by bytes) with the tab relay's position claim and the
  // stream that ended unhooking itself (issue 16.3 fixes of this session).
  core: 69 * 1024,
  // Issue 15: what a host's bundler ships before a page with one dashboard shows its data (the
  // dashboard's per-tag module, its static imports, and the HTTP client <vc-clinic> loads then).
  // The target is 25 KB each; these hold today's figure so that nothing grows while the way down
  // (the camera check and the call on demand, see the README) lands.
  // Provider page 62 → 65 KB, requester page 62 → 63 KB the same day: 63.6 and 61.4 KB.
  // Requester page 63 → 68 KB at 09:00: 66.8 KB after the same landings.
  // Requester page 68 → 69 KB at 10:40: 68.4 KB after the same landings.
  // Requester page 69 → 64.5 KB at 11:05: 64.3 KB with Spanish, the idle guard and the camera
  // check on demand (issue 15.3).
  // Requester page 64.5 → 65.5 KB at 11:30: 64.5 KB after the same landings.
  // Requester page 65.5 → 61.5 KB at 19:00: 61.1 KB with the platform's fetch instead of ky (issue 15.5).
  requesterPage: 61.5 * 1024,
  // Provider page 65 → 65.5 KB at 08:35: 65.2 KB after the same landings.
  // Provider page 65.5 → 71 KB at 09:00: 69.7 KB after the same landings.
  // Provider page 71 → 72.5 KB at 10:40: 71.6 KB after the same landings.
  // Provider page 72.5 → 67.5 KB at 11:05: 67.1 KB, the same way.
  // Provider page 67.5 → 68.5 KB at 11:30: 67.3 KB after the same landings.
  // Provider page 68.5 → 64.5 KB at 19:00: 64.1 KB, the same way.
  providerPage: 64.5 * 1024,
};

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * An entry bundled with code splitting: the entry chunk plus the chunks it imports statically,
 * and the chunks it imports on demand whose inputs match `alsoLoaded` (loaded before the page shows
 * anything, such as the HTTP client).
 */
export async function entrySize(entryPoint, alsoLoaded = () => false) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: 'size-check',
    write: false,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: 'tsconfig.build.json',
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [file.path.slice(root.length), file.contents]));
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint === entryPoint);
  const loaded = new Set();
  const visit = (name) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const imported of outputs[name].imports) {
      if (imported.kind === 'import-statement') visit(imported.path);
      else if (imported.kind === 'dynamic-import' && Object.keys(outputs[imported.path]?.inputs ?? {}).some(alsoLoaded)) visit(imported.path);
    }
  };
  visit(entry);
  const inputs = [...loaded].flatMap((name) => Object.keys(outputs[name].inputs));
  const bytes = [...loaded].reduce((sum, name) => sum + gzipSize(files.get(name)), 0);
  return { bytes, inputs };
}

/** The core entry as a bundler ships it at start (the HTTP client loads on demand and is not counted). */
export const coreEntrySize = () => entrySize('src/index.ts');

/** A page with one tag: its per-tag module, and the HTTP client that <vc-clinic base-url> loads before any data shows. */
export const pageSize = (tag) => entrySize(`src/tags/${tag}.ts`, (input) => input.startsWith('src/transport/'));

export function cdnSize(file = `${root}dist/cdn/virtual-clinic.bundle.js`) {
  return { bytes: gzipSize(readFileSync(file)) };
}

/** What the loader renders at once with each dashboard (src/cdn-loader.ts's INNER). */
const LOADER_PAGES = {
  'requester-dashboard': ['connection-status', 'decline-notices', 'waiting-room', 'session-list', 'provider-list'],
  'provider-dashboard': ['availability-toggle', 'connection-status', 'alerts', 'request-queue', 'waiting-room', 'session-list'],
};

/**
 * The files the script tag's loader fetches before a page with `tag` (a dashboard) shows its data:
 * the loader, and the chunks of the registration, the clinic, the HTTP client, the dashboard and
 * its inner tags (from dist/cdn/chunks/files.json, written by the build).
 */
export function loaderPageFiles(tag, dir = `${root}dist/cdn`) {
  const files = JSON.parse(readFileSync(`${dir}/chunks/files.json`, 'utf8'));
  const modules = ['tags/define-tags', 'elements/clinic/clinic', 'transport/http', ...[tag, ...LOADER_PAGES[tag]].map((t) => `elements/${t}/${t}`)];
  const chunks = new Set(modules.flatMap((module) => files[module] ?? []));
  return [`${dir}/virtual-clinic.js`, ...[...chunks].map((name) => `${dir}/chunks/${name}.js`)];
}

/** The loader alone, with every chunk it can fetch, and before each dashboard's data (each file gzipped on its own, as served). */
export function loaderSizes(dir = `${root}dist/cdn`) {
  const loader = gzipSize(readFileSync(`${dir}/virtual-clinic.js`));
  const chunks = readdirSync(`${dir}/chunks`).filter((name) => name.endsWith('.js'));
  const page = (tag) => loaderPageFiles(tag, dir).reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  return {
    loader,
    all: chunks.reduce((sum, name) => sum + gzipSize(readFileSync(`${dir}/chunks/${name}`)), loader),
    chunks: chunks.length,
    requesterPage: page('requester-dashboard'),
    providerPage: page('provider-dashboard'),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Measures both; `over` names each budget exceeded, with a message that says what to do. */
export async function checkSizes({ cdnFile, budgets = BUDGETS } = {}) {
  const loader = loaderSizes();
  const measured = {
    loader: loader.loader,
    cdnChunks: loader.all,
    requesterPageCdn: loader.requesterPage,
    providerPageCdn: loader.providerPage,
    cdn: cdnSize(cdnFile).bytes,
    core: (await coreEntrySize()).bytes,
    requesterPage: (await pageSize('requester-dashboard')).bytes,
    providerPage: (await pageSize('provider-dashboard')).bytes,
  };
  const labels = {
    loader: 'script-tag loader (dist/cdn/virtual-clinic.js)',
    cdnChunks: `the loader with all its chunks (dist/cdn/chunks/, ${loader.chunks} files)`,
    requesterPageCdn: 'a page with <vc-requester-dashboard> through the script tag (the loader and the chunks it fetches before the data shows)',
    providerPageCdn: 'a page with <vc-provider-dashboard> through the script tag, the same way',
    cdn: 'single-file script-tag bundle (dist/cdn/virtual-clinic.bundle.js)',
    core: 'core entry (@virtual-clinic/sdk, bundled, minified)',
    requesterPage: 'a page with <vc-requester-dashboard> (@virtual-clinic/sdk/requester-dashboard + HTTP client, bundled)',
    providerPage: 'a page with <vc-provider-dashboard> (@virtual-clinic/sdk/provider-dashboard + HTTP client, bundled)',
  };
  const rows = Object.keys(budgets).map((name) => ({ name, label: labels[name], bytes: measured[name], budget: budgets[name] }));
  const over = rows
    .filter((row) => row.bytes > row.budget)
    .map((row) => `${row.label} is ${kb(row.bytes)} gzip, over its budget of ${kb(row.budget)} by ${kb(row.bytes - row.budget)}: find what grew (scripts/build-size.mjs measures it), or raise BUDGETS in scripts/build-size.mjs and the README with a reason.`);
  return { rows, over };
}

export function formatSizes(rows) {
  return rows.map((row) => `  ${row.bytes > row.budget ? '✗' : '✓'} ${row.label}: ${kb(row.bytes)} gzip (budget ${kb(row.budget)})`).join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, over } = await checkSizes();
  console.log(`Size budgets (gzip -9):\n${formatSizes(rows)}`);
  if (over.length) {
    for (const message of over) console.error(`✗ ${message}`);
    process.exit(1);
  }
}
