// Dev-server plugins for the browser tests of the package and of docs/examples:
//   - the package's own entries by name (`@virtual-clinic/sdk`, `/define`, `/react`, …), served
//     from src/ as the exports map serves them from dist/;
//   - the script-tag bundle at /__vc/cdn/virtual-clinic.js, built in memory by rollup.config.mjs
//     (any query string: a page can load it twice as two copies);
//   - React and ReactDOM, which ship CommonJS only, as ES modules (bundled once by esbuild);
//   - `vue` as its browser build with the template compiler;
//   - .tsx (the React examples).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cdnConfig } from '../../rollup.config.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const ENTRIES = {
  '@virtual-clinic/sdk': '/src/index.ts',
  '@virtual-clinic/sdk/define': '/src/define.ts',
  '@virtual-clinic/sdk/transports/http': '/src/transport/http.ts',
  '@virtual-clinic/sdk/react': '/src/react/index.ts',
};
const REACT_MODULES = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
export const CDN_PATH = '/__vc/cdn/virtual-clinic.js';

let cdnBundle;
async function buildCdnBundle() {
  const config = cdnConfig();
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.generate(config.output);
  await bundle.close();
  return output[0].code;
}

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
        if (context.path === CDN_PATH) return { body: await (cdnBundle ??= buildCdnBundle()), type: 'js' };
        if (context.path === '/__vc/react/bundle.js') return { body: await (reactBundle ??= buildReactBundle()), type: 'js' };
        const react = /^\/__vc\/react\/(.+)\.js$/.exec(context.path);
        if (react && REACT_MODULES.includes(react[1])) return { body: reactShim(react[1]), type: 'js' };
        return undefined;
      },
    },
    esbuildPlugin({ tsx: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../../docs/examples/tsconfig.json', import.meta.url)) }),
  ];
}
