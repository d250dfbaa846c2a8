// @ts-check
/**
 * Serves the mock clinic over real HTTP, so that several tabs, devices and the Node tests share
 * one clinic. `createNodeHandler` is a plain `(req, res) => boolean` so that a dev server can
 * mount it in front of its own middleware.
 *
 *   npm run mock-api        # node --import tsx mock-server/node-server.mjs; PORT=8787 by default
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createClinicBackend } from './clinic-backend.js';
import { PRESENCE_GRACE_MS } from '../src/core/contract/constants.js';

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('./clinic-backend.js').ClinicBackend} ClinicBackend
 */

/** Lets a page on another origin (the demo on its own port) call the standalone server. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID',
  'Access-Control-Expose-Headers': 'Retry-After, Idempotent-Replayed',
  'Access-Control-Max-Age': '600',
};

function isApiPath(/** @type {string} */ pathname) {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** @returns {Promise<Uint8Array<ArrayBuffer>>} */
async function readBody(/** @type {IncomingMessage} */ req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/** @returns {Headers} */
function fetchHeaders(/** @type {IncomingMessage} */ req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * @param {ClinicBackend} backend
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {URL} url
 */
async function serveApiRequest(backend, req, res, url) {
  // The client's disconnect aborts the Fetch Request, which closes its event stream in the backend.
  const clientGone = new AbortController();
  res.on('close', () => clientGone.abort());

  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const request = new Request(url, { method, headers: fetchHeaders(req), body, signal: clientGone.signal });

  /** @type {Response} */
  let response;
  try {
    response = await backend.handle(request);
  } catch {
    // `faults.loseResponseNext()`: the command is applied but the client sees a broken connection.
    res.destroy();
    return;
  }

  res.writeHead(response.status, { ...CORS_HEADERS, ...Object.fromEntries(response.headers) });
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  clientGone.signal.addEventListener('abort', () => reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Each chunk is one whole SSE event; writing it at once (Nagle off) is what makes push live.
      res.write(value);
    }
    res.end();
  } catch {
    // `faults.dropStreams()` or a backend failure mid-stream: break the connection, as a real drop would.
    res.destroy();
  }
}

/**
 * A Node request listener for `/api/*`; answers false (and leaves `res` alone) for any other path.
 * @param {ClinicBackend} backend
 * @returns {(req: IncomingMessage, res: ServerResponse) => boolean}
 */
export function createNodeHandler(backend) {
  return (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (!isApiPath(url.pathname)) return false;
    req.socket.setNoDelay(true);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return true;
    }
    serveApiRequest(backend, req, res, url).catch((error) => {
      console.error('[mock clinic] failed to serve', url.pathname, error);
      res.destroy();
    });
    return true;
  };
}

function runStandalone() {
  const port = Number(process.env.PORT ?? 8787);
  const backend = createClinicBackend({ presenceGraceMs: PRESENCE_GRACE_MS });
  const handleApi = createNodeHandler(backend);
  const server = createServer((req, res) => {
    if (!handleApi(req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the mock clinic serves /api only.\n');
    }
  });
  server.listen(port, () => {
    console.log(`Mock clinic backend on http://localhost:${port}/api`);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runStandalone();
