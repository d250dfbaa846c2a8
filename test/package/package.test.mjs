// The package as a host receives it: `npm run build` (scripts/build.mjs) once, then what `npm pack`
// ships, the entries of the exports map, the custom-elements manifest against the JSDoc headers,
// the types as a host app uses them, and the size budgets.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const read = (path) => readFileSync(join(root, path), 'utf8');

let build;
before(() => {
  build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
});
function assertBuilt() {
  assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

/** Every module `file` loads at start: its static imports, followed through relative paths. */
function staticGraph(file, seen = new Map()) {
  if (seen.has(file)) return seen;
  const code = readFileSync(file, 'utf8');
  const specifiers = [...code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
  seen.set(file, specifiers);
  for (const specifier of specifiers) if (specifier.startsWith('.')) staticGraph(resolve(dirname(file), specifier), seen);
  return seen;
}
const packagesOf = (graph) => new Set([...graph.values()].flat().filter((s) => !s.startsWith('.')).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')));

describe('npm run build', () => {
  test('writes every file the exports map names, with its types', () => {
    assertBuilt();
    for (const [entry, target] of Object.entries(pkg.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(existsSync(join(root, file)), `exports["${entry}"] → ${file} is missing`);
      }
    }
  });

  test('the core entry loads no HTTP transport: it is only behind the on-demand import that defineVirtualClinic hands <vc-clinic base-url>', () => {
    assertBuilt();
    const core = staticGraph(join(root, 'dist/index.js'));
    const transport = join(root, 'dist/transport/http-transport.js');
    assert.ok(!core.has(transport) && !packagesOf(core).has('eventsource-parser'), `dist/index.js loads the HTTP transport at start: ${[...core.keys()].map((f) => relative(root, f)).join(', ')}`);
    const http = staticGraph(join(root, 'dist/transport/http.js'));
    assert.ok(http.has(transport) && packagesOf(http).has('eventsource-parser'));
    assert.match(read('dist/tags/define-tags.js'), /import\(['"]\.\.\/transport\/http\.js['"]\)/);
  });

  test('the unbundled modules keep Lit and the other dependencies as imports', () => {
    assertBuilt();
    const graph = staticGraph(join(root, 'dist/define.js'));
    const inlined = [...graph.keys()].filter((file) => !file.startsWith(join(root, 'dist')));
    assert.deepEqual(inlined, []);
    for (const dependency of packagesOf(graph)) assert.ok(dependency in pkg.dependencies, `${dependency} is imported but not a dependency`);
  });

  test('the script tag\'s loader imports only its own chunks, by relative paths, on demand (issue 15.2)', () => {
    assertBuilt();
    const code = read('dist/cdn/virtual-clinic.js');
    const imports = [];
    const walk = (node) => {
      if (!node || typeof node !== 'object') return;
      if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || (node.type === 'ExportNamedDeclaration' && node.source)) imports.push(`static ${node.source.value}`);
      if (node.type === 'ImportExpression') imports.push(node.source.type === 'Literal' ? node.source.value : 'computed');
      for (const value of Object.values(node)) if (value && typeof value === 'object') Array.isArray(value) ? value.forEach(walk) : walk(value);
    };
    walk(parseAst(code));
    assert.ok(imports.length >= 12, 'one chunk per tag at least');
    assert.deepEqual(imports.filter((specifier) => !/^\.\/chunks\/[\w.-]+\.js$/.test(specifier)), [], 'the loader imports something other than its chunks, or at start');
    for (const specifier of imports) assert.ok(existsSync(join(root, 'dist/cdn', specifier)), `${specifier} was not built`);
    assert.ok(!code.includes('process.env'), 'the loader reads process.env, which a plain page does not have');
  });

  test('the single-file script-tag bundle is one self-contained ES module that registers the tags', () => {
    assertBuilt();
    const code = read('dist/cdn/virtual-clinic.bundle.js');
    const imports = [];
    // loadOnDemand's retry of a chunk that failed to load imports the URL the browser named, so it
    // stays an import() of a computed URL; in one file nothing is split, nothing fails to load, and
    // it is never reached. Any import of a named module is a fault.
    const computedImports = [];
    const walk = (node) => {
      if (!node || typeof node !== 'object') return;
      const named = node.type !== 'ImportExpression' || node.source.type === 'Literal' || (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0);
      if (node.type === 'ImportExpression' && !named) computedImports.push(code.slice(node.start, node.end));
      else if (['ImportDeclaration', 'ImportExpression', 'ExportAllDeclaration'].includes(node.type) || (node.type === 'ExportNamedDeclaration' && node.source)) imports.push(node.type);
      for (const value of Object.values(node)) if (value && typeof value === 'object') Array.isArray(value) ? value.forEach(walk) : walk(value);
    };
    const ast = parseAst(code);
    walk(ast);
    assert.deepEqual(imports, [], 'the bundle imports another module');
    assert.equal(computedImports.length, 1, `one import() of a computed URL (loadOnDemand's retry), not: ${computedImports.join(', ')}`);
    assert.ok(!code.includes('process.env'), 'the bundle reads process.env, which a plain page does not have');
    assert.ok(code.includes('customElements'), 'the bundle registers no tag');
    assert.ok(ast.body.some((node) => node.type === 'ExportNamedDeclaration'), 'the bundle exports nothing');
  });
});

describe('npm pack', () => {
  let files;
  before(() => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    files = JSON.parse(packed.stdout)[0].files.map((file) => file.path);
  });

  test('ships the built package, its manifest, the contract kit, the docs, README and LICENSE', () => {
    assertBuilt();
    for (const file of [
      'package.json', 'README.md', 'LICENSE',
      'dist/index.js', 'dist/index.d.ts', 'dist/define.js', 'dist/define.d.ts', 'dist/transport/http.js', 'dist/transport/http.d.ts',
      'dist/react/index.js', 'dist/react/index.d.ts', 'dist/cdn/virtual-clinic.js', 'dist/cdn/virtual-clinic.d.ts',
      'dist/cdn/virtual-clinic.bundle.js', 'dist/cdn/virtual-clinic.bundle.d.ts', 'dist/custom-elements.json',
      'dist/vscode.html-custom-data.json', 'dist/web-types.json', 'dist/vue/index.js', 'dist/vue/index.d.ts', 'dist/angular/index.js', 'dist/angular/index.d.ts',
      'bin/vc-contract-test.mjs', 'bin/contract-suite.mjs', 'docs/openapi.yaml', 'docs/http-contract.md', 'docs/getting-started.md', 'docs/theming.md',
    ]) {
      assert.ok(files.includes(file), `the tarball lacks ${file}`);
    }
  });

  test('ships nothing a user does not need: no sources, tests, mock server, demo, scripts or CI', () => {
    const unwanted = files.filter((file) => /^(src|test|mock-server|demo|scripts|node_modules|\.ci|dist\/demo)\/|\.test\.|^tsconfig|^web-test-runner|^rollup\.config|^package-lock/.test(file));
    assert.deepEqual(unwanted, []);
  });

  test('the bin and the manifest that package.json names are in the tarball', () => {
    assert.ok(files.includes(pkg.customElements), `customElements → ${pkg.customElements}`);
    for (const bin of Object.values(pkg.bin)) assert.ok(files.includes(bin), `bin → ${bin}`);
    assert.match(read(pkg.bin['vc-contract-test']), /^#!\/usr\/bin\/env node/);
  });
});

describe('editor and tooling data (issue 19.3)', () => {
  const tagsOf = (manifest) => manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement));

  test('custom-elements.json is complete: every event typed and described, no internal state among the members, every tag, attribute, part and property described', () => {
    assertBuilt();
    const tags = tagsOf(JSON.parse(read(pkg.customElements)));
    assert.ok(tags.length >= 10);
    for (const tag of tags) {
      assert.ok(tag.tagName, `${tag.name} is listed as a custom element without a tag`);
      assert.ok(tag.summary || tag.description, `<${tag.tagName}> has no description`);
      for (const event of tag.events ?? []) {
        assert.match(event.type?.text ?? '', /^CustomEvent<.+>$/, `<${tag.tagName}> ${event.name} has no detail type`);
        assert.ok(event.description, `<${tag.tagName}> ${event.name} has no description`);
      }
      for (const member of tag.members ?? []) {
        assert.ok(!member.privacy && !member.name.startsWith('#'), `<${tag.tagName}> lists ${member.privacy} ${member.name}`);
        assert.ok(member.description, `<${tag.tagName}>.${member.name} has no description`);
      }
      for (const [kind, items] of [['attribute', tag.attributes], ['part', tag.cssParts], ['custom property', tag.cssProperties], ['slot', tag.slots]]) {
        for (const item of items ?? []) assert.ok(item.description, `<${tag.tagName}> ${kind} ${item.name || '(default)'} has no description`);
      }
    }
    // Lit's reactive state (`@state()`) was listed as public fields before.
    const list = tags.find((t) => t.tagName === 'vc-provider-list');
    assert.deepEqual((list.members ?? []).filter((m) => ['errors', 'announcement', 'choices', 'query'].includes(m.name)), []);
    // …but not the one state a host sets: every tag's `clinic`, for a tag outside any <vc-clinic>
    // (it was missing from all but <vc-clinic>).
    for (const tag of tags) {
      const clinic = (tag.members ?? []).find((m) => m.name === 'clinic');
      assert.equal(clinic?.type?.text, 'Clinic | undefined', `<${tag.tagName}> does not list its clinic property`);
    }
  });

  test('the VS Code custom data and the web-types are generated from it, current, and named by package.json', async () => {
    assertBuilt();
    const { editorData, VSCODE_FILE, WEB_TYPES_FILE } = await import('../../scripts/build-editor-data.mjs');
    const manifest = JSON.parse(read(pkg.customElements));
    for (const [file, text] of Object.entries(editorData(manifest))) assert.equal(read(file), text, `${file} is not what the manifest gives: run npm run build`);
    assert.equal(pkg['web-types'], `./${WEB_TYPES_FILE}`);
    assert.equal(pkg.exports['./vscode.html-custom-data.json'], `./${VSCODE_FILE}`);
    assert.equal(pkg.exports['./web-types.json'], `./${WEB_TYPES_FILE}`);
    const vscode = JSON.parse(read(VSCODE_FILE));
    const webTypes = JSON.parse(read(WEB_TYPES_FILE)).contributions.html.elements;
    for (const tag of tagsOf(manifest)) {
      const inVscode = vscode.tags.find((t) => t.name === tag.tagName);
      const inWebTypes = webTypes.find((t) => t.name === tag.tagName);
      assert.ok(inVscode && inWebTypes, `<${tag.tagName}> is missing from the editor data`);
      assert.deepEqual(inVscode.attributes.map((a) => a.name), (tag.attributes ?? []).map((a) => a.name));
      assert.deepEqual(inWebTypes.events.map((e) => [e.name, e.type]), (tag.events ?? []).map((e) => [e.name, e.type.text]));
      assert.deepEqual(inWebTypes.css.parts.map((p) => p.name), (tag.cssParts ?? []).map((p) => p.name));
    }
    assert.match(vscode.tags.find((t) => t.name === 'vc-request-queue').attributes.find((a) => a.name === 'overdue-after').description, /waiting long/);
    // Properties without an attribute (a tag's `clinic`): web-types' JS properties, VS Code's description.
    const queue = webTypes.find((t) => t.name === 'vc-request-queue');
    assert.deepEqual(queue.js?.properties?.find((p) => p.name === 'clinic')?.value, { type: 'Clinic | undefined', required: false });
    assert.match(vscode.tags.find((t) => t.name === 'vc-request-queue').description, /\*\*Properties\*\*: .*`clinic`/);
  });
});

describe('what a plain install brings (issue 19.9)', () => {
  /**
   * The packages `npm install @virtual-clinic/sdk` puts in node_modules, read from the lockfile:
   * the runtime dependencies and, transitively, their dependencies and required peers (npm 7+
   * installs those), never optional peers.
   */
  function installedBy(names) {
    const lock = JSON.parse(read('package-lock.json')).packages;
    const seen = new Set();
    const queue = [...names];
    while (queue.length) {
      const name = queue.shift();
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = lock[`node_modules/${name}`];
      assert.ok(entry, `${name} is not in package-lock.json`);
      const optionalPeers = entry.peerDependenciesMeta ?? {};
      queue.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {}).filter((peer) => !optionalPeers[peer]?.optional));
    }
    return seen;
  }

  test("a script-tag or Angular user installs nothing of React's (React support is an optional peer path)", () => {
    const requiredPeers = Object.keys(pkg.peerDependencies ?? {}).filter((peer) => !pkg.peerDependenciesMeta?.[peer]?.optional);
    const installed = installedBy([...Object.keys(pkg.dependencies), ...requiredPeers]);
    const reactish = [...installed].filter((name) => /^(react|react-dom|@types\/react|@types\/react-dom|csstype|@lit\/react)$/.test(name));
    assert.deepEqual(reactish, []);
  });

  test('what the React entry imports beyond the dependencies is an optional peer (@lit/react, react)', () => {
    assertBuilt();
    const imported = [...packagesOf(staticGraph(join(root, 'dist/react/index.js')))].filter((name) => !(name in pkg.dependencies));
    assert.ok(imported.includes('@lit/react'), `dist/react/index.js imports ${imported.join(', ')}`);
    for (const name of imported) assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} is imported by the React entry but not an optional peer`);
  });
});

describe('custom-elements.json', () => {
  /** The tag list, read from its source. */
  const tags = [...read('src/elements/tags.ts').matchAll(/^\s*'(vc-[a-z-]+)': (\w+),$/gm)].map(([, tag, className]) => ({ tag, className }));

  /** The JSDoc header of `className`, wherever its file is. */
  function headerOf(className) {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
      }
    };
    walk('src/elements');
    for (const file of files) {
      const text = read(file);
      const at = text.indexOf(`export class ${className} `);
      if (at < 0) continue;
      const header = text.slice(text.lastIndexOf('/**', at), at);
      const names = (kind) => [...header.matchAll(new RegExp(`@${kind} (\\S+)`, 'g'))].map((m) => (m[1] === '-' ? '' : m[1])).sort();
      const usesTokens = /import \{[^}]*\btokens\b[^}]*\} from '\.\.\/internal\/shared\.styles\.js'/.test(text);
      return { file, events: names('event'), parts: names('csspart'), properties: names('cssproperty'), slots: names('slot'), usesTokens };
    }
    throw new Error(`no class ${className} in src/elements`);
  }

  test('lists every tag of src/elements/tags.ts with the events, parts, custom properties and slots of its JSDoc header', () => {
    assertBuilt();
    assert.ok(tags.length >= 10, `read ${tags.length} tags from tags.ts`);
    const manifest = JSON.parse(read(pkg.customElements));
    const declarations = manifest.modules.flatMap((module) => (module.declarations ?? []).map((d) => ({ ...d, module: module.path })));
    const tokenNames = [...read('src/elements/internal/shared.styles.ts').matchAll(/@cssproperty (--vc-[\w-]+)/g)].map((m) => m[1]);
    for (const { tag, className } of tags) {
      const element = declarations.find((d) => d.tagName === tag);
      assert.ok(element, `<${tag}> is not in the manifest`);
      assert.equal(element.name, className);
      assert.ok(existsSync(join(root, element.module)), `<${tag}>'s module ${element.module} is not in dist/`);
      const header = headerOf(className);
      const names = (list) => (list ?? []).map((item) => item.name).sort();
      assert.deepEqual(names(element.events), header.events, `<${tag}> events`);
      assert.deepEqual(names(element.cssParts), header.parts, `<${tag}> parts`);
      assert.deepEqual(names(element.slots), header.slots, `<${tag}> slots`);
      // A documented slot exists: the tag renders it (`<slot>`, `<slot name="x">`, or a slot element it makes).
      const source = read(header.file);
      for (const slot of header.slots) {
        const rendered = slot === '' ? /<slot>/.test(source) : source.includes(`<slot name="${slot}">`) || source.includes(`slot.name = '${slot}'`);
        assert.ok(rendered, `<${tag}> documents the slot "${slot}" but never renders it`);
      }
      const expected = [...header.properties, ...(header.usesTokens ? tokenNames : [])].sort();
      assert.deepEqual(names(element.cssProperties), [...new Set(expected)].sort(), `<${tag}> custom properties`);
      const definition = manifest.modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === 'custom-element-definition' && e.name === tag);
      assert.equal(definition?.declaration.name, className, `<${tag}> has no custom-element-definition export`);
    }
    assert.equal(declarations.filter((d) => d.customElement && d.tagName).length, tags.length, 'the manifest has a tag that tags.ts does not');
  });

  test("each React wrapper's onVc… props are its tag's events (every event for <vc-clinic> and the dashboards)", async () => {
    assertBuilt();
    const { EVENTS_OF_TAG } = await import(join(root, 'dist/react/events.js'));
    const { VC_EVENT_NAMES } = await import(join(root, 'dist/events/events.js'));
    const manifest = JSON.parse(read(pkg.customElements));
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement);
    assert.deepEqual(Object.keys(EVENTS_OF_TAG).sort(), tags.map((t) => t.tag).sort());
    for (const [tag, events] of Object.entries(EVENTS_OF_TAG)) {
      const documented = (declarations.find((d) => d.tagName === tag)?.events ?? []).map((e) => e.name).sort();
      if (events === VC_EVENT_NAMES) for (const name of documented) assert.ok(events.includes(name), `<${tag}> fires ${name}, which is no event`);
      else assert.deepEqual([...events].sort(), documented, `the React wrapper of <${tag}>`);
    }
  });

  test('the theme tokens carry their light and dark defaults', () => {
    assertBuilt();
    const manifest = JSON.parse(read(pkg.customElements));
    const list = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'vc-provider-list');
    const primary = list.cssProperties.find((p) => p.name === '--vc-color-primary');
    assert.equal(primary.default, '#0b5cad (dark: #8ab8f0)');
  });
});

