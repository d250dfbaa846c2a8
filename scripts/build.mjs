// `npm run build`: the package in dist/.
//   1. dist/**/*.js + .d.ts — unbundled ES modules (tsc -p tsconfig.build.json); Lit and the other
//      dependencies stay imports, resolved by the host's bundler.
//      dist/rules/ — the clinic's rules for servers (tsc -p tsconfig.rules.json)
//   2. the script tag (rollup.config.mjs): dist/cdn/virtual-clinic.js, the on-demand loader, with
//      its chunks in dist/cdn/chunks/; and dist/cdn/virtual-clinic.bundle.js, the single file.
//   3. dist/custom-elements.json — the manifest (scripts/build-manifest.mjs), and from it the editors'
//      data, dist/vscode.html-custom-data.json and dist/web-types.json (scripts/build-editor-data.mjs),
//      and the framework bindings, dist/vue/ and dist/angular/ (scripts/build-framework-types.mjs).
//   4. dist/demo/ — a static copy of the demo, mock backend in the browser (scripts/build-demo.mjs).
//   5. the size budgets (scripts/build-size.mjs): the build fails when one is exceeded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { cdnConfig, cdnLoaderConfig } from '../rollup.config.mjs';
import { buildDemo } from './build-demo.mjs';
import { writeManifest } from './build-manifest.mjs';
import { writeEditorData } from './build-editor-data.mjs';
import { ANGULAR_SOURCE_FILE, writeFrameworkFiles } from './build-framework-types.mjs';
import { checkSizes, formatSizes } from './build-size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const started = Date.now();
const step = (name) => console.log(`▶ ${name}`);

/** Removes what an earlier build wrote, and nothing else (dist/ may hold other tools' output). */
function clean() {
  const ours = new Set(['cdn', 'vue', 'angular', 'custom-elements.json', 'vscode.html-custom-data.json', 'web-types.json']);
  for (const name of readdirSync('src')) ours.add(name.replace(/\.ts$/, ''));
  if (!existsSync('dist')) return;
  for (const name of readdirSync('dist')) {
    if (ours.has(name.replace(/\.(d\.ts|js)$/, ''))) rmSync(join('dist', name), { recursive: true, force: true });
  }
}

clean();

step('ES modules and types (tsc -p tsconfig.build.json)');
const tsc = spawnSync(join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(1);

// The clinic's rules (src/rules, with its plain-JS TURN rule: allowJs) for the exports
// `@virtual-clinic/sdk/rules` and `/contract` that the reference server (@virtual-clinic/server) imports.
step('the rules for servers (tsc -p tsconfig.rules.json)');
const rules = spawnSync(join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.rules.json'], { stdio: 'inherit' });
if (rules.status !== 0) process.exit(1);

step('script tag: the on-demand loader and its chunks, and the single file (rollup)');
for (const config of [cdnLoaderConfig(), cdnConfig()]) {
  const bundle = await rollup(config);
  await bundle.write(config.output);
  await bundle.close();
}
// The loader's types are those of src/cdn-loader.ts; the single file's, the registering entry's.
writeFileSync('dist/cdn/virtual-clinic.d.ts', "export * from '../cdn-loader.js';\n");
writeFileSync('dist/cdn/virtual-clinic.bundle.d.ts', "export * from '../define.js';\n");

step('custom-elements.json');
mkdirSync('dist', { recursive: true });
const manifest = writeManifest();
const tags = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement && d.tagName);
console.log(`  ${tags.length} tags`);
// Editors' data from the same manifest: VS Code HTML custom data and JetBrains web-types.
console.log(`  ${writeEditorData(manifest).join(', ')}`);
// Framework bindings from the same manifest: Vue's global component types (issue 19.2), and the
// Angular wrapper components (issue 19.1), compiled here by ngc as Angular libraries ship them.
console.log(`  ${(await writeFrameworkFiles(manifest)).join(', ')}`);
const ngc = spawnSync(process.execPath, [join('node_modules', '@angular', 'compiler-cli', 'bundles', 'src', 'bin', 'ngc.js'), '-p', 'tsconfig.angular.json'], { stdio: 'inherit' });
if (ngc.status !== 0) process.exit(1);
rmSync(ANGULAR_SOURCE_FILE);

step('static demo (dist/demo/)');
await buildDemo(join(root, 'dist/demo'));

step('size budgets');
const { rows, over } = await checkSizes();
console.log(formatSizes(rows));
if (over.length) {
  for (const message of over) console.error(`✗ ${message}`);
  process.exit(1);
}
console.log(`✓ built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
