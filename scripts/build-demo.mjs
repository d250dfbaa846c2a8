// Writes a static copy of the demo (default dist/demo/) that works from any static file server:
// one bundled script with the mock backend in the browser (MSW), the page, its styles and the
// service worker beside it (its folder is its scope).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildDemo(outDir = join(root, 'dist/demo')) {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(root, 'demo/demo.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outfile: join(out, 'demo.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const page = readFileSync(join(root, 'demo/index.html'), 'utf8').replace('src="./demo.ts"', 'src="./demo.js"');
  writeFileSync(join(out, 'index.html'), page);
  for (const file of ['demo.css', 'themes.css', 'config.json']) copyFileSync(join(root, 'demo', file), join(out, file));
  copyFileSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), join(out, 'mockServiceWorker.js'));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildDemo(process.argv[2]);
  console.log(`Static demo written to ${out} — serve that folder with any static server (e.g. python3 -m http.server).`);
}