describe('types', () => {
  test('a host app type-checks against the package by name: tags, events, entries, React wrappers and JSX', () => {
    assertBuilt();
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/package/consumer/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });

  test("a plain page's script gets the tags' types from the one line getting-started.md gives (issue 19.3)", () => {
    assertBuilt();
    const line = '/// <reference types="@virtual-clinic/sdk" />';
    assert.ok(read('docs/getting-started.md').includes(`\n${line}\n`), 'getting-started.md no longer gives the line');
    assert.ok(read('test/package/consumer/plain-page.js').includes(`\n${line}\n`));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/package/consumer/tsconfig.plain.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });
});

// The type tests of Vue and Angular run from the packed package: test/examples.
describe('Vue (issue 19.2)', () => {
  test("@virtual-clinic/sdk/vue's global component types are those the manifest gives", async () => {
    assertBuilt();
    const { ANGULAR_SOURCE_FILE, frameworkFiles } = await import('../../scripts/build-framework-types.mjs');
    const { [ANGULAR_SOURCE_FILE]: _compiled, ...files } = await frameworkFiles(JSON.parse(read(pkg.customElements)));
    for (const [file, text] of Object.entries(files)) assert.equal(read(file), text, `${file} is not what the manifest gives: run npm run build`);
    assert.match(read('dist/vue/index.d.ts'), /'vc-request-queue': VueCustomElement<VcRequestQueue, [^>]*'clinic'/, "<vc-request-queue>'s Vue props lack clinic");
  });
});

