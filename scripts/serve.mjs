// Serves the demo.
//   npm start            → http://localhost:8000/ (PORT), the mock backend in the browser (MSW)
//   npm run mock-server  → http://localhost:8787/ (PORT), the mock backend in Node: one clinic for
//                          every tab and device
import { startDevServer } from '@web/dev-server';
import { createClinicBackend } from '../mock-server/clinic-backend.js';
import { PRESENCE_GRACE_MS } from '../src/core/contract/constants.js';
import { createNodeHandler } from '../mock-server/node-server.mjs';
import { mswWorkerPlugin, nodeEnvPlugin, typescriptPlugin } from './dev-plugins.mjs';

const nodeBackend = process.argv.includes('--node-backend');
const port = Number(process.env.PORT ?? (nodeBackend ? 8787 : 8000));

const middleware = [];
if (nodeBackend) {
  // One clinic shared by every tab and device: presence on (issue 16.6), as a real backend.
  const handleApi = createNodeHandler(createClinicBackend({ presenceGraceMs: PRESENCE_GRACE_MS }));
  middleware.push(async (context, next) => {
    // The API answers from the one Node clinic; a raw response (streams included) bypasses Koa.
    if (handleApi(context.req, context.res)) {
      context.respond = false;
      return;
    }
    if (context.path === '/demo/config.json') {
      context.body = { backend: 'node' };
      return;
    }
    return next();
  });
}
middleware.push((context, next) => {
  if (context.path === '/' || context.path === '/index.html' || context.path === '/demo') {
    context.redirect(`/demo/${context.search ?? ''}`);
    return;
  }
  return next();
});

await startDevServer({
  config: {
    rootDir: '.',
    port,
    nodeResolve: true,
    middleware,
    plugins: [typescriptPlugin(), nodeEnvPlugin(), mswWorkerPlugin()],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`Virtual Clinic demo on http://localhost:${port}/ — mock backend ${nodeBackend ? 'in Node (shared by every tab)' : 'in the browser (MSW)'}. Ctrl+C to stop.`);
