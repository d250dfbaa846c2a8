// Plugins shared by the dev server (npm start, npm run mock-server) and the test runner.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';

/** nanostores reads process.env.NODE_ENV; a bundler replaces it, and so do we, without a global shim. */
export function nodeEnvPlugin(mode = 'development') {
  return {
    name: 'vc-node-env',
    transform(context) {
      if (context.response.is('js') && context.path.includes('/nanostores/')) {
        return { body: context.body.replaceAll('process.env.NODE_ENV', JSON.stringify(mode)) };
      }
    },
  };
}

/** MSW's worker, served beside the pages it must control (its folder is its scope). */
export function mswWorkerPlugin() {
  const path = fileURLToPath(new URL('../node_modules/msw/lib/mockServiceWorker.js', import.meta.url));
  return {
    name: 'vc-msw-worker',
    serve(context) {
      if (context.path === '/mockServiceWorker.js' || context.path === '/demo/mockServiceWorker.js') {
        return { body: readFileSync(path, 'utf8'), type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
      }
    },
  };
}

export function typescriptPlugin() {
  return esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
}

/**
 * Test files import `@open-wc/testing`; they get test/support/testing.ts, which re-exports it with
 * a `waitUntil` patient enough for a busy CI machine (see that file for why).
 */
export function patientTestingPlugin() {
  const wrapper = '/test/support/testing.ts';
  return {
    name: 'vc-patient-testing',
    resolveImport({ source, context }) {
      if (source === '@open-wc/testing' && context.path.startsWith('/test/') && context.path !== wrapper) return wrapper;
      return undefined;
    },
  };
}
