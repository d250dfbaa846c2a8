// The size figures of `npm run bench`, measured on the built package (dist/, from `npm run build`):
//   - the script tag (issue 15.2): the loader dist/cdn/virtual-clinic.js alone; what it fetches
//     before a page with one dashboard shows its data (from dist/cdn/chunks/files.json, each file
//     gzipped alone as a server sends it); the loader with every chunk; the single file
//     dist/cdn/virtual-clinic.bundle.js, as built;
//   - each npm entry as a host's bundler ships it (esbuild: minified, dependencies bundled, Lit's
//     production build): what loads at start, and with the chunks it loads on demand;
//   - the floor of each: the sum of its dependencies' own minified sizes (each dependency alone,
//     just the modules of it that the SDK imports, its own dependencies included once);
//   - the heaviest modules of the script-tag bundle, which say where the bytes go.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { loaderPageFiles } from '../scripts/build-size.mjs';

export const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
export const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The package's entries (package.json "exports"), as built into dist/. */
const ENTRIES = [
  { name: '@virtual-clinic/sdk', file: 'dist/index.js' },
  { name: '@virtual-clinic/sdk/define', file: 'dist/define.js' },
  { name: '@virtual-clinic/sdk/transports/http', file: 'dist/transport/http.js' },
  { name: '@virtual-clinic/sdk/react', file: 'dist/react/index.js', external: ['react', 'react-dom'] },
];

/** Pages with one dashboard (issue 15): the per-tag module, and the HTTP client <vc-clinic base-url> loads before data shows. */
const PAGES = ['requester-dashboard', 'provider-dashboard'].map((tag) => ({
  tag,
  name: `@virtual-clinic/sdk/${tag}`,
  file: `dist/tags/${tag}.js`,
  beforeData: (input) => input.startsWith('dist/transport/'),
}));
/** The script tag's on-demand loader (issue 15.2), its chunks and which files each module needs. */
const LOADER = 'dist/cdn/virtual-clinic.js';
const CHUNKS = 'dist/cdn/chunks';
/** The loader's figures: alone, with every chunk, and before each dashboard shows its data. */
function loaderSizes(root) {
  if (!existsSync(join(root, LOADER)) || !existsSync(join(root, CHUNKS, 'files.json'))) return null;
  const loader = sizes(readFileSync(join(root, LOADER)));
  const chunkNames = readdirSync(join(root, CHUNKS)).filter((name) => name.endsWith('.js'));
  const chunk = (name) => sizes(readFileSync(join(root, CHUNKS, `${name}.js`)));
  const all = sum([loader, ...chunkNames.map((name) => chunk(name.slice(0, -3)))]);
  const pages = ['requester-dashboard', 'provider-dashboard'].map((tag) => {
    const fetched = loaderPageFiles(tag, join(root, 'dist/cdn'));
    return { tag, files: fetched.length, data: sum(fetched.map((file) => sizes(readFileSync(file)))) };
  });
  return { ...loader, all, chunks: chunkNames.length, pages };
}

/** Packages that belong to Lit: counted once, under `lit`. */
const LIT_FAMILY = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'];

const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const sizes = (bytes) => ({ min: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) });
const sum = (list) => list.reduce((total, s) => ({ min: total.min + s.min, gzip: total.gzip + s.gzip, brotli: total.brotli + s.brotli }), { min: 0, gzip: 0, brotli: 0 });

/**
 * Bundles one entry with code splitting: sizes at start (the entry and its static imports), before
 * data shows (at start plus the chunks loaded on demand whose inputs match `entry.beforeData`: the
 * HTTP client) and in all.
 */
async function entrySize(root, entry) {
  const result = await build({ ...BUNDLE_OPTIONS, absWorkingDir: root, entryPoints: [entry.file], splitting: true, outdir: join(root, '.bench-size'), external: entry.external ?? [] });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((file) => [relative(root, file.path), file.contents]));
  const main = Object.keys(outputs).find((name) => outputs[name].entryPoint === entry.file);
  const atStart = new Set();
  const visit = (name) => {
    if (atStart.has(name)) return;
    atStart.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(main);
  const start = sum([...atStart].map((name) => sizes(files.get(name))));
  const beforeData = new Set(atStart);
  for (const name of atStart) {
    for (const imported of outputs[name].imports) {
      if (imported.kind === 'dynamic-import' && entry.beforeData && Object.keys(outputs[imported.path]?.inputs ?? {}).some(entry.beforeData)) beforeData.add(imported.path);
    }
  }
  const data = sum([...beforeData].map((name) => sizes(files.get(name))));
  const dataInputs = [...beforeData].flatMap((name) => Object.entries(outputs[name].inputs).map(([path, input]) => [path, input.bytesInOutput]));
  const all = sum([...files.entries()].filter(([name]) => name.endsWith('.js')).map(([, bytes]) => sizes(bytes)));
  // The bare specifiers the SDK's own modules import, by package: what the floor is made of.
  const specifiers = new Map();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (!path.startsWith('dist/')) continue;
    for (const imported of input.imports) {
      const original = imported.original ?? '';
      if (!original || original.startsWith('.') || original.startsWith('/') || imported.external) continue;
      const name = LIT_FAMILY.includes(packageOf(original)) ? 'lit' : packageOf(original);
      if (!specifiers.has(name)) specifiers.set(name, new Set());
      specifiers.get(name).add(original);
    }
  }
  return { start, data, all, specifiers, dataBreakdown: groupBytes(dataInputs, data.gzip) };
}