describe('Angular (issue 19.1)', () => {
  test('@virtual-clinic/sdk/angular has a wrapper component per tag, its inputs and outputs those of the manifest', async () => {
    assertBuilt();
    const { bindingsOf } = await import('../../scripts/build-framework-types.mjs');
    const { EVENTS_OF_TAG } = await import(join(root, 'dist/react/events.js'));
    const { VC_EVENT_NAMES } = await import(join(root, 'dist/events/events.js'));
    const types = read('dist/angular/index.d.ts');
    assert.match(read('dist/angular/index.js'), /ɵɵngDeclareComponent/, 'not compiled in partial mode');
    for (const { tagName, className, properties, events } of bindingsOf(JSON.parse(read(pkg.customElements)), EVENTS_OF_TAG, VC_EVENT_NAMES)) {
      const declaration = new RegExp(`ɵcmp: i0\\.ɵɵComponentDeclaration<${className}Component, "${tagName}", never, \\{([^}]*(?:\\}[^}]*)*?)\\}, \\{([^}]*)\\}`).exec(types);
      assert.ok(declaration, `no wrapper of <${tagName}>`);
      const inputs = [...declaration[1].matchAll(/"(\w+)": \{ "alias"/g)].map((m) => m[1]);
      const outputs = [...declaration[2].matchAll(/: "(vc-[a-z-]+)"/g)].map((m) => m[1]);
      assert.deepEqual(inputs, properties, `<${tagName}>'s inputs`);
      assert.deepEqual(outputs, events, `<${tagName}>'s outputs`);
      assert.ok(inputs.includes('clinic'), `<${tagName}>'s wrapper has no [clinic] input`);
    }
  });
});

describe('docs/examples', () => {
  test('type-check as a host app compiles them, against the package by name', () => {
    assertBuilt();
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'docs/examples/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });
});

describe('size budgets', async () => {
  const { BUDGETS, checkSizes } = await import('../../scripts/build-size.mjs');

  test('the script-tag bundle, the core entry and a page with each dashboard are within their gzip budgets', async () => {
    assertBuilt();
    const { rows, over } = await checkSizes();
    assert.deepEqual(over, []);
    assert.deepEqual(rows.map((row) => row.name).sort(), ['cdn', 'cdnChunks', 'core', 'loader', 'providerPage', 'providerPageCdn', 'requesterPage', 'requesterPageCdn']);
  });

  test('a bundle over its budget fails with a message that says by how much and what to do', async () => {
    assertBuilt();
    const { over } = await checkSizes({ budgets: { cdn: 1024, core: 1024 } });
    assert.equal(over.length, 2);
    assert.match(over[0], /single-file script-tag bundle .* is [\d.]+ KB gzip, over its budget of 1\.0 KB by [\d.]+ KB: .*raise BUDGETS/);
  });

  test('the README states every budget', () => {
    const readme = read('README.md');
    for (const bytes of Object.values(BUDGETS)) assert.ok(readme.includes(`${(bytes / 1024).toFixed(1)} KB`), `README lacks the budget ${(bytes / 1024).toFixed(1)} KB`);
  });
});

describe('the dashboards forward their inner tags\' parts', () => {
  test('INNER_PARTS lists exactly the parts of each inner tag\'s JSDoc header', async () => {
    assertBuilt();
    const { INNER_PARTS } = await import(join(root, 'dist/elements/internal/inner-parts.js'));
    const manifest = JSON.parse(read(pkg.customElements));
    const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement);
    for (const [suffix, { parts }] of Object.entries(INNER_PARTS)) {
      const documented = (declarations.find((d) => d.tagName === `vc-${suffix}`)?.cssParts ?? []).map((p) => p.name);
      assert.deepEqual([...parts].sort(), [...documented].sort(), `<vc-${suffix}>: update src/elements/internal/inner-parts.ts`);
    }
  });
});
