// The script tag (issue 15.2), two ways:
//   - dist/cdn/virtual-clinic.js, the on-demand loader (src/cdn-loader.ts), with its chunks in
//     dist/cdn/chunks/: each tag's code is fetched the first time the tag appears (`cdnLoaderConfig`);
//   - dist/cdn/virtual-clinic.bundle.js, ONE ES module with Lit and every other dependency
//     inlined, that registers every tag on load and exports the whole API (`cdnConfig`).
// The npm entries (dist/*.js, unbundled, dependencies kept) come from `tsc -p tsconfig.build.json`;
// see scripts/build.mjs, which runs all three.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild, { minify } from 'rollup-plugin-esbuild';

/** nanostores reads process.env.NODE_ENV; a page without a bundler has no `process`. */
function productionEnv() {
  return {
    name: 'vc-production-env',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
    },
  };
}

const plugins = (minified) => [
  nodeResolve({ browser: true }),
  productionEnv(),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json' }),
  ...(minified ? [minify({ target: 'es2022', legalComments: 'eof' })] : []),
];

function onwarn(warning, warn) {
  // Lit's `this` at the top level of its modules is fine in a module bundle.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

/**
 * Writes into the loader (src/cdn-loader.ts, its string '__VC_CHUNK_FILES__') the chunk files each
 * module it fetches first needs: the module's own chunk and every chunk that one imports, by name
 * in dist/cdn/chunks/ without `.js`; and the same for every module into dist/cdn/chunks/files.json. The loader fetches them before importing (see `fetchFirst` there). Runs before
 * minifying; the hash placeholders of the names are filled in by rollup afterwards.
 */
function chunkFiles() {
  /** `module` (path under src/, no extension) → the files it needs, from rollup's chunks by file name. */
  const graph = (chunks, entryFileName, wanted) => {
    const files = {};
    const closure = (fileName) => {
      const needed = new Set();
      const visit = (name) => {
        if (needed.has(name) || name === entryFileName) return;
        needed.add(name);
        for (const imported of chunks[name]?.imports ?? []) visit(imported);
      };
      visit(fileName);
      // Short: `clinic-Dgorp8UW` for ./chunks/clinic-Dgorp8UW.js (the loader puts the rest back).
      return [...needed].map((name) => name.replace(/^chunks\//, '').replace(/\.js$/, ''));
    };
    for (const other of Object.values(chunks)) {
      if (other.type === 'asset' || other.fileName === entryFileName) continue;
      for (const id of other.moduleIds) {
        const path = id.replaceAll('\\', '/');
        const at = path.lastIndexOf('/src/');
        if (at < 0) continue;
        const key = path.slice(at + '/src/'.length).replace(/\.ts$/, '');
        if (wanted(key, other, id)) files[key] = closure(other.fileName);
      }
    }
    return files;
  };
  return {
    name: 'vc-chunk-files',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || !code.includes('__VC_CHUNK_FILES__')) return null;
      // The modules imported on demand (by the loader, or through loadOnDemand in the chunks), and
      // those the loader names although they sit inside a shared chunk (tags/define-tags).
      const files = graph(meta.chunks, chunk.fileName, (key, other, id) => (other.isDynamicEntry && id === other.facadeModuleId) || code.includes(`'${key}'`) || code.includes(`"${key}"`));
      const literal = JSON.stringify(JSON.stringify(files));
      const replaced = code.replace(/(["'])__VC_CHUNK_FILES__\1/, () => literal);
      if (replaced === code) this.error('the loader\'s __VC_CHUNK_FILES__ string was not found');
      return { code: replaced, map: null };
    },
    generateBundle(_options, bundle) {
      // The same for every module, with the final names: for `npm run bench` (what a page fetches) and for hosts that preload.
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      const files = graph(bundle, entry?.fileName, () => true);
      this.emitFile({ type: 'asset', fileName: 'chunks/files.json', source: `${JSON.stringify(files, null, 1)}\n` });
    },
  };
}

/** What every tag needs: in one chunk of the loader's. */
const SHARED = [
  /[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element|@lit[\\/]context|nanostores|mitt)[\\/]/,
  /[\\/]src[\\/](core|events)[\\/]/,
  /[\\/]src[\\/]tags[\\/]define-tags\.ts$/,
  /[\\/]src[\\/]i18n[\\/](localize|en)\.ts$/,
  /[\\/]src[\\/]elements[\\/]internal[\\/](clinic-element|context|store-controller|now-controller|shared\.styles|announcer|focus-keeper|state-parts|user-text|outcome-events|session-view|inner-tags|tag-names|long-list|records)\.ts$/,
];

/**
 * Modules that are fetched together, each group in one chunk (the others get a chunk each, by
 * rollup's own split): each file is gzipped alone as served, so a file more costs its share of the
 * dictionary gzip would have shared (about 0.5 KB each), and an import/export statement.
 *   - shared: what every tag needs, and `<vc-clinic>` (every page has one) and its connection
 *     status (every dashboard shows it);
 *   - dashboards: both dashboards and their common base, one file of 3.4 KB gzip where a page
 *     with one dashboard fetched two of 3.6 (requester) or 3.8 KB (provider): the other
 *     dashboard's code costs less than the file it saves;
 *   - waiting-room / device-check: the camera and microphone check that the waiting room loads on
 *     demand, with its level meter (a chunk of its own before, fetched only with it); the waiting
 *     room's own modules are named so that the check does not pull them in.
 * A page with only `<vc-provider-list>` still fetches no call, camera, queue or alerts code
 * (test/security/csp.test.ts).
 */
const GROUPS = [
  ['shared', [...SHARED, /[\\/]src[\\/]elements[\\/](clinic|connection-status)[\\/]/]],
  ['dashboards', [/[\\/]src[\\/]elements[\\/](requester-dashboard|provider-dashboard)[\\/]/, /[\\/]src[\\/]elements[\\/]internal[\\/](dashboard-base|inner-parts|dashboard\.styles)\.ts$/]],
  [
    'waiting-room',
    [
      /[\\/]src[\\/]elements[\\/]waiting-room[\\/]/,
      /[\\/]src[\\/]media[\\/](device-choices|media-layer)\.ts$/,
      /[\\/]src[\\/]meeting[\\/]webrtc-meeting-adapter\.ts$/,
      /[\\/]src[\\/]elements[\\/]internal[\\/]device-check-on-demand\.ts$/,
    ],
  ],
  ['device-check', [/[\\/]src[\\/]media[\\/](level-meter|media-problem|local-media)\.ts$/, /[\\/]src[\\/]elements[\\/]internal[\\/]device-check\.ts$/]],
];

/**
 * The loader and its chunks: `import()` of a chunk is relative to the importing file's URL, so the
 * folder works from any origin or path. Chunks are named by content (a new version never meets an
 * old cached chunk).
 * @param {{ dir?: string, minified?: boolean }} [options]
 */
export function cdnLoaderConfig({ dir = 'dist/cdn', minified = true } = {}) {
  return {
    input: { 'virtual-clinic': 'src/cdn-loader.ts' },
    output: {
      dir,
      format: 'es',
      entryFileNames: '[name].js',
      // `api`: src/index.ts, the whole API that `load()` imports (rollup would name it after its folder, `src`).
      chunkFileNames: (chunk) => (chunk.facadeModuleId?.replaceAll('\\', '/').endsWith('/src/index.ts') ? 'chunks/api-[hash].js' : 'chunks/[name]-[hash].js'),
      // One shared chunk for what every tag needs (Lit, the state core, the shared element code),
      // so a tag's first appearance costs a few requests, not dozens, and gzip sees more at once.
      manualChunks(id) {
        return GROUPS.find(([, patterns]) => patterns.some((pattern) => pattern.test(id)))?.[0];
      },
      banner: (chunk) => (chunk.isEntry ? '/*! Virtual Clinic SDK — MIT License — registers the <vc-*> tags as they appear */' : ''),
    },
    plugins: [chunkFiles(), ...plugins(minified)],
    onwarn,
  };
}

/** @param {{ outFile?: string, minified?: boolean }} [options] */
export function cdnConfig({ outFile = 'dist/cdn/virtual-clinic.bundle.js', minified = true } = {}) {
  return {
    input: 'src/define.ts',
    output: {
      file: outFile,
      format: 'es',
      // One file: the HTTP transport, loaded on demand by <vc-clinic base-url>, is inlined too.
      inlineDynamicImports: true,
      banner: '/*! Virtual Clinic SDK — MIT License — registers the <vc-*> tags */',
    },
    plugins: plugins(minified),
    onwarn,
  };
}

export default [cdnLoaderConfig(), cdnConfig()];
