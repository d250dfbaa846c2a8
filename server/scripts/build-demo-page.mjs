// `prepack` of @virtual-clinic/server: writes demo-page/ — the SDK's demo page, built by the
// repository's scripts/build-demo.mjs, and seed.json, the demo directory and tokens of
// mock-server/seed.ts — so that a packed server's `--demo` needs nothing of the repository
// (src/demo.ts reads them there).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const out = fileURLToPath(new URL('../demo-page/', import.meta.url));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const { buildDemo } = await import(new URL('../../scripts/build-demo.mjs', import.meta.url).href);
const { SEED } = await import(new URL('../../mock-server/seed.ts', import.meta.url).href);
await buildDemo(out);
// The server answers config.json itself, and the page runs without the mock's worker; the source
// map (3 MB) stays out of the tarball.
for (const file of ['config.json', 'mockServiceWorker.js', 'demo.js.map']) rmSync(`${out}${file}`, { force: true });
writeFileSync(`${out}seed.json`, `${JSON.stringify(SEED, null, 2)}\n`);
console.log(`demo page and seed written to ${out}`);