const ownSizeCache = new Map();
/** One dependency alone: the modules of it that the SDK imports, minified, its other-package imports left out. */
async function ownSize(root, name, specifiers, directPackages) {
  const key = `${name}:${[...specifiers].sort().join(',')}`;
  if (ownSizeCache.has(key)) return ownSizeCache.get(key);
  const contents = [...specifiers].map((specifier, i) => `export * as m${i} from ${JSON.stringify(specifier)};`).join('\n');
  const others = [...directPackages, ...LIT_FAMILY].filter((other) => other !== name && !(name === 'lit' && LIT_FAMILY.includes(other)));
  const external = others.flatMap((other) => [other, `${other}/*`]);
  const result = await build({ ...BUNDLE_OPTIONS, absWorkingDir: root, stdin: { contents, resolveDir: root, loader: 'js' }, outfile: join(root, '.bench-size', 'floor.js'), external });
  const measured = sizes(result.outputFiles[0].contents);
  ownSizeCache.set(key, measured);
  return measured;
}

async function floorOf(root, specifiers) {
  const packages = [...specifiers.keys()].sort();
  const parts = [];
  for (const name of packages) parts.push({ name, ...(await ownSize(root, name, specifiers.get(name), packages)) });
  return { total: sum(parts), parts };
}

/** Where the bytes of the script-tag bundle go: minified bytes per module group, from esbuild's metafile. */
/** A module's group in the breakdowns: a package, a tag's folder, or a folder of src/. */
function groupOf(path) {
  if (path.includes('node_modules/')) {
    const name = packageOf(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    return LIT_FAMILY.includes(name) ? 'lit (lit-html, @lit/reactive-element, lit-element)' : name;
  }
  const parts = path.replace(/^dist\//, 'src/').split('/');
  if (path.endsWith('i18n/en.js')) return 'src/i18n/en (strings)';
  return parts[1] === 'elements' && parts.length > 3 ? parts.slice(0, 3).join('/') + '/' : parts.length > 2 ? parts.slice(0, 2).join('/') + '/' : parts.join('/');
}

/** Minified bytes per group from esbuild's `inputs`; gzip shares a dictionary across a file, so a group's gzip bytes are estimated pro rata. */
function groupBytes(inputs, gzipTotal) {
  const groups = new Map();
  for (const [path, bytes] of inputs) groups.set(groupOf(path), (groups.get(groupOf(path)) ?? 0) + bytes);
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([group, min]) => ({ group, min, gzipEstimate: Math.round((min / total) * gzipTotal) }));
}

/** Where the bytes of the single-file bundle go. */
async function breakdown(root) {
  const result = await build({ ...BUNDLE_OPTIONS, absWorkingDir: root, entryPoints: ['dist/define.js'], outfile: join(root, '.bench-size', 'all.js') });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return groupBytes(Object.entries(inputs).map(([path, input]) => [path, input.bytesInOutput]), gzip(result.outputFiles[0].contents));
}

/** Every size figure; `root` is the repository (dist/ must be built). */
export async function measureSizes(root) {
  const cdnFile = join(root, 'dist/cdn/virtual-clinic.bundle.js');
  if (!existsSync(cdnFile)) throw new Error('dist/cdn/virtual-clinic.bundle.js is missing: run `npm run build` first');
  const cdn = sizes(readFileSync(cdnFile));
  const entries = [];
  const allSpecifiers = new Map();
  for (const entry of ENTRIES) {
    if (!existsSync(join(root, entry.file))) continue;
    const { start, all, specifiers } = await entrySize(root, entry);
    for (const [name, set] of specifiers) allSpecifiers.set(name, new Set([...(allSpecifiers.get(name) ?? []), ...set]));
    entries.push({ name: entry.name, start, all, floor: await floorOf(root, specifiers) });
  }
  // The script-tag bundle inlines everything the registering entry can load.
  const define = entries.find((e) => e.name === '@virtual-clinic/sdk/define');
  const cdnFloor = define?.floor ?? (await floorOf(root, allSpecifiers));
  const pages = [];
  for (const page of PAGES) {
    if (!existsSync(join(root, page.file))) continue;
    const { data, all, dataBreakdown } = await entrySize(root, page);
    pages.push({ tag: page.tag, name: page.name, data, all, breakdown: dataBreakdown });
  }
  const loader = loaderSizes(root);
  return { cdn: { ...cdn, floor: cdnFloor }, entries, pages, loader, breakdown: await breakdown(root) };
}
