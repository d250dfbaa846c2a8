// The script-tag bundle: dist/cdn/virtual-clinic.js, ONE ES module with Lit and every other
// dependency inlined, that registers the tags on load and exports the whole API. The npm entries
// (dist/*.js, unbundled, dependencies kept) come from `tsc -p tsconfig.build.json`; see
// scripts/build.mjs, which runs both.
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

/** @param {{ outFile?: string, minified?: boolean }} [options] */
export function cdnConfig({ outFile = 'dist/cdn/virtual-clinic.js', minified = true } = {}) {
  return {
    input: 'src/define.ts',
    output: {
      file: outFile,
      format: 'es',
      // One file: the HTTP transport, loaded on demand by <vc-clinic base-url>, is inlined too.
      inlineDynamicImports: true,
      banner: '/*! Virtual Clinic SDK — MIT License — registers the <vc-*> tags */',
    },
    plugins: [
      nodeResolve({ browser: true }),
      productionEnv(),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json' }),
      ...(minified ? [minify({ target: 'es2022', legalComments: 'eof' })] : []),
    ],
    onwarn(warning, warn) {
      // Lit's and ky's `this` at the top level of their modules is fine in a module bundle.
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  };
}

export default cdnConfig();
