// The server side of the strict-CSP test (issue 8 §1), mounted in the test runner's dev server
// under /__vc-security/:
//   csp/…               the test page and its files, served raw (no dev-server transform or
//                       injection) with the strict Content-Security-Policy header
//   csp/virtual-clinic.js  the script tag's loader as built (rollup.config.mjs), with its chunks
//                       under csp/chunks/ (production Lit, no dev-server module graph): the page
//                       loads each tag's code as the tag appears, under the same policy (issue 15.2)
//   api/…               a Node mock clinic of its own (connect-src 'self')
//   csp/manifest.json   the source modules in each of those files
//   control/…           reset and fault switches for that clinic, for the test page's parent
//   bundle-scan         what the bundle (and any built dist/**/*.js) holds of code-from-strings
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { cdnLoaderConfig } from '../../../rollup.config.mjs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClinicBackend } from '../../../mock-server/clinic-backend.js';
import { createNodeHandler } from '../../../mock-server/node-server.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const pageDir = fileURLToPath(new URL('.', import.meta.url));
const PREFIX = '/__vc-security';

/** The policy of issue 8 §1, exactly; README and SECURITY.md document it for hosts. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** What must never be in shipped code: it would need 'unsafe-eval' (or break Trusted Types). */
export const CODE_FROM_STRINGS = [
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['Function("…")', /(?<![\w$.])Function\s*\(\s*["'`]/],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['document.write', /\bdocument\.write(?:ln)?\s*\(/],
  ['execScript', /\bexecScript\s*\(/],
];

let bundled = null;
/** src/define.ts and everything it imports, in one file, as a host ships it. */
function bundle() {
  bundled ??= build({
    entryPoints: [join(root, 'src/define.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}

let loaderFiles = null;
/** The loader and its chunks, by file name (`virtual-clinic.js`, `chunks/…`). */
function loader() {
  loaderFiles ??= (async () => {
    const config = cdnLoaderConfig();
    const bundled = await rollup({ ...config, onwarn: () => {} });
    const { output: all } = await bundled.generate(config.output);
    await bundled.close();
    const output = all.filter((chunk) => chunk.type === 'chunk');
    const files = new Map(output.map((chunk) => [chunk.fileName, chunk.code]));
    // Which source modules each file holds, for the tests that check what a page fetched.
    const manifest = Object.fromEntries(output.map((chunk) => [chunk.fileName, Object.keys(chunk.modules).map((id) => relative(root, id).replaceAll('\\', '/'))]));
    files.set('manifest.json', JSON.stringify(manifest));
    return files;
  })();
  return loaderFiles;
}

function* builtFiles(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // The demo bundles the mock backend and MSW, which never ship to a host.
    if (statSync(path).isDirectory()) {
      if (name !== 'demo') yield* builtFiles(path);
    } else if (/\.(m?js)$/.test(name)) yield path;
  }
}

function findings(name, text) {
  const found = [];
  for (const [what, pattern] of CODE_FROM_STRINGS) {
    const match = pattern.exec(text);
    if (match) found.push({ file: name, what, near: text.slice(Math.max(0, match.index - 60), match.index + 60) });
  }
  return found;
}

export async function scanShippedCode() {
  const files = [{ name: 'esbuild bundle of src/define.ts', text: await bundle() }];
  for (const [name, text] of await loader()) if (name.endsWith('.js')) files.push({ name: `script-tag loader: ${name}`, text });
  for (const path of builtFiles(join(root, 'dist'))) files.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
  // The detector's own check: a text with one of each must give one finding each.
  const probe = 'eval("1"); x = new Function("a", "return a"); y = Function("return 1"); setTimeout("tick()", 1); document.write("<p>"); execScript("1")';
  return {
    files: files.map((f) => ({ name: f.name, bytes: f.text.length })),
    findings: files.flatMap((f) => findings(f.name, f.text)),
    probeFindings: findings('probe', probe).length,
    patterns: CODE_FROM_STRINGS.length,
  };
}

function send(context, status, type, body, headers = {}) {
  context.respond = false;
  context.res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  context.res.end(body);
}

export function securityTestMiddleware() {
  const backend = createClinicBackend();
  const handleApi = createNodeHandler(backend);

  return async function securityTest(context, next) {
    const path = context.path;
    if (!path.startsWith(`${PREFIX}/`)) return next();
    const rest = path.slice(PREFIX.length);

    if (rest.startsWith('/api/') || rest === '/api') {
      context.req.url = context.req.url.slice(PREFIX.length);
      if (handleApi(context.req, context.res)) {
        context.respond = false;
        return undefined;
      }
    }

    if (rest.startsWith('/control/') && context.method === 'POST') {
      const action = rest.slice('/control/'.length);
      const query = context.query;
      if (action === 'reset') {
        backend.faults.clear();
        backend.reset();
      } else if (action === 'drop-streams') backend.faults.dropStreams();
      else if (action === 'block-streams') backend.faults.blockStream = query.on === '1';
      else if (action === 'fail-next') backend.faults.failNext(Number(query.status), Number(query.count ?? 1));
      else return send(context, 404, 'application/json', '{"error":"unknown control"}');
      return send(context, 200, 'application/json', '{"ok":true}');
    }

    if (rest === '/bundle-scan') return send(context, 200, 'application/json', JSON.stringify(await scanShippedCode()));

    const csp = { 'Content-Security-Policy': STRICT_CSP };
    const loaderFile = /^\/csp\/(virtual-clinic\.js|chunks\/[\w.-]+\.js|manifest\.json)$/.exec(rest)?.[1];
    if (loaderFile) {
      const text = (await loader()).get(loaderFile);
      if (text !== undefined) return send(context, 200, loaderFile.endsWith('.json') ? 'application/json' : TYPES['.js'], text, csp);
    }
    if (rest.startsWith('/csp/')) {
      const file = normalize(join(pageDir, rest.slice('/csp/'.length)));
      const type = TYPES[extname(file)];
      if (file.startsWith(pageDir) && type && existsSync(file)) return send(context, 200, type, readFileSync(file), csp);
    }
    return send(context, 404, 'text/plain; charset=utf-8', 'Not found');
  };
}
