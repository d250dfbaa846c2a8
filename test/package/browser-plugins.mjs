// Dev-server plugins for the browser tests of the package and of docs/examples:
//   - the package's own entries by name (`@virtual-clinic/sdk`, `/define`, `/react`, …), served
//     from src/ as the exports map serves them from dist/;
//   - the script tag, built in memory by rollup.config.mjs: the loader at /__vc/cdn/virtual-clinic.js
//     with its chunks in /__vc/cdn/chunks/, and the single file at /__vc/cdn/virtual-clinic.bundle.js;
//     the same files under /__vc/cdn/<copy>/ are another copy (two vendors' scripts on one page);
//     under /__vc/cdn/flaky/ the chunks fail (404) while POST /__vc/cdn-control/flaky?on=1 says so;
//     /__vc/cdn/manifest.json names the source modules in each chunk (for the network tests);
//   - React and ReactDOM, which ship CommonJS only, as ES modules (bundled once by esbuild);
//   - `vue` as its browser build with the template compiler;
//   - .tsx (the React examples).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cdnConfig, cdnLoaderConfig } from '../../rollup.config.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const ENTRIES = {
  '@virtual-clinic/sdk': '/src/index.ts',
  '@virtual-clinic/sdk/define': '/src/define.ts',
  '@virtual-clinic/sdk/transports/http': '/src/transport/http.ts',
  '@virtual-clinic/sdk/react': '/src/react/index.ts',
};
const REACT_MODULES = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
export const CDN_PATH = '/__vc/cdn/virtual-clinic.js';
const CDN_FILE = /^\/__vc\/cdn\/(?:([\w-]+)\/)?(virtual-clinic\.js|virtual-clinic\.bundle\.js|chunks\/[\w.-]+\.js|manifest\.json)$/;

let cdnFiles;
/** The loader, its chunks and the single file, by file name; and which source modules each chunk holds. */
async function buildCdnFiles() {
  const files = new Map();
  const manifest = {};
  for (const config of [cdnLoaderConfig(), cdnConfig()]) {
    const bundle = await rollup({ ...config, onwarn: () => {} });
    const { output } = await bundle.generate(config.output);
    await bundle.close();
    for (const chunk of output) {
      if (chunk.type !== 'chunk') continue;
      const name = chunk.fileName === 'virtual-clinic.js' || chunk.fileName.startsWith('chunks/') ? chunk.fileName : 'virtual-clinic.bundle.js';
      files.set(name, chunk.code);
      if (name !== 'virtual-clinic.bundle.js') manifest[name] = Object.keys(chunk.modules).map((id) => id.slice(root.length).replaceAll('\\', '/'));
    }
  }
  files.set('manifest.json', JSON.stringify(manifest));
  return files;
}
let flakyChunks = false;

let reactBundle;
async function buildReactBundle() {
  const contents = `export const modules = { ${REACT_MODULES.map((name) => `${JSON.stringify(name)}: require(${JSON.stringify(name)})`).join(', ')} };`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The export names of each React module, read in a child process (React touches the console as it loads). */
let reactExports;
function readReactExports() {
  const script = `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(REACT_MODULES)}.map((n) => [n, Object.keys(require(n))]))))`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (child.status !== 0) throw new Error(`could not read React's exports: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

/** An ES module re-exporting one CommonJS React module's exports by name. */
function reactShim(name) {
  reactExports ??= readReactExports();
  const names = reactExports[name].filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
  return `import { modules } from '/__vc/react/bundle.js';\nconst m = modules[${JSON.stringify(name)}];\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

export function packageTestPlugins() {
  return [
    {
      name: 'vc-package-entries',
      resolveImport({ source }) {
        if (source in ENTRIES) return ENTRIES[source];
        if (REACT_MODULES.includes(source)) return `/__vc/react/${source}.js`;
        if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.js';
        return undefined;
      },
      async serve(context) {
        if (context.path === '/__vc/cdn-control/flaky') {
          flakyChunks = context.query.on === '1';
          return { body: '{"ok":true}', type: 'json' };
        }
        const cdn = CDN_FILE.exec(context.path);
        if (cdn) {
          const [, copy, file] = cdn;
          // Not served: the dev server answers 404, a failed fetch as an offline page or a blocking proxy gives.
          if (copy === 'flaky' && flakyChunks && file.startsWith('chunks/')) return undefined;
          const body = (await (cdnFiles ??= buildCdnFiles())).get(file);
          // Cached as a CDN serves them (the loader fetches a tag's files, then imports them from the cache).
          // CORS as a CDN sends it: a page on another origin may load the loader and its chunks.
          if (body !== undefined) return { body, type: file.endsWith('.json') ? 'json' : 'js', headers: { 'Cache-Control': 'max-age=600', 'Access-Control-Allow-Origin': '*' } };
        }
        if (context.path === '/__vc/react/bundle.js') return { body: await (reactBundle ??= buildReactBundle()), type: 'js' };
        const react = /^\/__vc\/react\/(.+)\.js$/.exec(context.path);
        if (react && REACT_MODULES.includes(react[1])) return { body: reactShim(react[1]), type: 'js' };
        return undefined;
      },
    },
    esbuildPlugin({ tsx: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../../docs/examples/tsconfig.json', import.meta.url)) }),
  ];
}
